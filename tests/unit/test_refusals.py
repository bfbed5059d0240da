"""Every user-facing refusal derives from one base that holds a Chinese message and its located problems."""

from __future__ import annotations

import pytest

from config.yaml_files import ConfigError
from flows.cli.common import UserError
from models.calendar import CalendarGapError
from models.errors import InputError, Problem, Refusal
from tasks.context import ProgrammeNotFound
from tasks.db_guard import DatabaseRefused
from tasks.demo.reset import DemoRefused
from tasks.oversight import VisitRefused
from tasks.refusals import Refused
from tasks.review import ReviewRefused

BAD_CELL = Problem("台账.xlsx", "金额须大于 0", sheet="法治宣传", row=5, column="金额")


@pytest.mark.parametrize("kind", [UserError, ConfigError, CalendarGapError, ProgrammeNotFound, DemoRefused,
                                  InputError, ReviewRefused, DatabaseRefused, Refused, VisitRefused])
def test_every_user_facing_error_is_a_refusal(kind: type) -> None:
    assert issubclass(kind, Refusal)


def test_a_config_error_is_still_a_value_error_for_the_callers_that_catch_one() -> None:
    assert issubclass(ConfigError, ValueError)


def test_a_message_refusal_prints_its_message_and_is_its_own_single_line() -> None:
    refusal = Refusal("--unit: 未找到实施单位“340999”")
    assert str(refusal) == "--unit: 未找到实施单位“340999”"
    assert refusal.problems == [] and refusal.lines() == ["--unit: 未找到实施单位“340999”"]


def test_a_located_refusal_names_file_sheet_row_and_column_per_problem() -> None:
    option = Problem("--unit", "不是 6 位代码")
    refusal = Refusal(problems=[BAD_CELL, option])
    assert refusal.lines() == ["文件 台账.xlsx，工作表“法治宣传”，第 5 行，“金额”：金额须大于 0",
                               "不是 6 位代码"]
    assert str(refusal).splitlines() == [refusal.lines()[0], "--unit：不是 6 位代码"]


def test_the_command_line_says_options_and_hints_a_page_or_a_receipt_plain_words_only() -> None:
    due = Problem("--due 2027-06-30", "须晚于决定日期", hint="（--due YYYY-MM-DD）")
    code = Problem("--verdict promote", "未过关口")
    refusal = Refusal(problems=[due, code, Problem("--by", "须填写评定人"), Problem("", "须选择", hint="!")])
    assert str(refusal).splitlines() == ["--due 2027-06-30：须晚于决定日期（--due YYYY-MM-DD）",
                                         "--verdict promote：未过关口", "--by：须填写评定人", "须选择!"]
    assert refusal.lines() == ["整改期限 2027-06-30：须晚于决定日期", "评定：未过关口", "须填写评定人",
                               "须选择"]
    message = Refusal("没有该账号", hint="（legalcap users list）")
    assert (str(message), message.lines()) == ("没有该账号（legalcap users list）", ["没有该账号"])
    assert str(InputError(Problem("a.docx", "无表格", hint="，可用模板"))) == "文件 a.docx：无表格，可用模板"


def test_an_input_error_keeps_every_problem_for_a_receipt() -> None:
    error = InputError([BAD_CELL, BAD_CELL])
    assert isinstance(error, Refusal) and error.problems == [BAD_CELL, BAD_CELL]
    assert str(error).startswith("共 2 处问题，未导入任何内容：")


def test_a_calendar_gap_says_in_chinese_which_year_is_missing() -> None:
    gap = CalendarGapError(2031)
    assert gap.year == 2031 and "工作日历未覆盖 2031 年" in str(gap) and gap.lines() == [str(gap)]


def test_every_option_a_problem_names_has_plain_words_for_pages_and_receipts() -> None:
    import re
    from pathlib import Path

    from models.errors import OPTION_WORDS

    root = Path(__file__).resolve().parents[2]
    named = {m for folder in ("models", "tasks", "web") for path in (root / folder).rglob("*.py")
             for m in re.findall(r'Problem\(f?"(--[a-z-]+)', path.read_text(encoding="utf-8"))}
    assert "--due" in named and named <= set(OPTION_WORDS), named - set(OPTION_WORDS)
