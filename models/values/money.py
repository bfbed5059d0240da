"""Money in yuan as people type it → whole fen (分), with an upper bound.

A number cell is taken as its amount when it lies within FLOAT_TOLERANCE_YUAN (0.000001 元) of a
two-decimal amount: 28285.420000000002 (how a float stores 28285.42 after arithmetic) is 2,828,542 fen;
0.123 is refused (more than two decimals). Text is exact: “52,000.00元”, “￥1,200”, full-width digits are
fine, “28285.421” is refused. Negative amounts, NaN, infinity and anything above the bound are refused
with a reason, never a decimal.InvalidOperation.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from models.values.cells import CellError, cell_error, cell_text
from models.values.problem import ValueProblem

MAX_YUAN = 100_000_000           # 1 亿元 per cell: beyond it a figure is a typing error
FLOAT_TOLERANCE_YUAN = 1e-6
_TOLERANCE_FEN = FLOAT_TOLERANCE_YUAN * 100

_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")  # 12,345.60: thousands separators


def parse_fen(value: object, *, maximum_yuan: int = MAX_YUAN) -> int | None:
    """Fen of a yuan amount (≥ 0, at most two decimals, at most `maximum_yuan`); None when blank."""
    if value.__class__ is float:
        return fen_from_float(value, maximum_yuan)
    if value.__class__ is CellError:
        raise ValueProblem(cell_error(value))
    if isinstance(value, bool):
        raise ValueProblem(f"应填金额数字，实为逻辑值 {cell_text(value)}")
    if isinstance(value, int):
        return _within(Decimal(value), str(value), maximum_yuan)
    text = cell_text(value)
    if not text:
        return None
    flat = unicodedata.normalize("NFKC", text).replace(" ", "")
    flat = flat.removesuffix("元").removeprefix("¥").removeprefix("￥")
    if "," in flat:
        if not _GROUPED.fullmatch(flat):
            raise ValueProblem(f"不是数字：“{text}”（千位分隔符应每三位一个，如 12,345.60，或不用分隔符）")
        flat = flat.replace(",", "")
    try:
        amount = Decimal(flat)
    except InvalidOperation:
        raise ValueProblem(f"不是数字：“{text}”（金额以元为单位填写数字）") from None
    if not amount.is_finite():
        raise ValueProblem(f"不是数字：“{text}”（金额以元为单位填写数字）")
    return _within(amount, text, maximum_yuan)


def fen_from_float(number: float, maximum_yuan: int = MAX_YUAN) -> int:
    """Fen of a number cell: the two-decimal amount within FLOAT_TOLERANCE_YUAN of it, else refused."""
    if not math.isfinite(number):
        raise ValueProblem(f"不是数字：“{cell_text(number)}”（金额以元为单位填写数字）")
    if number < 0:
        raise ValueProblem(f"金额不能为负数：{cell_text(number)}")
    if number > maximum_yuan:
        raise _too_large(cell_text(number), maximum_yuan)
    scaled = number * 100.0
    fen = round(scaled)
    if abs(scaled - fen) > _TOLERANCE_FEN:
        raise ValueProblem(f"金额最多两位小数（到分）：{cell_text(number)}")
    return fen


def _within(amount: Decimal, shown: str, maximum_yuan: int) -> int:
    """Fen of an exact amount: not negative, at most two decimals, not above the bound."""
    if amount < 0:
        raise ValueProblem(f"金额不能为负数：{shown}")
    if amount > maximum_yuan:
        raise _too_large(shown, maximum_yuan)
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueProblem(f"金额最多两位小数（到分）：{shown}")
    return int(amount * 100)


def _too_large(shown: str, maximum_yuan: int) -> ValueProblem:
    return ValueProblem(f"金额 {shown} 元超过合理上限 {maximum_yuan:,} 元，请核对（单位为元）")


def yuan_text(fen: int) -> str:
    """Fen as yuan with two decimals and thousands separators: 2828542 → '28,285.42'."""
    return f"{Decimal(fen) / 100:,.2f}"
