"""Phone numbers: a mainland mobile number or a landline with its area code, in one canonical form.

Mobile: 11 digits 1[3-9]…, written with spaces, dashes, full-width digits or +86 → '13912345678'.
Landline: 0 + area code (3 digits for 010/02x, else 4) + 7–8 digits, optionally an extension of 1–6
digits; the area code may be in brackets, dashes and spaces may be anywhere → '0551-62345678',
'0551-62345678-801'.
"""

from __future__ import annotations

import re
import unicodedata

from models.values.cells import CellError, cell_error, cell_text
from models.values.problem import ValueProblem

PHONE_HINT = "手机号为 1 开头的 11 位数字，固定电话带区号，如 0551-62345678"
MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"(0(?:[12]\d|[3-9]\d{2}))-?(\d{7,8})(?:-(\d{1,6}))?")
_DASHES = str.maketrans({"—": "-", "－": "-", "–": "-", "‐": "-", "(": "", ")": "-", " ": ""})
_COUNTRY = re.compile(r"^\+?\s*86[\s-]*")
# a number-like stretch inside longer text (for finding the phone in “张三 139 1234 5678”)
_MOBILE_IN = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_LANDLINE_IN = re.compile(r"(?<![\d-])0\d{2,3}-?\d{7,8}(?![\d-])")
_PHONE_LIKE = re.compile(r"(?:\+\s*86[\s-]*)?[0-9０-９][0-9０-９\s\-－—]+[0-9０-９]")


def phone_or_none(text: str) -> str | None:
    """The canonical number if `text` is exactly one mobile or landline number, else None."""
    flat = unicodedata.normalize("NFKC", text).strip()
    if flat.startswith("+") or (flat.startswith("86") and len(re.sub(r"\D", "", flat)) == 13):
        flat = _COUNTRY.sub("", flat)
    compact = flat.translate(_DASHES).lstrip("-")
    digits = compact.replace("-", "")
    if MOBILE.fullmatch(digits):
        return digits
    match = LANDLINE.fullmatch(compact) or LANDLINE.fullmatch(_split_area(digits))
    if match is None:
        return None
    area, number, extension = match.groups()
    return f"{area}-{number}" + (f"-{extension}" if extension else "")


def _split_area(digits: str) -> str:
    """'055162345678' → '0551-62345678': the area code is 3 digits for 010 and 02x, else 4."""
    if not digits.startswith("0"):
        return digits
    cut = 3 if digits[1:2] in ("1", "2") else 4
    return f"{digits[:cut]}-{digits[cut:]}"


def parse_phone(value: object) -> str | None:
    """The canonical phone number of a cell or field; None when blank; ValueProblem when not a number."""
    if value.__class__ is CellError:
        raise ValueProblem(cell_error(value))
    text = cell_text(value)
    if not text:
        return None
    phone = phone_or_none(text)
    if phone is None:
        raise ValueProblem(f"“{text}”不是有效的电话号码（{PHONE_HINT}）")
    return phone


def find_phone(text: str) -> str:
    """The phone number inside a longer text (“李四，电话：0551-12345678”): canonical when valid, else the
    number-like part as written ('' when there is none)."""
    flat = unicodedata.normalize("NFKC", text).replace("—", "-").replace("－", "-")
    flat = re.sub(r"\+\s*86[\s-]*", "", flat)
    flat = re.sub(r"(?<=\d)\s+(?=[\d-])|(?<=-)\s+(?=\d)", "", flat)
    found = _MOBILE_IN.search(flat.replace("-", "")) or _LANDLINE_IN.search(flat)
    if found:
        return phone_or_none(found.group()) or found.group()
    like = _PHONE_LIKE.search(text)
    return like.group().strip() if like else ""


def without_phone(text: str) -> str:
    """`text` with its number-like parts blanked out (what is left of a contact cell is the name)."""
    return _PHONE_LIKE.sub(" ", text)
