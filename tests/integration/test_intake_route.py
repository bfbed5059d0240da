"""The intake service on SQLite and PostgreSQL: each kind registered through its service, a refusal a
receipt with located problems and the database unchanged, an unknown file or unit held."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

import tasks.services.common
import tasks.services.evaluation
import tasks.services.funds_queries
import tasks.services.ledger_import
from config.divisions import county_by_name
from models.db import session_scope
from models.intake import IntakeKind, Receipt, ReceivedFile
from models.tables import ArchiveDocument, LedgerEntry, Recommendation, WorkPlan
from tasks.demo.documents import demo_plan, demo_recommendation
from tasks.demo.scenario import UNITS
from tasks.forms.funds_xlsx import write_funds_template
from tasks.forms.ledger_xlsx import write_ledger_template
from tasks.forms.recommendation_docx import write_recommendation_docx
from tasks.forms.workplan import write_workplan_docx
from tasks.intake import intake
from tests.support.database import database_fingerprint
from tests.support.demo import feixi_through_the_gate

FEIXI = county_by_name("340100", "肥西县")
MAY_8 = dt.date(2026, 5, 8)
JULY_3 = dt.date(2026, 7, 3)
AT = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)


@pytest.fixture
def wired(engine, programme, tmp_path, monkeypatch):
    """The services on this test's database, files kept under a private LEGALCAP_HOME."""
    monkeypatch.setenv("LEGALCAP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("LEGALCAP_ARCHIVE_ROOTS", raising=False)
    for module in (tasks.services.common, tasks.services.evaluation, tasks.services.funds_queries,
                   tasks.services.ledger_import):
        monkeypatch.setattr(module, "get_engine", lambda: engine)
    return engine


@pytest.fixture
def feixi(wired, programme, tmp_path):
    """肥西县 through the preparation gate (recommended, plan approved, contract signed) by early June."""
    feixi_through_the_gate(wired, programme, tmp_path / "files")
    return wired


def _received(path: Path, on: dt.date = MAY_8, **hints) -> ReceivedFile:
    """The file as the mailbox hands it over: its bytes, not its path."""
    return ReceivedFile(name=path.name, content=path.read_bytes(), received_on=on, registered_at=AT,
                        registered_by="邮箱", sender="clerk@example.cn", **hints)


def _count(engine, table) -> int:
    with session_scope(engine) as session:
        return len(session.exec(select(table)).all())


def test_a_recommendation_then_a_work_plan_naming_its_unit_are_registered(wired, tmp_path):
    form = tmp_path / "推荐.docx"
    write_recommendation_docx(form, demo_recommendation(FEIXI, MAY_8))
    got = intake(_received(form))
    assert (got.ok, got.kind, got.unit, got.counts.new) == (True, IntakeKind.recommendation, "340123", 1)
    assert _count(wired, Recommendation) == 1
    again = intake(_received(form, on=dt.date(2026, 5, 9)))     # sent again: on record, not refused
    assert (again.ok, again.counts.unchanged, again.unit) == (True, 1, "340123")
    assert again.summary == "该文件已于 2026-05-08 登记，本次未重复登记。"
    plan = tmp_path / "方案.docx"
    [unit] = [u for u in UNITS if u.county == "肥西县"]
    write_workplan_docx(plan, demo_plan(FEIXI, unit, 1), unit_name="合肥市肥西县总工会")
    done = intake(_received(plan, unit_hint="340124"))       # the content's unit wins over the sender's
    assert (done.ok, done.kind, done.unit, done.unit_name) == (True, IntakeKind.workplan, "340123", "肥西县")
    with session_scope(wired) as session:
        assert session.exec(select(WorkPlan.unit_code)).all() == ["340123"]
    assert done.lines()[0] == "已收到并登记“方案.docx”：工作方案（附件2），肥西县（340123）。"


def test_a_work_plan_of_no_known_unit_is_held_and_nothing_is_stored(wired, tmp_path):
    plan = tmp_path / "方案.docx"
    write_workplan_docx(plan)
    before = database_fingerprint(wired)
    got = intake(_received(plan))
    assert (got.held, got.kind, got.ok) == (True, IntakeKind.workplan, False)
    assert "无法确定是哪个项目实施单位" in got.lines()[0]
    assert database_fingerprint(wired) == before


def test_an_unrecognised_file_is_held_and_nothing_is_stored(wired, tmp_path):
    path = tmp_path / "扫描0001.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 64)
    before = database_fingerprint(wired)
    got = intake(_received(path, subject="材料"))
    assert got.held and got.kind is None and not got.refused
    assert database_fingerprint(wired) == before


def _ledger(folder: Path, bad: int = 0, good: int = 3) -> Path:
    rows = [{"ledger_id": f"P{i}", "unit_code": "340123", "occurred_on": dt.date(2026, 6, 10 + i),
             "title": f"普法讲座 {i}", "venue": "enterprise", "format": "lecture",
             "participants": -5 if i < bad else 40} for i in range(bad + good)]
    path = folder / "工作台账.xlsx"
    write_ledger_template(path, rows={"publicity": rows})
    return path


def test_a_ledger_with_a_bad_row_stores_the_rest_and_returns_the_rejects_workbook(feixi, tmp_path):
    got = intake(_received(_ledger(tmp_path, bad=1), on=JULY_3))
    assert (got.ok, got.kind, got.counts.new, got.unit) == (True, IntakeKind.ledger, 3, "340123")
    [problem] = got.problems
    assert (problem.sheet, problem.row) == ("法治宣传教育", 2) and problem.column
    assert got.rejects is not None and got.rejects.is_file() and got.rejects.name.endswith(".rejects.xlsx")
    assert _count(feixi, LedgerEntry) == 3
    again = intake(_received(_ledger(tmp_path, bad=0, good=4), on=JULY_3))   # P0 corrected
    assert (again.counts.new, again.counts.unchanged) == (1, 3)


def test_a_ledger_of_only_bad_rows_is_refused_and_changes_nothing(feixi, tmp_path):
    before = database_fingerprint(feixi)
    got = intake(_received(_ledger(tmp_path, bad=2, good=0), on=JULY_3))
    assert got.refused and len(got.problems) == 2 and got.kind == IntakeKind.ledger
    assert database_fingerprint(feixi) == before


def test_a_refused_funds_file_is_a_receipt_with_every_located_problem_and_changes_nothing(feixi, tmp_path):
    path = tmp_path / "经费.xlsx"
    write_funds_template(path, rows=[
        {"unit_code": "340123", "spent_on": dt.date(2026, 7, 6), "amount": 16800, "purpose": "法律服务费"},
        {"unit_code": "340999", "spent_on": dt.date(2026, 7, 7), "amount": 100, "purpose": "法律服务费"}])
    before = database_fingerprint(feixi)
    got = intake(_received(path, on=dt.date(2026, 12, 1)))
    assert got.refused and got.kind == IntakeKind.funds
    assert [(p.sheet, p.row, p.column) for p in got.problems] == [("经费支出", 3, "单位代码")]
    lines = got.lines()
    assert lines[0] == "未能登记“经费.xlsx”（经费支出登记表），原因如下："
    assert "工作表“经费支出”，第 3 行，“单位代码”" in lines[1]
    assert database_fingerprint(feixi) == before


def test_a_report_is_registered_for_the_senders_unit_once(feixi, tmp_path):
    path = tmp_path / "2026年度工作总结.md"
    path.write_text("# 项目工作总结\n\n一、基本情况：按方案完成各项任务。\n", encoding="utf-8")
    got = intake(_received(path, on=dt.date(2027, 5, 6), unit_hint="340123"))
    assert (got.ok, got.kind, got.unit, got.counts.new) == (True, IntakeKind.summary, "340123", 1)
    again = intake(_received(path, on=dt.date(2027, 5, 7), unit_hint="340123"))
    assert again.ok and again.counts.unchanged == 1 and "未重复登记" in again.summary


def test_an_archive_document_takes_its_kind_from_the_subject(feixi, tmp_path):
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(b"%PDF-1.4\n% intake test\n%%EOF\n")
    before = _count(feixi, ArchiveDocument)
    got = intake(_received(path, on=JULY_3, subject="转发：肥西县过程沟通记录"))
    assert (got.ok, got.kind, got.unit) == (True, IntakeKind.archive, "340123")
    assert got.archive_kind == "过程沟通记录" and "采购档案（过程沟通记录）" in got.lines()[0]
    assert _count(feixi, ArchiveDocument) == before + 1
    unchanged = database_fingerprint(feixi)
    again = intake(_received(path, on=JULY_3, subject="肥西县过程沟通记录"))
    assert again.ok and again.counts.unchanged == 1 and database_fingerprint(feixi) == unchanged


def test_no_programme_is_a_refusal_not_an_exception(monkeypatch, tmp_path):
    from tests.support.database import SqliteBackend, migrated_engine

    with SqliteBackend().database(tmp_path) as url, migrated_engine(url) as bare:
        monkeypatch.setenv("LEGALCAP_HOME", str(tmp_path / "home"))
        monkeypatch.setattr(tasks.services.common, "get_engine", lambda: bare)
        form = tmp_path / "推荐.docx"
        write_recommendation_docx(form, demo_recommendation(FEIXI, MAY_8))
        got: Receipt = intake(_received(form))
    assert got.refused and got.message and got.kind == IntakeKind.recommendation


def test_a_held_file_is_registered_once_the_province_names_its_kind_and_unit(feixi, tmp_path):
    path = tmp_path / "扫描0002.pdf"
    path.write_bytes(b"%PDF-1.4\n% award notice scan\n%%EOF\n")
    assert intake(_received(path, on=JULY_3)).held
    got = intake(_received(path, on=JULY_3, kind="中标公示", unit_hint="340123"))
    assert (got.ok, got.kind, got.archive_kind, got.unit) == (True, IntakeKind.archive, "中标公示", "340123")
