"""Deliver 12: template help text writes the programme's configured figures, not fixed ones."""

from __future__ import annotations

import datetime as dt

import docx
from python_calamine import CalamineWorkbook

from models.forms import WorkPlanText
from tasks.forms.procurement_xlsx import HELP_SHEET, write_procurement_xlsx
from tasks.forms.recommendation_xlsx import NOTES_SHEET, deadline_note, write_recommendation_xlsx
from tasks.forms.workplan import notice_note, read_workplan, write_workplan_docx


def _notes(path) -> list[str]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(NOTES_SHEET).to_python()
    return [str(row[0]) for row in rows if row and row[0]]


def test_the_recommendation_notes_name_the_configured_deadline(tmp_path):
    path = tmp_path / "推荐表.xlsx"
    write_recommendation_xlsx(path, deadline=dt.date(2027, 5, 14))
    notes = _notes(path)
    assert notes[-1] == ("九、报送截止：2027 年 5 月 14 日前，报送至省总工会邮箱 ahghflb@163.com，"
                         "邮件主题写“项目推荐-（推荐城市）-（单位名称）”。")
    assert not any("5 月 12 日" in line for line in notes)


def test_without_a_deadline_the_notes_write_no_date():
    note = deadline_note(None)
    assert "按省总工会通知规定的日期" in note and "月" not in note.replace("通知", "")


def test_the_work_plan_template_writes_the_configured_limit(tmp_path):
    path = tmp_path / "工作方案.docx"
    write_workplan_docx(path, soft_limit=1800)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert notice_note(1800) in texts and "原则上不超过 1800 字" in notice_note(1800)
    assert not any("1500" in t for t in texts)


def test_a_plan_typed_into_that_template_is_read_without_its_note(tmp_path):
    path = tmp_path / "填好的方案.docx"
    typed = WorkPlanText("目标：十场普法。", "有中心。", "按月推进。", 0, "")
    write_workplan_docx(path, typed, soft_limit=1800)
    plan = read_workplan(path)
    assert (plan.targets, plan.foundation, plan.plan) == ("目标：十场普法。", "有中心。", "按月推进。")


def test_the_procurement_notes_name_the_configured_team_minimum(tmp_path):
    path = tmp_path / "遴选材料.xlsx"
    write_procurement_xlsx(path, team_minimum=5)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(HELP_SHEET).to_python()
    text = "\n".join(str(cell) for row in rows for cell in row if cell)
    assert "按项目要求团队应不少于 5 人（进入实施阶段前检查）" in text and "不少于 3 人" not in text
