"""Phase 1 registers on SQLite and PostgreSQL: every refusal leaves the database as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlmodel import select

from config.divisions import county_by_name
from models.db import session_scope
from models.errors import InputError
from models.tables import (
    ArchiveDocument,
    AuditEvent,
    GateDecision,
    Notification,
    Recommendation,
    WorkPlan,
)
from models.workplan_count import COUNT_RULE
from tasks.archive import add_archive_document, check_archive_file
from tasks.context import load_context
from tasks.demo.apply import demo_credit_code
from tasks.demo.documents import demo_dossier, demo_recommendation
from tasks.demo.scenario import UNITS
from tasks.files import sha256_file
from tasks.forms.procurement_xlsx import read_procurement_xlsx, write_procurement_xlsx
from tasks.forms.recommendation import read_recommendation_file
from tasks.forms.recommendation_docx import write_recommendation_docx
from tasks.forms.workplan import read_workplan
from tasks.procurement import register_dossier
from tasks.review import ReviewRefused, review_unit
from tasks.submissions import Received, register_recommendations, register_work_plan
from tests.support.database import database_fingerprint

ON = dt.date(2026, 5, 8)
AT = dt.datetime(2026, 5, 8, 9, tzinfo=dt.UTC)
FEIXI = county_by_name("340100", "肥西县")
CHANGFENG = county_by_name("340100", "长丰县")


def _got(path: Path, on: dt.date = ON) -> Received:
    return Received(path, sha256_file(path), on, AT, "测试")


def _recommend(engine, programme, tmp_path: Path, county=FEIXI, replace=False, name="rec.docx"):
    path = tmp_path / name
    write_recommendation_docx(path, demo_recommendation(county, ON))
    return _register(engine, programme, path, replace)


def _register(engine, programme, path: Path, replace=False):
    with session_scope(engine) as session:
        return register_recommendations(session, programme, read_recommendation_file(path), _got(path),
                                        replace=replace)


def _plan_file(tmp_path: Path, chars: int) -> Path:
    """A work plan whose three sections hold exactly `chars` non-whitespace characters."""
    a, b = chars // 3, chars // 3
    c = chars - a - b
    path = tmp_path / f"plan-{chars}.txt"
    path.write_text(f"一、目标任务\n{'目' * a}\n二、工作基础\n{'基' * b}\n三、具体方案\n{'方 ' * c}\n",
                    encoding="utf-8")
    return path


def _refused(engine, action) -> InputError:
    before = database_fingerprint(engine)
    with pytest.raises(InputError) as info:
        action()
    assert database_fingerprint(engine) == before, "a refused input changed the database"
    return info.value


def test_a_second_recommendation_from_a_city_is_refused_and_replace_is_audited(engine, programme, tmp_path):
    _recommend(engine, programme, tmp_path)
    error = _refused(engine, lambda: _recommend(engine, programme, tmp_path, CHANGFENG, name="b.docx"))
    assert "合肥市已推荐" in str(error) and "由省总工会办理替换" in str(error) and "--" not in str(error)

    _recommend(engine, programme, tmp_path, CHANGFENG, replace=True, name="c.docx")
    with session_scope(engine) as session:
        recs = {r.unit_code: r.status for r in session.exec(select(Recommendation))}
        audit = session.exec(select(AuditEvent).where(AuditEvent.action == "recommendation.replaced")).one()
    assert recs == {FEIXI.code: "replaced", CHANGFENG.code: "active"}
    details = json.loads(audit.details_json)
    assert (details["old_unit"], details["new_unit"]) == (FEIXI.code, CHANGFENG.code)


def test_the_same_recommendation_file_twice_is_a_duplicate(engine, programme, tmp_path):
    _recommend(engine, programme, tmp_path)  # the same bytes again: a docx written anew carries the clock
    error = _refused(engine, lambda: _register(engine, programme, tmp_path / "rec.docx"))
    assert "不重复导入" in str(error)


def test_a_work_plan_over_1500_characters_is_accepted_and_refused_only_over_a_configured_hard_limit(
    engine, programme, tmp_path
):
    _recommend(engine, programme, tmp_path)
    hard = dataclasses.replace(programme, cfg=programme.cfg.model_copy(update={"workplan_hard_limit": 1600}))

    def store(path: Path, ref=programme):
        with session_scope(engine) as session:
            register_work_plan(session, ref, FEIXI.code, read_workplan(path), _got(path))

    error = _refused(engine, lambda: store(_plan_file(tmp_path, 1601), hard))
    assert "1601 字" in str(error) and "1600 字硬上限" in str(error) and COUNT_RULE in str(error)
    store(_plan_file(tmp_path, 1600), hard)
    store(_plan_file(tmp_path, 1601))
    with session_scope(engine) as session:
        plans = session.exec(select(WorkPlan).order_by(WorkPlan.id)).all()
    assert [p.char_count for p in plans] == [1600, 1601]
    assert plans[1].sha256 == sha256_file(tmp_path / "plan-1601.txt")


def test_a_work_plan_for_a_unit_not_recommended_is_refused(engine, programme, tmp_path):
    path = _plan_file(tmp_path, 300)

    def store():
        with session_scope(engine) as session:
            register_work_plan(session, programme, FEIXI.code, read_workplan(path), _got(path))

    assert "尚未收到单位 340123 的推荐表" in str(_refused(engine, store))


def test_a_recommendation_received_outside_the_programme_is_refused(engine, programme, tmp_path):
    path = tmp_path / "early.docx"
    write_recommendation_docx(path, demo_recommendation(FEIXI, ON))

    def store():
        with session_scope(engine) as session:
            register_recommendations(session, programme, read_recommendation_file(path),
                                     _got(path, dt.date(2026, 3, 1)))

    assert "不在 2026 年度项目期内" in str(_refused(engine, store))


def test_a_county_outside_the_recommending_city_is_refused(engine, programme, tmp_path):
    form = demo_recommendation(CHANGFENG, ON)
    from dataclasses import replace

    path = tmp_path / "wrong-city.docx"
    write_recommendation_docx(path, replace(form, city_name="芜湖市"))

    def store():
        with session_scope(engine) as session:
            register_recommendations(session, programme, read_recommendation_file(path), _got(path))

    message = str(_refused(engine, store))
    assert "长丰县" in message and "芜湖市" in message and "wrong-city.docx" in message


def _review(engine, programme, decision, reason="", on=dt.date(2026, 5, 14)):
    with session_scope(engine) as session:
        return review_unit(session, programme, FEIXI.code, decision, by="李审核", reason=reason, on=on,
                           at=dt.datetime.combine(on, dt.time(10), dt.UTC))


def test_a_return_needs_a_reason_notifies_the_city_and_reopens_the_submission(engine, programme, tmp_path):
    _recommend(engine, programme, tmp_path)
    plan = _plan_file(tmp_path, 600)
    with session_scope(engine) as session:
        register_work_plan(session, programme, FEIXI.code, read_workplan(plan), _got(plan))
    with pytest.raises(ReviewRefused, match="退回须说明理由"):
        _review(engine, programme, "return")
    _review(engine, programme, "return", reason="目标缺少数字")
    with session_scope(engine) as session:
        decision = session.exec(select(GateDecision).where(GateDecision.gate == "filing")).one()
        audit = session.exec(select(AuditEvent).where(AuditEvent.action == "filing.return")).one()
        notice = session.exec(select(Notification).where(Notification.rule == "filing_returned")).one()
    assert (decision.decision, decision.reason, audit.actor) == ("return", "目标缺少数字", "李审核")
    assert notice.audience == "city-340100" and notice.urgent and "目标缺少数字" in notice.body
    [slot] = [s for s in load_context(engine, programme, dt.date(2026, 5, 15)).statuses
              if s.slot.unit_code == FEIXI.code]
    assert "materials_submitted" in slot.gate.unmet and "filed" in slot.gate.unmet


def test_approval_needs_a_work_plan_and_happens_once(engine, programme, tmp_path):
    _recommend(engine, programme, tmp_path)
    with pytest.raises(ReviewRefused, match="尚未收到工作方案"):
        _review(engine, programme, "approve")
    plan = _plan_file(tmp_path, 600)
    with session_scope(engine) as session:
        register_work_plan(session, programme, FEIXI.code, read_workplan(plan), _got(plan))
    _review(engine, programme, "approve")
    with pytest.raises(ReviewRefused, match="已于 2026-05-14 由 李审核 审核备案"):
        _review(engine, programme, "approve", on=dt.date(2026, 5, 15))


def _dossier_file(tmp_path: Path, **changes) -> Path:
    from dataclasses import replace

    unit = next(u for u in UNITS if u.city_code == "340100")
    dossier = replace(demo_dossier(FEIXI, unit, dt.date(2026, 5, 25), demo_credit_code), **changes)
    path = tmp_path / f"dossier-{len(changes)}.xlsx"
    write_procurement_xlsx(path, dossier)
    return path


def test_a_dossier_meets_the_procurement_criteria_of_the_gate(engine, programme, tmp_path):
    _recommend(engine, programme, tmp_path)
    path = _dossier_file(tmp_path)
    with session_scope(engine) as session:
        register_dossier(session, programme, read_procurement_xlsx(path), _got(path, dt.date(2026, 5, 26)))
    [status] = [s for s in load_context(engine, programme, dt.date(2026, 5, 26)).statuses
                if s.slot.unit_code == FEIXI.code]
    met = {c.code for c in status.gate.criteria if c.met}
    assert {"compliant_method", "team", "duty_schedule", "contract_signed", "task_list"} <= met
    assert "archive_complete" in status.gate.unmet


def test_a_dossier_above_the_subsidy_or_dated_after_its_arrival_is_refused(engine, programme, tmp_path):
    _recommend(engine, programme, tmp_path)
    path = _dossier_file(tmp_path, subsidy_fen=6_000_000, contract_amount_fen=7_000_000)

    def store(on: dt.date):
        with session_scope(engine) as session:
            register_dossier(session, programme, read_procurement_xlsx(path), _got(path, on))

    error = _refused(engine, lambda: store(dt.date(2026, 5, 20)))
    assert "超过补助标准 50,000 元" in str(error) and "晚于登记日期 2026-05-20" in str(error)


@pytest.mark.parametrize(
    ("kind", "content", "outside", "reason"),
    [
        ("procurement_plan", b"x", False, "未知的档案类别"),
        ("中标公示", b"", False, "文件为空"),
        ("award_notice", b"x", True, "不在允许登记的目录内"),
    ],
)
def test_bad_archive_files_are_refused(engine, programme, tmp_path, kind, content, outside, reason):
    folder = tmp_path / ("elsewhere" if outside else "inbox")
    folder.mkdir()
    path = folder / "doc.pdf"
    path.write_bytes(content)
    before = database_fingerprint(engine)
    with pytest.raises(InputError, match=reason):
        check_archive_file(path, kind, [tmp_path / "inbox"])
    assert database_fingerprint(engine) == before


def test_an_archive_file_is_copied_with_its_hash_and_a_duplicate_is_refused(engine, programme, tmp_path):
    _recommend(engine, programme, tmp_path)
    path = tmp_path / "公示.pdf"
    path.write_bytes("中标公示".encode())
    kind, resolved = check_archive_file(path, "中标公示", [tmp_path])

    def store():
        with session_scope(engine) as session:
            return add_archive_document(session, programme, FEIXI.code, kind, _got(resolved),
                                        tmp_path / "store").path

    stored = Path(store())
    assert stored.read_bytes() == path.read_bytes() and stored.is_relative_to(tmp_path / "store")
    assert "已作为“中标公示”登记过" in str(_refused(engine, store))
    with session_scope(engine) as session:
        [doc] = session.exec(select(ArchiveDocument)).all()
    assert doc.sha256 == sha256_file(path) and doc.kind == "award_notice"
