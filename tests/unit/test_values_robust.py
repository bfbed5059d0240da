"""Every parser of models.values gives a value or a ValueProblem for any input, never another error."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.values import (
    CellError,
    ValueProblem,
    parse_count,
    parse_credit_code,
    parse_date,
    parse_division_code,
    parse_fen,
    parse_id_number,
    parse_phone,
    parse_text,
)

anything = st.one_of(
    st.text(), st.text(alphabet="0123456789-+() 年月日.,/xX元￥"), st.none(), st.booleans(), st.integers(),
    st.floats(), st.dates(), st.datetimes(), st.times(), st.just(CellError("#N/A")),
)
PARSERS = {
    "date": parse_date, "fen": parse_fen, "count": parse_count, "phone": parse_phone,
    "id": lambda v: parse_id_number(v, today=dt.date(2026, 6, 1)), "credit": parse_credit_code,
    "division": lambda v: parse_division_code(v, {"340123"}), "text": lambda v: parse_text(v, limit=20),
}


@pytest.mark.parametrize("name", PARSERS)
@given(value=anything)
def test_any_input_gives_a_value_or_a_value_problem(name, value):
    try:
        PARSERS[name](value)
    except ValueProblem as problem:
        assert problem.reason and not problem.reason.isascii()   # a Chinese reason
