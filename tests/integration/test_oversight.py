"""The city's on-site visits: recorded, refused without a trace, and chased by the tick's check."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlmodel import select

from models.db import session_scope
from models.errors import InputError
from models.tables import AuditEvent, Notification, OversightVisit
from tasks.context import load_context
from tasks.oversight import CHECK, load_visits, record_visit
from tasks.tick import run_check
from tests.support.database import database_fingerprint
from tests.support.demo import feixi_through_the_gate

AT = dt.datetime(2026, 5, 8, 9, tzinfo=dt.UTC)
FEIXI, LUJIANG = "340123", "340124"
SEPT_16, OCT_8 = dt.date(2026, 9, 16), dt.date(2026, 10, 8)
INSPECTOR = "合肥市总工会 王督导"




def _recorded_at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), dt.timezone(dt.timedelta(hours=8)))


def _visit(engine, programme, visited_on: dt.date, *, unit: str = FEIXI, notes: str = "实地调研台账与坐班",
           file: Path | None = None, recorded_on: dt.date | None = None) -> OversightVisit:
    with session_scope(engine) as session:
        return record_visit(session, programme, unit, visited_on=visited_on, by=INSPECTOR, notes=notes,
                            file=file, at=_recorded_at(recorded_on or visited_on))


def _check(engine, programme, as_of: dt.date):
    return run_check(engine, load_context(engine, programme, as_of), CHECK)


def _oversight_rows(engine) -> list[Notification]:
    with session_scope(engine) as session:
        return list(session.exec(select(Notification).where(Notification.rule == "city_oversight")
                                 .order_by(Notification.id)))


@pytest.fixture
def feixi(engine, programme, tmp_path):
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    return programme


def test_a_visit_is_stored_with_its_file_hash_and_audited(engine, feixi, tmp_path) -> None:
    record = tmp_path / "督导记录.txt"
    record.write_text("2026-09-08 到肥西县总工会实地督导：查阅台账、指导监督案件。", encoding="utf-8")
    _visit(engine, feixi, dt.date(2026, 9, 8), file=record, recorded_on=dt.date(2026, 9, 10))
    with session_scope(engine) as session:
        [visit] = session.exec(select(OversightVisit)).all()
        [event] = session.exec(select(AuditEvent).where(AuditEvent.action == "oversight.recorded")).all()
        visits = load_visits(session, feixi.id, dt.date(2026, 9, 30))
        before = load_visits(session, feixi.id, dt.date(2026, 9, 7))
    assert (visit.unit_code, visit.city_code, visit.visited_on) == (FEIXI, "340100", dt.date(2026, 9, 8))
    assert visit.visited_by == INSPECTOR and visit.notes == "实地调研台账与坐班"
    assert visit.sha256 == hashlib.sha256(record.read_bytes()).hexdigest()
    assert visit.file_path == str(record.resolve())
    assert (event.subject, event.actor, event.on_date) == (FEIXI, INSPECTOR, dt.date(2026, 9, 10))
    assert visit.sha256 in event.details_json
    assert visits == {FEIXI: [dt.date(2026, 9, 8)]} and before == {}


@pytest.mark.parametrize("change, reason", [
    ({"unit": "340999"}, "不是已知的县（区）行政区划代码"),
    ({"unit": LUJIANG}, "不是 2026 年度的项目实施单位"),
    ({"visited_on": dt.date(2026, 9, 11)}, "晚于登记日期 2026-09-10"),
    ({"visited_on": dt.date(2026, 4, 28)}, "不在组织实施阶段内"),
    ({"notes": "  "}, "须填写督导情况"),
    ({"file": Path("不存在的督导记录.pdf")}, "文件不存在"),
], ids=["unknown_unit", "not_implementing", "future_date", "before_the_window", "empty_notes",
        "missing_file"])
def test_a_refused_visit_changes_nothing(engine, feixi, change: dict, reason: str) -> None:
    args = {"unit": FEIXI, "visited_on": dt.date(2026, 9, 8), "notes": "业务指导", "file": None} | change
    before = database_fingerprint(engine)
    with pytest.raises(InputError) as refused:
        _visit(engine, feixi, args.pop("visited_on"), recorded_on=dt.date(2026, 9, 10), **args)
    assert reason in str(refused.value)
    assert database_fingerprint(engine) == before


def test_every_problem_is_named_at_once_and_a_repeat_is_refused(engine, feixi) -> None:
    with pytest.raises(InputError) as refused:
        _visit(engine, feixi, dt.date(2026, 9, 12), unit=LUJIANG, notes="", recorded_on=dt.date(2026, 9, 10))
    message = str(refused.value)
    assert message.startswith("共 3 处问题") and "--unit 340124" in message and "--notes" in message
    _visit(engine, feixi, dt.date(2026, 9, 8))
    before = database_fingerprint(engine)
    with pytest.raises(InputError, match="已登记过"):
        _visit(engine, feixi, dt.date(2026, 9, 8), recorded_on=dt.date(2026, 9, 9))
    assert database_fingerprint(engine) == before


def test_the_city_is_reminded_in_september_and_a_visit_cancels_the_reminder(engine, feixi) -> None:
    _visit(engine, feixi, dt.date(2026, 6, 20))
    assert _check(engine, feixi, SEPT_16 - dt.timedelta(days=1)).queued == 0
    first = _check(engine, feixi, SEPT_16)
    again = _check(engine, feixi, SEPT_16)
    [row] = _oversight_rows(engine)
    assert (first.findings, first.queued, again.queued) == (1, 1, 0)
    assert (row.subject, row.period, row.rung, row.audience, row.status) == (
        FEIXI, "2026Q3", 0, "city-340100", "pending")
    assert row.title == "【督导提醒】合肥市：本季度尚未到肥西县实地督导，2026-09-30 前须完成"
    assert "legalcap " not in row.body and "督导记录" in row.body and "ahghflb@163.com" in row.body

    _visit(engine, feixi, dt.date(2026, 9, 17))
    after = _check(engine, feixi, dt.date(2026, 9, 17))
    [row] = _oversight_rows(engine)
    assert row.status == "cancelled" and after.findings == 0
    assert any("取消未发送提醒 1 条" in note for note in after.notes)


def test_without_a_q3_visit_the_province_is_told_on_october_8(engine, feixi) -> None:
    _visit(engine, feixi, dt.date(2026, 6, 20))
    _check(engine, feixi, SEPT_16)
    assert _check(engine, feixi, dt.date(2026, 9, 30)).queued == 0
    told = _check(engine, feixi, OCT_8)
    rows = _oversight_rows(engine)
    assert told.queued == 1 and "未督导：合肥市（2026年第3季度）" in told.notes
    assert [(r.audience, r.period, r.rung, r.created_on) for r in rows] == [
        ("city-340100", "2026Q3", 0, SEPT_16), ("province", "2026Q3", 1, OCT_8)]
    assert rows[1].title == "【督导未完成】合肥市2026年第3季度未到肥西县实地督导"


def test_a_visit_in_the_next_quarter_does_not_cancel_the_province_notice(engine, feixi) -> None:
    _visit(engine, feixi, dt.date(2026, 6, 20))
    _check(engine, feixi, OCT_8)
    _visit(engine, feixi, dt.date(2026, 10, 9))
    _check(engine, feixi, dt.date(2026, 10, 9))
    [province] = _oversight_rows(engine)
    assert (province.audience, province.period, province.status) == ("province", "2026Q3", "pending")
