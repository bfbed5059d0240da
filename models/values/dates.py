"""Dates as people type them: one list of accepted forms for every form, and its Chinese description.

Accepted: a date or date-time cell; an Excel date serial shown as a plain number (46191 is 2026-06-18);
text 2026-06-18, 2026/6/18, 2026.6.18, 2026年6月18日 (separators may be mixed, spaces and full-width
digits are fine) and 20260618. Blank, or only the template's “年 月 日”, is no date (None). Every date
must lie in 2000–2099: other years are typing errors (1900, 9999 …).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from models.values.cells import CellError, cell_error, cell_text
from models.values.problem import ValueProblem

EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)
EXCEL_EPOCH = dt.date(1899, 12, 30)
DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
BLANK_DATE = re.compile(r"[\s年月日]*")   # the template's “    年  月  日” left unfilled
DATE_EXAMPLES = ("2026-06-18", "2026/6/18", "2026.6.18", "2026年6月18日", "20260618")
_SERIALS = ((EARLIEST_DATE - EXCEL_EPOCH).days, (LATEST_DATE - EXCEL_EPOCH).days)


def date_formats_text() -> str:
    """The accepted date forms in one Chinese line, for the 填写说明 sheets and messages."""
    first, *others = DATE_EXAMPLES
    listed = "、".join(others[:-1]) + " 或 " + others[-1]
    return (f"日期请写作 yyyy-mm-dd（如 {first}），也可写作 {listed}，或使用 Excel 的日期格式单元格；"
            f"年份须在 {EARLIEST_DATE.year}–{LATEST_DATE.year} 年之间。")


def _not_a_date(shown: str) -> ValueProblem:
    return ValueProblem(f"不是有效日期：“{shown}”（应写作如 2026-06-18、2026年6月18日 或 20260618）")


def parse_date(value: object) -> dt.date | None:
    """The date in a cell or a text field (2000–2099); None when blank; ValueProblem otherwise."""
    day = read_date(value)
    if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
        years = f"{EARLIEST_DATE.year}–{LATEST_DATE.year}"
        raise ValueProblem(f"日期 {day} 不合理（应在 {years} 年之间），请核对")
    return day


def read_date(value: object) -> dt.date | None:
    """The date written, before any range check: for a caller holding a narrower range of its own."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, dt.time | dt.timedelta):
        raise ValueProblem(f"单元格是时间“{value}”，不是日期")
    elif value.__class__ is CellError:
        raise ValueProblem(cell_error(value))
    elif isinstance(value, float | int) and not isinstance(value, bool):
        day = _serial_date(value)
    else:
        text = cell_text(value)
        if BLANK_DATE.fullmatch(text):
            return None
        day = _text_date(text)
    return day


def _serial_date(number: float) -> dt.date:
    """An Excel date serial (46191 is 2026-06-18) in a cell shown as a plain number."""
    low, high = _SERIALS
    if float(number).is_integer() and low <= number <= high:
        return EXCEL_EPOCH + dt.timedelta(days=int(number))
    raise _not_a_date(cell_text(number))


def _text_date(text: str) -> dt.date:
    flat = unicodedata.normalize("NFKC", text)
    match = DATE_TEXT.fullmatch(flat)
    parts = match.groups() if match else (
        (flat[:4], flat[4:6], flat[6:]) if len(flat) == 8 and flat.isascii() and flat.isdigit() else None)
    try:
        if parts is None:
            raise ValueError(flat)
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise _not_a_date(text) from None


def find_date(text: str) -> dt.date | None:
    """The first valid date (2000–2099) written inside a longer text, e.g. a stamped opinion; else None."""
    for match in DATE_TEXT.finditer(unicodedata.normalize("NFKC", text)):
        try:
            day = dt.date(*map(int, match.groups()))
        except ValueError:
            continue
        if EARLIEST_DATE <= day <= LATEST_DATE:
            return day
    return None
