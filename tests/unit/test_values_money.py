"""models.values.money: yuan → fen, bounded, one float rule, never decimal.InvalidOperation."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.values import CellError, ValueProblem, fen_from_float, parse_fen, yuan_text
from models.values.money import MAX_YUAN


@pytest.mark.parametrize("value, fen", [
    (0, 0), (12, 1200), (12.5, 1250), (0.07, 7), (28285.420000000002, 2828542), (28285.42, 2828542),
    ("52,000.00元", 5200000), ("￥1,200", 120000), ("¥ 3.5", 350), ("１２３.４５", 12345), ("1e2", 10000),
    (100_000_000, 10_000_000_000), (None, None), ("", None), ("  ", None),
])
def test_amounts_become_fen(value, fen):
    assert parse_fen(value) == fen


@pytest.mark.parametrize("value, reason", [
    (1e30, "超过合理上限 100,000,000 元"), ("1e30", "超过合理上限"), ("1E+999999999", "超过合理上限"),
    (2e8, "超过合理上限 100,000,000 元"),
    (100_000_000.01, "超过合理上限"), (float("nan"), "不是数字"), (float("inf"), "不是数字"),
    ("NaN", "不是数字"), ("Infinity", "不是数字"), ("sNaN", "不是数字"), ("十元", "不是数字：“十元”"),
    (-1, "不能为负数"), (-0.5, "不能为负数"), ("-3", "不能为负数"), (0.123, "最多两位小数"),
    ("28285.421", "最多两位小数"), ("28285.420000000002", "最多两位小数"), (True, "逻辑值"),
    (CellError("#DIV/0!"), "错误值 #DIV/0!"),
])
def test_other_values_are_refused_with_a_reason(value, reason):
    with pytest.raises(ValueProblem) as error:
        parse_fen(value)
    assert reason in str(error.value)


def test_a_column_may_set_a_lower_bound():
    assert parse_fen(10_000_000, maximum_yuan=10_000_000) == 1_000_000_000
    with pytest.raises(ValueProblem, match="超过合理上限 10,000,000 元"):
        parse_fen("10000000.01", maximum_yuan=10_000_000)


@given(st.integers(min_value=0, max_value=MAX_YUAN * 100 - 1))
def test_a_float_one_step_off_a_two_decimal_amount_is_that_amount(fen):
    amount = fen / 100
    for near in (math.nextafter(amount, 0), amount, math.nextafter(amount, math.inf)):
        assert fen_from_float(near) == fen
        assert parse_fen(near) == fen
        assert parse_fen(str(Decimal(fen) / 100)) == fen


@given(st.floats(min_value=0, max_value=MAX_YUAN))
def test_a_float_is_accepted_exactly_when_within_the_tolerance(number):
    nearest = round(number * 100)
    close = abs(number * 100 - nearest) <= 1e-4
    if close:
        assert parse_fen(number) == nearest
    else:
        with pytest.raises(ValueProblem, match="最多两位小数"):
            parse_fen(number)


@given(st.one_of(st.text(), st.floats(), st.integers(), st.decimals().map(str)))
def test_no_input_raises_anything_but_a_value_problem(value):
    try:
        result = parse_fen(value)
    except ValueProblem:
        return
    assert result is None or 0 <= result <= MAX_YUAN * 100


def test_fen_are_shown_as_yuan():
    assert yuan_text(2828542) == "28,285.42"


@pytest.mark.parametrize("text, fen", [("12,345.60", 1_234_560), ("1,200", 120_000),
                                       ("￥1,234,567元", 123_456_700), ("１２,３４５", 1_234_500)])
def test_thousands_separators_in_groups_of_three(text, fen):
    assert parse_fen(text) == fen


@pytest.mark.parametrize("text", ["1,2,3", "12,34", "1234,567", ",123", "1,234,56.00"])
def test_misplaced_separators_are_refused_not_read_as_another_amount(text):
    with pytest.raises(ValueProblem, match="千位分隔符"):
        parse_fen(text)
