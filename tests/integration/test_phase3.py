"""Phase 3 on a real database: reports submitted once per file, verdicts recorded or refused, the chases."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from sqlmodel import select

from models.db import session_scope
from models.enums import Phase
from models.errors import InputError
from models.ladders import rung_date
from models.tables import AuditEvent, Notification, Recommendation, Submission, Verdict
from notifications.routes import Routes
from tasks.checks import checks_for
from tasks.context import load_context
from tasks.evaluation_checks import RECTIFICATION_CHECK, REPORT_CHECK
from tasks.files import sha256_file
from tasks.reports import check_report_file, load_reports, submit_report
from tasks.rubric import rubric_inputs, score_units
from tasks.submissions import Received
from tasks.tick import run_check, tick_once
from tasks.verdicts import record_recheck, record_verdict
from tests.support.database import database_fingerprint
from tests.support.demo import feixi_through_the_gate

FEIXI, LUJIANG = "340123", "340124"
MAY_10, MAY_20, JUNE_30 = dt.date(2027, 5, 10), dt.date(2027, 5, 20), dt.date(2027, 6, 30)
EVALUATOR, CHECKER = "省总工会 李评审", "省总工会 王复查"


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def feixi(engine, programme, tmp_path):
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    return programme


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _submit(engine, ref, path: Path, tmp_path: Path, *, kind: str = "summary", unit: str = FEIXI,
            on: dt.date = MAY_10, by: str = "肥西县总工会 张经办"):
    got = Received(path.resolve(), sha256_file(path), on, _at(on), by)
    with session_scope(engine) as session:
        return submit_report(session, ref, unit, kind, got, tmp_path / "reports")


def _verdict(engine, ref, verdict: str, *, unit: str = FEIXI, on: dt.date = MAY_20,
             due: dt.date | None = None, by: str = EVALUATOR, notes: str = "台账不全，补齐监督案件材料"):
    with session_scope(engine) as session:
        row, _ = record_verdict(session, ref, unit, verdict=verdict, by=by, on=on, due=due, notes=notes,
                                at=_at(on))
        return row


def _recheck(engine, ref, on: dt.date, *, passed: bool, due: dt.date | None = None):
    with session_scope(engine) as session:
        return record_recheck(session, ref, FEIXI, passed=passed, by=CHECKER, on=on, due=due, at=_at(on))


def _rows(engine, model, **where) -> list:
    with session_scope(engine) as session:
        stmt = select(model).where(*(getattr(model, k) == v for k, v in where.items()))
        return list(session.exec(stmt.order_by(model.id)))


def _rectification_rungs(ref, due: dt.date = JUNE_30) -> list[dt.date]:
    return [rung_date(r, due, ref.calendar) for r in ref.cfg.ladders.rectification.rungs]


def test_the_same_report_twice_is_one_row_and_a_new_version_supersedes_it(engine, feixi, tmp_path) -> None:
    path = _file(tmp_path, "肥西县工作总结.txt", "2026 年度工作总结：普法 12 场，监督 10 件。")
    first = _submit(engine, feixi, path, tmp_path)
    again = _submit(engine, feixi, path, tmp_path, on=dt.date(2027, 5, 11))
    assert (first.created, first.version, again.created, again.version) == (True, 1, False, 1)
    [row] = _rows(engine, Submission)
    stored = Path(row.path)
    assert stored.read_bytes() == path.read_bytes() and stored.is_relative_to(tmp_path / "reports" / FEIXI)
    assert row.sha256 == hashlib.sha256(path.read_bytes()).hexdigest() and row.submitted_on == MAY_10

    path.write_text("2026 年度工作总结（修订）：普法 12 场，监督 11 件。", encoding="utf-8")
    second = _submit(engine, feixi, path, tmp_path, on=dt.date(2027, 5, 16))
    assert (second.created, second.version, second.superseded.sha256) == (True, 2, row.sha256)
    with session_scope(engine) as session:
        facts = load_reports(session, feixi.id, dt.date(2027, 5, 31))[FEIXI]["summary"]
        before = load_reports(session, feixi.id, dt.date(2027, 5, 15))[FEIXI]["summary"]
    assert (facts.first_on, facts.latest.sha256, facts.versions) == (MAY_10, sha256_file(path), 2)
    assert before.latest.sha256 == row.sha256
    events = _rows(engine, AuditEvent, action="report.submitted")
    assert [json.loads(e.details_json)["version"] for e in events] == [1, 2]
    assert json.loads(events[1].details_json)["supersedes"] == row.sha256


@pytest.mark.parametrize("change, reason", [
    ({"unit": "340999"}, "--unit 340999：不是已知的县（区）行政区划代码"),
    ({"unit": LUJIANG}, "--unit 340124：不是 2026 年度的项目实施单位"),
    ({"on": dt.date(2026, 4, 20)}, "早于组织实施阶段开始（2026-05-01）"),
    ({"by": " "}, "--by：须填写报送人或经办人"),
], ids=["unknown_unit", "not_implementing", "before_implementation", "no_one"])
def test_a_refused_report_changes_nothing(engine, feixi, tmp_path, change, reason) -> None:
    path = _file(tmp_path, "成果报告.md", "# 成果报告\n典型案例 3 件")
    before = database_fingerprint(engine)
    with pytest.raises(InputError) as refused:
        _submit(engine, feixi, path, tmp_path, kind="results", **change)
    assert reason in str(refused.value)
    assert database_fingerprint(engine) == before and not (tmp_path / "reports").exists()


@pytest.mark.parametrize("name, content, kind, reason", [
    ("总结.xlsx", "x", "summary", "文件 总结.xlsx：文件类型应为 .docx、.pdf、.doc、.wps、.txt、.md"),
    ("总结.pdf", "", "summary", "文件 总结.pdf：文件为空"),
    ("总结.docx", None, "summary", "文件 总结.docx：文件不存在"),
    ("总结.txt", "x", "report", "--kind：不支持“report”（可选：summary（工作总结）、results（成果报告））"),
])
def test_a_report_file_is_checked_before_anything_is_read(tmp_path, name, content, kind, reason) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        check_report_file(path, kind, [tmp_path])
    assert str(refused.value) == reason


def test_a_report_outside_the_allowed_folders_is_refused_and_chinese_kinds_are_understood(tmp_path) -> None:
    path = _file(tmp_path, "成果.docx", "x")
    assert check_report_file(path, "成果报告", [tmp_path]) == ("results", path.resolve())
    with pytest.raises(InputError, match="文件不在允许登记的目录内"):
        check_report_file(path, "results", [tmp_path / "elsewhere"])


def test_missing_reports_are_chased_and_handing_them_in_cancels_the_unsent_reminders(
        engine, feixi, tmp_path) -> None:
    due = feixi.cfg.deadlines.summary_submission
    first, second, _ = (rung_date(r, due, feixi.calendar) for r in feixi.cfg.ladders.submission.rungs)
    early = load_context(engine, feixi, first - dt.timedelta(days=1))
    assert run_check(engine, early, REPORT_CHECK).queued == 0
    told = run_check(engine, load_context(engine, feixi, first), REPORT_CHECK)
    [row] = _rows(engine, Notification, rule="report_submission")
    assert (told.queued, row.subject, row.audience, row.status) == (1, FEIXI, "unit-340123", "pending")
    assert row.title == "【报送提醒】肥西县：工作总结、成果报告 2027-05-14 前须报送"

    _submit(engine, feixi, _file(tmp_path, "总结.txt", "总结"), tmp_path, on=first)
    later = run_check(engine, load_context(engine, feixi, second), REPORT_CHECK)
    rows = _rows(engine, Notification, rule="report_submission")
    assert sorted((r.rung, r.audience) for r in rows[1:]) == [(1, "city-340100"), (1, "unit-340123")]
    assert "成果报告未按期报送" in rows[1].title and "工作总结" not in rows[1].title
    assert later.notes == ["未报送：肥西县（缺成果报告）"]

    _submit(engine, feixi, _file(tmp_path, "成果.txt", "成果"), tmp_path, kind="results", on=second)
    done = run_check(engine, load_context(engine, feixi, second), REPORT_CHECK)
    assert done.findings == 0 and "已报送，取消未发送提醒 3 条" in done.notes
    assert {r.status for r in _rows(engine, Notification, rule="report_submission")} == {"cancelled"}


def test_a_rectification_puts_a_reminder_in_the_outbox_on_its_first_rung(
        engine, feixi, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LEGALCAP_HOME", str(tmp_path))
    _verdict(engine, feixi, "rectify", due=JUNE_30)
    first = _rectification_rungs(feixi)[0]
    report = tick_once(engine, feixi, first, Routes(None))
    tick_once(engine, feixi, first, Routes(None))
    [row] = _rows(engine, Notification, rule="rectification")
    assert (row.subject, row.period, row.rung, row.audience, row.status) == (
        FEIXI, "2027-06-30", 0, "unit-340123", "sent")
    assert "整改要求：台账不全，补齐监督案件材料" in row.body
    assert any(r.name == "rectification" and r.queued == 1 for r in report.results)
    lines = (tmp_path / "outbox" / "unit-340123.jsonl").read_text(encoding="utf-8").splitlines()
    assert sum("【整改提醒】肥西县：整改须于 2027-06-30 前完成" in line for line in lines) == 1


def test_a_passed_recheck_cancels_the_reminders_sends_no_more_and_closes_the_unit(engine, feixi) -> None:
    _verdict(engine, feixi, "rectify", due=JUNE_30)
    first, second, third = _rectification_rungs(feixi)
    run_check(engine, load_context(engine, feixi, first), RECTIFICATION_CHECK)
    assert [r.status for r in _rows(engine, Notification, rule="rectification")] == ["pending"]

    closed, again = _recheck(engine, feixi, first, passed=True)
    assert (closed.recheck_passed, closed.rechecked_on, closed.rechecked_by) == (True, first, CHECKER)
    assert again is None
    ctx = load_context(engine, feixi, second)
    [feixi_status] = [st for st in ctx.statuses if st.slot.unit_code == FEIXI]
    assert feixi_status.phase.phase == Phase.closed and feixi_status.slot.verdict == "pass"
    assert RECTIFICATION_CHECK in checks_for(ctx)
    result = run_check(engine, ctx, RECTIFICATION_CHECK)
    assert result.findings == 0 and "已登记复查，取消未发送提醒 1 条" in result.notes
    run_check(engine, load_context(engine, feixi, third), RECTIFICATION_CHECK)
    assert [r.status for r in _rows(engine, Notification, rule="rectification")] == ["cancelled"]
    before = load_context(engine, feixi, first - dt.timedelta(days=1))
    assert next(st for st in before.statuses if st.slot.unit_code == FEIXI).phase.phase == Phase.evaluation


def test_a_failed_recheck_starts_a_new_rectification_with_its_new_due_date(engine, feixi) -> None:
    _verdict(engine, feixi, "rectify", due=JUNE_30)
    third = _rectification_rungs(feixi)[2]
    run_check(engine, load_context(engine, feixi, third), RECTIFICATION_CHECK)
    assert {r.period for r in _rows(engine, Notification, rule="rectification")} == {"2027-06-30"}
    new_due = dt.date(2027, 8, 31)
    closed, again = _recheck(engine, feixi, third, passed=False, due=new_due)
    assert closed.recheck_passed is False
    assert (again.verdict, again.due_on, again.decided_on) == ("rectify", new_due, third)
    assert again.decided_by == CHECKER and again.notes.startswith("复查未通过")
    result = run_check(engine, load_context(engine, feixi, third), RECTIFICATION_CHECK)
    assert result.findings == 0  # the new ladder's first rung is still ahead
    old = _rows(engine, Notification, rule="rectification")
    assert len(old) == 3 and {r.status for r in old} == {"cancelled"}
    first = _rectification_rungs(feixi, new_due)[0]
    run_check(engine, load_context(engine, feixi, first), RECTIFICATION_CHECK)
    [row] = _rows(engine, Notification, rule="rectification", period="2027-08-31")
    assert (row.rung, row.audience, row.status) == (0, "unit-340123", "pending")
    [event] = _rows(engine, AuditEvent, action="verdict.rechecked")
    assert json.loads(event.details_json)["new_due_on"] == "2027-08-31"


@pytest.mark.parametrize("args, reason", [
    ({"unit": "340999", "verdict": "pass"}, "--unit 340999：不是已知的县（区）行政区划代码"),
    ({"unit": LUJIANG, "verdict": "pass"}, "--unit 340124：不是 2026 年度的项目实施单位"),
    ({"verdict": "rectify"}, "--due：整改须给出整改期限（--due YYYY-MM-DD）"),
    ({"verdict": "rectify", "due": MAY_20}, "--due 2027-05-20：整改期限须晚于决定日期 2027-05-20"),
    ({"verdict": "promote", "due": JUNE_30}, "--due 2027-06-30：推广、合格不设整改期限"),
    ({"verdict": "excellent"},
     "--verdict excellent：不支持（可选：promote（推广）、pass（合格）、rectify（整改））"),
    ({"verdict": "pass", "by": ""}, "--by：须填写评定人"),
    ({"verdict": "pass", "on": dt.date(2027, 4, 20)},
     "--unit 340123：截至 2027-04-20 处于“组织实施”阶段，总结评估自 2027-05-01 起，不能评定"),
], ids=["unknown_unit", "not_implementing", "rectify_without_due", "due_not_after", "promote_with_due",
        "unknown_verdict", "no_one", "not_in_evaluation"])
def test_a_refused_verdict_changes_nothing(engine, feixi, args, reason) -> None:
    before = database_fingerprint(engine)
    with pytest.raises(InputError) as refused:
        _verdict(engine, feixi, **args)
    assert str(refused.value) == reason
    assert database_fingerprint(engine) == before


def test_a_unit_that_never_passed_the_gate_can_be_ordered_to_rectify_not_passed(engine, programme) -> None:
    with session_scope(engine) as session:
        session.add(Recommendation(
            programme_id=programme.id, city_code="340100", unit_code=FEIXI, unit_name="肥西县总工会",
            contact_name="张三", contact_phone="13800000000", basic_situation="—", reason="—",
            city_opinion="同意", source_file="rec.docx", sha256="a" * 64, received_on=dt.date(2026, 5, 8),
            received_at=_at(dt.date(2026, 5, 8))))
    before = database_fingerprint(engine)
    for verdict in ("pass", "promote"):
        with pytest.raises(InputError, match=r"截至 2027-05-20 未通过筹备部署关口（缺：.*省总工会审核备案.*"
                                             r"不能评定为推广或合格"):
            _verdict(engine, programme, verdict)
    assert database_fingerprint(engine) == before
    row = _verdict(engine, programme, "rectify", due=JUNE_30)
    assert (row.verdict, row.due_on) == ("rectify", JUNE_30)


def test_an_open_rectification_or_the_same_verdict_again_is_refused(engine, feixi) -> None:
    _verdict(engine, feixi, "rectify", due=JUNE_30)
    with pytest.raises(InputError, match="有待复查的整改（期限 2027-06-30）"):
        _verdict(engine, feixi, "promote", on=dt.date(2027, 5, 21))
    _recheck(engine, feixi, dt.date(2027, 6, 1), passed=True)
    with pytest.raises(InputError, match="没有待复查的整改"):
        _recheck(engine, feixi, dt.date(2027, 6, 2), passed=True)
    _verdict(engine, feixi, "promote", on=dt.date(2027, 6, 2))
    with pytest.raises(InputError, match="已于 2027-06-02 评定为“推广”，未重复记录"):
        _verdict(engine, feixi, "promote", on=dt.date(2027, 6, 3))
    with pytest.raises(InputError, match="早于该单位已记录的评定"):
        _verdict(engine, feixi, "pass", on=dt.date(2027, 6, 1))
    assert [v.verdict for v in _rows(engine, Verdict)] == ["rectify", "promote"]


def test_a_verdict_is_audited_with_the_rubric_pre_score(engine, feixi) -> None:
    _verdict(engine, feixi, "pass")
    [event] = _rows(engine, AuditEvent, action="verdict.recorded")
    details = json.loads(event.details_json)
    assert (event.subject, event.actor, details["verdict"]) == (FEIXI, EVALUATOR, "pass")
    # archive 100 × 0.1 + timeliness 40 × 0.1 (duties 100, 100, 0, 0 and month-end pace 0/n), 实际成效
    # 待评审: the weights of the scored components (0.8) renormalised → 14 / 0.8
    assert details["pre_score"] == 17.5 and details["suggested"] == "rectify"
    assert details["pre_score_provisional"] is True


def test_the_rubric_reads_every_unit_from_the_snapshot_and_the_bulk_queries(engine, feixi, tmp_path) -> None:
    _submit(engine, feixi, _file(tmp_path, "总结.txt", "总结"), tmp_path, on=dt.date(2027, 5, 17))
    ctx = load_context(engine, feixi, MAY_20)
    with session_scope(engine) as session:
        inputs = rubric_inputs(session, ctx)
        scores = score_units(session, ctx)
    assert list(inputs) == [FEIXI] == list(scores)
    got = inputs[FEIXI]
    assert (got.archive_missing, got.periods_kept, got.periods_owed, got.fund_use.against_subsidy_fen,
            got.fund_use.subsidy_fen) == ((), 0, 5, 0, 5_000_000)
    reports = [(d.label, d.done_on) for d in got.duties][2:]
    assert reports == [("工作总结", dt.date(2027, 5, 17)), ("成果报告", None)]
    timeliness = next(c for c in scores[FEIXI].components if c.code == "timeliness")
    kept, checked = got.pace_months   # no ledger: no month-end on pace, one more item scoring 0
    assert kept == 0 and checked > 0
    assert timeliness.score == pytest.approx((100 + 100 + 50 + 0 + 0) / 5)
