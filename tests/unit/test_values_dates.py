"""models.values.dates: one list of accepted date forms for every form."""

from __future__ import annotations

import datetime as dt

import pytest

from models.values import CellError, ValueProblem, date_formats_text, find_date, parse_date
from models.values.dates import DATE_EXAMPLES

D = dt.date


@pytest.mark.parametrize("value", [
    "2026-06-18", "2026/6/18", "2026.6.18", "2026年6月18日", "2026年6月18", "20260618", " 2026 - 6 - 18 ",
    "２０２６年６月１８日", "2026-06-18\u200b",
    D(2026, 6, 18), dt.datetime(2026, 6, 18, 9, 30), 46191, 46191.0,
])
def test_every_accepted_form_gives_the_day(value):
    assert parse_date(value) == D(2026, 6, 18)


@pytest.mark.parametrize("value", [None, "", "   ", "    年  月  日", "年月日"])
def test_blank_or_the_unfilled_template_is_no_date(value):
    assert parse_date(value) is None


@pytest.mark.parametrize("value, reason", [
    ("2026-13-01", "不是有效日期：“2026-13-01”"),
    ("下周二", "不是有效日期"),
    ("2026-02-30", "不是有效日期"),
    ("2026061", "不是有效日期"),
    (46191.5, "不是有效日期：“46191.5”"),
    (5, "不是有效日期"),
    (True, "不是有效日期：“TRUE”"),
    ("1999-12-31", "不合理（应在 2000–2099 年之间）"),
    (D(2100, 1, 1), "不合理"),
    (dt.time(9, 30), "是时间“09:30:00”，不是日期"),
    (CellError("#VALUE!"), "错误值 #VALUE!"),
])
def test_anything_else_is_refused_with_a_chinese_reason(value, reason):
    with pytest.raises(ValueProblem) as error:
        parse_date(value)
    assert reason in str(error.value)
    assert isinstance(error.value, ValueError)   # readers catching ValueError keep working


def test_the_human_list_names_every_accepted_text_form():
    line = date_formats_text()
    assert all(example in line for example in DATE_EXAMPLES)
    assert all(parse_date(example) == D(2026, 6, 18) for example in DATE_EXAMPLES)
    assert "2000–2099" in line and "Excel" in line


def test_a_date_is_found_inside_a_longer_text_skipping_impossible_ones():
    assert find_date("同意推荐。合肥市总工会 2026年2月30日 改 2026 年 5 月 8 日") == D(2026, 5, 8)
    assert find_date("同意推荐") is None
    assert find_date("1998年1月1日") is None
