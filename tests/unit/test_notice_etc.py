"""The notice's 等 kept in the ledger (其他 with 备注) and a supervision case's steps before the letters."""

from __future__ import annotations

from pathlib import Path

from models.supervision import CaseRow, overdue
from tests.unit.factories import d
from tests.unit.test_forms_ledger import one_row
from tests.unit.test_supervision_cases import UNIT, _cases


def test_another_publicity_form_needs_its_description_in_notes(tmp_path: Path) -> None:
    rows, problems = one_row(tmp_path, "publicity", 形式="其他")
    assert rows == [] and [(p.sheet, p.row, p.column) for p in problems] == [("法治宣传教育", 2, "形式")]
    assert "须在“备注”写明具体形式" in problems[0].reason
    rows, problems = one_row(tmp_path, "publicity", 形式="其他", 备注="法律知识竞赛")
    assert problems == [] and rows[0].subtype == "other" and rows[0].notes == "法律知识竞赛"


def test_another_supervision_topic_needs_its_description_in_notes(tmp_path: Path) -> None:
    rows, problems = one_row(tmp_path, "labour_supervision", 监督事项="其他", 备注="  ")
    assert rows == [] and [(p.sheet, p.row, p.column) for p in problems] == [("劳动法律监督", 2, "监督事项")]
    rows, problems = one_row(tmp_path, "labour_supervision", 监督事项="其他", 备注="休息休假")
    assert problems == [] and rows[0].topic == "other"


def test_complaint_intake_and_investigation_are_steps_of_a_case(tmp_path: Path) -> None:
    rows, problems = one_row(tmp_path, "labour_supervision", 文书="受理投诉举报", 答复期限=None,
                             企业答复日期=None)
    assert problems == [] and rows[0].subtype == "complaint"
    [case] = _cases(CaseRow(UNIT, "JD-9", "complaint", d("2026-07-01"), "某公司"))
    assert case.stage == "complaint" and case.reply_due is None and not overdue(case, d("2026-12-31"))
    [case] = _cases(CaseRow(UNIT, "JD-9", "complaint", d("2026-07-01")),
                    CaseRow(UNIT, "JD-9", "investigation", d("2026-07-03")))
    assert case.stage == "investigation"
    [case] = _cases(CaseRow(UNIT, "JD-9", "complaint", d("2026-07-01")),
                    CaseRow(UNIT, "JD-9", "investigation", d("2026-07-03")),
                    CaseRow(UNIT, "JD-9", "reminder_letter", d("2026-07-10")))
    assert case.stage == "reminder_letter" and set(case.documents) == {"complaint", "investigation",
                                                                       "reminder_letter"}
