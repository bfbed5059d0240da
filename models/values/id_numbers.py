"""居民身份证号码 (GB 11643—1999): 6-digit address code, 8-digit birth date, 3-digit order, check char."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable

from models.values.cells import CellError, cell_error, cell_text
from models.values.problem import ValueProblem

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"  # ISO 7064 MOD 11-2: index = weighted sum mod 11
PROVINCES = frozenset({
    "11", "12", "13", "14", "15",
    "21", "22", "23",
    "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46",
    "50", "51", "52", "53", "54",
    "61", "62", "63", "64", "65",
    "71", "81", "82", "83", "91",
})
FIRST_BIRTH = "19000101"
_MONTH_DAYS = frozenset(f"{month:02d}{day:02d}" for month, days in enumerate(
    (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), 1) for day in range(1, days + 1))


def _check(body17: str) -> str:
    """The check character of 17 ASCII digits (not validated).

    The weights are 2**(17-i) mod 11 and 13 ≡ 2 (mod 11), so the weighted sum is ≡ 2 × (the digits read in
    base 13): one C-level int() instead of 17 multiplications.
    """
    return CHECK_CHARACTERS[2 * int(body17, 13) % 11]


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _real_date(birth: str) -> bool:
    """birth: 8 ASCII digits YYYYMMDD; True when that day exists."""
    month_day = birth[4:]
    return month_day in _MONTH_DAYS and (month_day != "0229" or _leap(int(birth[:4])))


def id_number_checker(today: dt.date) -> Callable[[str], bool]:
    """A fast yes/no test for a number already in canonical form (18 characters, upper-case X).

    Agrees with `id_number_problem(number, today=today) is None` for such numbers; for bulk checks.
    """
    latest = f"{today:%Y%m%d}"
    provinces, checks, months = PROVINCES, CHECK_CHARACTERS, _MONTH_DAYS

    def valid(number: str) -> bool:
        body = number[:17]
        return (len(number) == 18 and body.isdigit() and body.isascii() and number[:2] in provinces
                and number[10:14] in months and FIRST_BIRTH <= number[6:14] <= latest
                and (number[10:14] != "0229" or _leap(int(number[6:10])))
                and number[17] == checks[2 * int(body, 13) % 11])
    return valid


def id_check_character(body17: str) -> str:
    """The 18th character (0–9 or X) for the first 17 digits."""
    if len(body17) != 17 or not (body17.isascii() and body17.isdigit()):
        raise ValueError(f"身份证号本体应为 17 位数字，实为“{body17}”")
    return _check(body17)


def id_number_problem(text: str, *, today: dt.date | None = None) -> str | None:
    """None if `text` is a valid 18-character 居民身份证号码, else the reason in Chinese.

    A lower-case x is accepted as X. The birth date must exist and lie between 1900-01-01 and `today`.
    """
    number = text.strip().upper()
    if len(number) != 18:
        return f"身份证号应为 18 位，实为 {len(number)} 位"
    body, check = number[:17], number[17]
    if not (body.isascii() and body.isdigit()):
        return "身份证号前 17 位应全部为数字"
    if check not in CHECK_CHARACTERS:
        return f"身份证号第 18 位应为数字或 X，实为“{check}”"
    if body[:2] not in PROVINCES:
        return f"身份证号前两位“{body[:2]}”不是有效的省级行政区划代码"
    birth = body[6:14]
    if not _real_date(birth):
        return f"身份证号中的出生日期“{birth}”不是有效日期"
    if not FIRST_BIRTH <= birth <= f"{today or dt.date.today():%Y%m%d}":
        return f"身份证号中的出生日期“{birth}”不合理（应在 1900-01-01 至今之间）"
    expected = _check(body)
    if check != expected:
        return f"身份证号校验位错误：第 18 位应为 {expected}，实为 {check}"
    return None


def parse_id_number(value: object, *, today: dt.date) -> str | None:
    """A valid 18-character number (x upper-cased) from a cell; None when blank; ValueProblem otherwise.

    A number cell is refused: Excel keeps only 15 significant digits, the last ones are already lost.
    """
    if value.__class__ is CellError:
        raise ValueProblem(cell_error(value))
    if isinstance(value, float | int) and not isinstance(value, bool):
        raise ValueProblem("身份证号被存成了数字（Excel 只保留 15 位有效数字，后几位已丢失），"
                           "请把该列设为文本后重新填写")
    text = unicodedata.normalize("NFKC", cell_text(value)).upper()
    if not text:
        return None
    problem = id_number_problem(text, today=today)
    if problem:
        raise ValueProblem(problem)
    return text
