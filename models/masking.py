"""Masking of workers' personal data for material leaving the unit (PIPL), and formula neutralising.

Pure rules over strings: name → 张* ; phone → 138****1234 ; ID number → never exported ; address → county
level. Anhui's county names come from config/divisions.py (read once, then cached).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from config.divisions import anhui_counties
from models.ledger_schema import ADDRESS, ID_NUMBER, PHONE, WORKER_NAME

ADDRESS_WITHHELD = "（地址已脱敏）"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
STARS = "****"

# ---------------------------------------------------------------- names


def mask_name(name: str) -> str:
    """The first character and one star: 张三 → 张*, 欧阳娜娜 → 欧*; blank stays blank."""
    name = name.strip()
    return f"{name[0]}*" if name else ""


# ---------------------------------------------------------------- phones

_LANDLINE = re.compile(
    r"[(（]?(?P<area>0(?:[12]\d|[3-9]\d{2}))[)）]?[-－\s]*(?P<local>\d{3,4}[-\s]?\d{4})"
    r"(?:\s*(?:-|转|#|ext\.?)\s*\d{1,6})?", re.IGNORECASE)


def _mobile_digits(digits: str) -> str:
    """The 11 digits of a mobile number without a +86 / 0086 prefix, or '' when it is none."""
    for prefix in ("0086", "86"):
        if len(digits) == 11 + len(prefix) and digits.startswith(prefix):
            digits = digits[len(prefix):]
    return digits if len(digits) == 11 and digits[0] == "1" else ""


def mask_phone(phone: str) -> str:
    """138****1234 for a mobile, 0551-****5678 for a landline, ****5678 otherwise; blank stays blank."""
    text = phone.strip()
    if not text:
        return ""
    digits = re.sub(r"\D", "", text)
    if len(digits) < 7:
        return STARS
    mobile = _mobile_digits(digits)
    if mobile:
        return f"{mobile[:3]}{STARS}{mobile[-4:]}"
    landline = _LANDLINE.fullmatch(text)
    if landline:
        return f"{landline['area']}-{STARS}{landline['local'][-4:]}"
    return f"{STARS}{digits[-4:]}"


# ---------------------------------------------------------------- addresses

_PROVINCES = ("河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南"
              "|四川|贵州|云南|陕西|甘肃|青海|台湾")
_REGIONS = "内蒙古|广西壮族|西藏|宁夏回族|新疆维吾尔"
_PROVINCE = (rf"(?:(?:{_PROVINCES})省?|(?:{_REGIONS})自治区|内蒙古|广西|西藏|宁夏|新疆"
             r"|(?:北京|天津|上海|重庆)市?)")
# one character of a division's own name: no digits, no level word, never the start of a street-level word
_NAME = r"(?:(?!小区|社区|校区|路|街|巷|弄|号|村|组|栋|幢|楼|单元|室)[^\s\d省市县区旗盟])"
_PREFECTURE = rf"(?:{_NAME}{{1,12}}?(?:自治州|地区)|{_NAME}{{1,6}}?(?:市|盟))"
_COUNTY = rf"{_NAME}{{1,12}}?(?:县|区|旗)"
_COUNTY_CITY = rf"{_NAME}{{1,6}}?市"
_COUNTY_LEVEL = re.compile(rf"{_PROVINCE}?(?:{_PREFECTURE}(?:{_COUNTY}|{_COUNTY_CITY})|{_COUNTY})")


@dataclass(frozen=True)
class _AnhuiCounty:
    name: str
    city: str


@lru_cache(maxsize=1)
def _anhui() -> tuple[tuple[_AnhuiCounty, ...], re.Pattern[str]]:
    """Anhui's counties and one pattern finding any of their names (longest first at a position)."""
    counties = tuple(_AnhuiCounty(c.name, c.city_name) for c in anhui_counties())
    return counties, _names_pattern(c.name for c in counties)


def _names_pattern(names: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in sorted(set(names), key=lambda n: (-len(n), n))))


