"""The ledger's fast column path and its single-cell parsers give the same value or the same reason.

A property test over generated cells (strings, ints, floats incl. the neighbours of two-decimal amounts,
dates, date-times, None, huge numbers, error cells) for every column of every ledger sheet.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.id_number import id_check_character
from models.ledger_schema import SHEETS, Column
from models.values import CellError
from tasks.forms.ledger_cells import Limits, Refused, column_check

D = dt.date
LIMITS = Limits(as_of=D(2026, 12, 31), window=(D(2026, 5, 1), D(2027, 4, 30)),
                known_units=frozenset({"340123", "340202"}))
COLUMNS = list({column: None for sheet in SHEETS for column in sheet.columns})  # the distinct columns
BODY = "34012319900101123"
ID = BODY + id_check_character(BODY)

two_decimals = st.integers(min_value=-10**12, max_value=10**12).map(lambda fen: fen / 100)
near_amounts = two_decimals.flatmap(lambda x: st.sampled_from(
    [x, math.nextafter(x, math.inf), math.nextafter(x, -math.inf),
     math.nextafter(math.nextafter(x, math.inf), math.inf)]))
labels = st.sampled_from([label for column in COLUMNS for pair in column.choices for label in pair])
typical = st.sampled_from([
    "", " ", "340123", " 340123", "340124", "13912345678", "139 1234 5678", "0551-62345678", ID, ID.lower(),
    "2026-06-01", "2026/6/1", "20260601", "2026年6月1日", "46174", "3", "3.0", "3.5", "1,200", "28285.42",
    "28285.420000000002", "1e30", "NaN", "inf", "-1", "普法讲座", "  某公司   讲座 ", "a\u200bb", "\u200b",
    "X" * 501, "X" * 2001, "年 月 日"])
cells = st.one_of(
    typical, labels, st.text(max_size=12), st.none(), st.booleans(),
    st.integers(min_value=-10**20, max_value=10**20), st.floats(allow_nan=True, allow_infinity=True),
    near_amounts, st.floats(min_value=0, max_value=2e7).map(lambda x: round(x, 2)),
    st.dates(min_value=D(1990, 1, 1), max_value=D(2110, 1, 1)),
    st.datetimes(min_value=dt.datetime(1999, 1, 1), max_value=dt.datetime(2101, 1, 1)),
    st.integers(min_value=36000, max_value=74000).map(float), st.sampled_from([1e30, -0.0, 1e300]),
    st.sampled_from([CellError("#N/A"), CellError("#DIV/0!")]), st.times(),
)


def _same(fast: object, slow: object) -> bool:
    if isinstance(fast, float) and isinstance(slow, float) and math.isnan(fast):
        return math.isnan(slow)
    return fast.__class__ is slow.__class__ and fast == slow


@pytest.mark.parametrize("column", COLUMNS, ids=lambda c: f"{c.key}-{c.kind}")
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(cells, min_size=1, max_size=12))
def test_the_fast_path_agrees_with_the_single_cell_parser(column: Column, values: list) -> None:
    check = column_check(column, 0, LIMITS)
    check.refused[0] = 0
    fast = check.bulk(list(values))
    one_by_one = [check.one(v) for v in values]
    pairs = list(zip(values, fast, one_by_one, strict=True))
    assert all(_same(f, s) for _, f, s in pairs), pairs
    assert (check.refused[0] > 0) == any(isinstance(v, Refused) for v in fast)


@pytest.mark.parametrize("number, fen", [(28285.420000000002, 2828542), (0.07, 7), (1234.5, 123450)])
def test_floats_one_step_off_a_two_decimal_amount_take_the_amount_on_both_paths(number, fen):
    amount = next(c for c in COLUMNS if c.kind == "money")
    check = column_check(amount, 0, LIMITS)
    assert check.bulk([number]) == [check.one(number)] == [fen]


def test_huge_and_non_finite_amounts_are_refused_with_a_reason_on_both_paths():
    amount = next(c for c in COLUMNS if c.kind == "money")
    check = column_check(amount, 0, LIMITS)
    for value in (1e30, "1e30", float("nan"), float("inf"), "Infinity"):
        fast, = check.bulk([value])
        assert isinstance(fast, Refused) and fast == check.one(value)
    assert "超过合理上限 10,000,000 元" in check.one(1e30).reason


def test_a_text_longer_than_its_column_is_refused_naming_the_lengths():
    title = next(c for c in COLUMNS if c.key == "title")
    check = column_check(title, 0, LIMITS)
    refused, = check.bulk(["讲" * 501])
    assert refused == Refused("内容过长：最多 500 字，实为 501 字，请精简")
