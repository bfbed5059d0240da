"""models.values.counts: non-negative whole numbers."""

from __future__ import annotations

import pytest

from models.values import CellError, ValueProblem, parse_count


@pytest.mark.parametrize("value, count", [
    (3, 3), (3.0, 3), ("3", 3), ("3.0", 3), ("1,200", 1200), ("１２", 12), (" 7 ", 7), (0, 0),
    (None, None), ("", None),
])
def test_whole_numbers_are_counts(value, count):
    assert parse_count(value) == count


@pytest.mark.parametrize("value, reason", [
    (3.5, "应为整数，实为“3.5”"), ("3.5", "应为整数"), ("三", "应为整数"), (True, "应为整数，实为“TRUE”"),
    (float("nan"), "应为整数"), (float("inf"), "应为整数"), ("1e400", "超过合理上限"), (-1, "不能为负数"),
    ("-2", "不能为负数"), (101, "101 超过合理上限 100"), (1e20, "超过合理上限"), (CellError("#N/A"), "#N/A"),
])
def test_other_values_are_refused(value, reason):
    with pytest.raises(ValueProblem) as error:
        parse_count(value, maximum=100)
    assert reason in str(error.value)