def _anhui_prefix(county: _AnhuiCounty) -> re.Pattern[str]:
    """What may stand before a county's name: 安徽省 and its city, each optional, with or without 省/市."""
    city = re.escape(county.city.removesuffix("市"))
    return re.compile(rf"(?:安徽省?)?(?:{city}市?)?")


def _cut_in_anhui(text: str) -> tuple[int, str] | None:
    """(start, county-level text) of the first Anhui county named in `text`, or None.

    A prefix that is not 安徽省/its city is dropped and the county named with its city instead.
    """
    counties, pattern = _anhui()
    found = pattern.search(text)
    if found is None:
        return None
    same_name = [c for c in counties if c.name == found.group()]
    prefix = text[:found.start()].strip()
    if any(_anhui_prefix(c).fullmatch(prefix) for c in same_name):
        return found.start(), text[:found.end()].strip()
    county = same_name[0]
    return found.start(), (county.city + county.name if len(same_name) == 1 else county.name)


def mask_address(address: str) -> str:
    """The address cut after its county level: 安徽省合肥市肥西县上派镇… → 安徽省合肥市肥西县."""
    text = address.strip()
    if not text:
        return ""
    general = _COUNTY_LEVEL.match(text)
    anhui = _cut_in_anhui(text)
    if anhui and (general is None or general.end() > anhui[0]):
        return anhui[1]
    return general.group().strip() if general else ADDRESS_WITHHELD


# ---------------------------------------------------------------- free text

ID_WITHHELD = "（身份证号已隐去）"
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?![0-9A-Za-z])")


def free_text_scrubber(names: Iterable[str]) -> Callable[[str], str]:
    """Masking for free text (titles, notes, results), where staff may have typed personal data.

    ID numbers are withheld, mobile numbers masked, and the given workers' full names masked
    (longest first, so 欧阳娜娜 is not half-masked as 欧阳*娜).
    """
    known = sorted({n.strip() for n in names if len(n.strip()) >= 2}, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, known))) if known else None

    def scrub(text: str) -> str:
        text = _ID_IN_TEXT.sub(ID_WITHHELD, text)
        text = _MOBILE_IN_TEXT.sub(lambda m: mask_phone(m.group()), text)
        return pattern.sub(lambda m: mask_name(m.group()), text) if pattern else text
    return scrub


# ---------------------------------------------------------------- spreadsheet formulas


def neutralise_formula(text: str) -> str:
    """Prefix a single quote when the text could start a formula (= + - @ TAB CR), as OWASP advises."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


# ---------------------------------------------------------------- which column gets which treatment


@dataclass(frozen=True)
class Masking:
    """The treatment of one personal ledger column; mask None: the column is never exported."""

    key: str
    mask: Callable[[str], str] | None
    rule: str

    @property
    def exported(self) -> bool:
        return self.mask is not None


MASKINGS: dict[str, Masking] = {m.key: m for m in (
    Masking(WORKER_NAME, mask_name, "职工姓名只保留第一个字，其余以 * 代替，如“张*”"),
    Masking(PHONE, mask_phone, "联系电话：手机号保留前 3 位和后 4 位，如“138****1234”；"
                               "固定电话保留区号和后 4 位，如“0551-****5678”"),
    Masking(ID_NUMBER, None, "身份证号一律不导出（本工作簿不含身份证号列）"),
    Masking(ADDRESS, mask_address, "住址只保留到县（区）一级，如“安徽省合肥市肥西县”；"
                                   f"无法识别县（区）的显示为“{ADDRESS_WITHHELD}”"),
)}
EXPORTED_PERSONAL = tuple(key for key, masking in MASKINGS.items() if masking.exported)


def mask_personal(values: Mapping[str, str]) -> dict[str, str]:
    """The exported personal columns of one row, masked; unknown and dropped columns left out."""
    out = {}
    for key in EXPORTED_PERSONAL:
        mask = MASKINGS[key].mask
        assert mask is not None
        out[key] = mask(values.get(key, ""))
    return out
