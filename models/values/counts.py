"""Counts (人数、问题数、目标数量): non-negative whole numbers; 3.0 is 3, 3.5 is refused."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from models.values.cells import CellError, cell_error, cell_text
from models.values.problem import ValueProblem

MAX_COUNT = 10**9   # a count without its own maximum


def parse_count(value: object, *, maximum: int = MAX_COUNT) -> int | None:
    """A whole number 0…maximum from a number cell or text (“1,200”, full-width digits); None when blank."""
    if value.__class__ is CellError:
        raise ValueProblem(cell_error(value))
    if value.__class__ is int:
        number = value
    elif value.__class__ is float and value.is_integer():
        number = int(value)
    else:
        text = cell_text(value)
        if not text:
            return None
        number = _whole(text)
    if 0 <= number <= maximum:
        return number
    if number < 0:
        raise ValueProblem(f"不能为负数，实为 {number}")
    raise ValueProblem(f"{number} 超过合理上限 {maximum}，请核对")


def _whole(text: str) -> int:
    """The whole number written in `text`, else ValueProblem “应为整数”."""
    try:
        amount = Decimal(unicodedata.normalize("NFKC", text).replace(",", ""))
    except InvalidOperation:
        raise ValueProblem(f"应为整数，实为“{text}”") from None
    if not amount.is_finite() or amount != amount.to_integral_value():
        raise ValueProblem(f"应为整数，实为“{text}”")
    if abs(amount) > MAX_COUNT:
        raise ValueProblem(f"{text} 超过合理上限，请核对")
    return int(amount)
