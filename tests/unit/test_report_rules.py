"""Report rules without a database: kinds, file types, dates, versions and each report's status."""

from __future__ import annotations

import datetime as dt
import json

from models.enums import SubmissionKind, SubmissionStatus
from models.evaluation import Submission
from models.report_rules import (
    fold_reports,
    is_repeat,
    kind_problem,
    order_problem,
    report_cell,
    report_cells,
    report_kind,
    submission_problems,
    suffix_problem,
)
from tests.unit.factories import d

UNIT, DUE = "340123", d("2027-05-14")
START = d("2026-05-01")


def _sub(kind: str, on: str, sha: str, row_id: int, unit: str = UNIT) -> Submission:
    return Submission(id=row_id, programme_id=1, unit_code=unit, kind=kind, path=f"/r/{sha}", sha256=sha,
                      submitted_on=d(on), submitted_by="张")


def test_a_report_kind_is_named_by_its_code_or_its_chinese_name() -> None:
    assert report_kind("summary") is SubmissionKind.summary
    assert report_kind(" 成果报告 ") is SubmissionKind.results
    assert report_kind("总结") is None
    assert "summary（工作总结）、results（成果报告）" in kind_problem("总结").reason


def test_report_files_are_documents_whatever_the_case_of_their_suffix() -> None:
    assert suffix_problem("总结.DOCX", ".DOCX") is None
    assert "文件类型应为 .docx" in suffix_problem("总结.xlsx", ".xlsx").reason


def test_a_report_is_dated_from_the_implementation_start_and_names_who_handed_it_in() -> None:
    reasons = [p.reason for p in submission_problems(START - dt.timedelta(days=1), " ", START)]
    assert reasons == [f"早于组织实施阶段开始（{START}）", "须填写报送人或经办人"]
    assert submission_problems(START, "张", START) == []


def test_the_same_file_again_is_a_repeat_and_a_new_version_cannot_be_backdated() -> None:
    latest = _sub("summary", "2027-05-10", "a" * 64, 1)
    assert is_repeat(latest, "a" * 64) and not is_repeat(latest, "b" * 64) and not is_repeat(None, "a" * 64)
    assert "早于已登记版本的日期 2027-05-10" in order_problem(latest, d("2027-05-09")).reason
    assert order_problem(latest, d("2027-05-10")) is None


def test_timeliness_follows_the_first_version_and_the_latest_stands() -> None:
    rows = [_sub("summary", "2027-05-10", "a", 1), _sub("summary", "2027-05-20", "b", 2),
            _sub("results", "2027-05-16", "c", 3)]
    facts = fold_reports(rows)[UNIT]
    cells = report_cells(facts, DUE, d("2027-05-25"))
    assert [cells[k].status for k in SubmissionKind] == [SubmissionStatus.submitted, SubmissionStatus.late]
    assert (cells[SubmissionKind.summary].versions, cells[SubmissionKind.summary].sha256) == (2, "b")


def test_a_missing_report_is_pending_until_the_deadline_then_missing() -> None:
    assert report_cell(None, DUE, DUE).status == "pending"
    assert report_cell(None, DUE, DUE + dt.timedelta(days=1)).status == "missing"


def test_a_cell_as_json_keeps_its_strings_and_order() -> None:
    facts = fold_reports([_sub("summary", "2027-05-10", "a", 1)])[UNIT]["summary"]
    text = json.dumps(report_cell(facts, DUE, DUE).as_dict(), ensure_ascii=False)
    assert text == ('{"status": "submitted", "first_on": "2027-05-10", "latest_on": "2027-05-10", '
                    '"versions": 1, "sha256": "a", "path": "/r/a", "by": "张"}')
    assert json.dumps(report_cell(None, DUE, DUE).as_dict()) == (
        '{"status": "pending", "first_on": null, "latest_on": null, "versions": 0, "sha256": null, '
        '"path": null, "by": null}')
