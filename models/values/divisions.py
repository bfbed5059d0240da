"""县（区）行政区划代码 (GB/T 2260): six digits naming a county or district; pure, the counties are passed in.

`parse_division_code` checks a code against the counties the caller knows (config.divisions.anhui_counties
or the programme's units); `code_problem` and `code_from_name` are the 附件1 rules relating a code, the
recommending city and the unit's name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping

from config.divisions import County
from models.values.cells import CellError, cell_error, cell_text
from models.values.problem import ValueProblem

SIX_DIGITS = re.compile(r"\d{6}")
# GB/T 2260: the first two digits name the province.
PROVINCES = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区", "21": "辽宁省",
    "22": "吉林省", "23": "黑龙江省", "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省",
    "35": "福建省", "36": "江西省", "37": "山东省", "41": "河南省", "42": "湖北省", "43": "湖南省",
    "44": "广东省", "45": "广西壮族自治区", "46": "海南省", "50": "重庆市", "51": "四川省", "52": "贵州省",
    "53": "云南省", "54": "西藏自治区", "61": "陕西省", "62": "甘肃省", "63": "青海省",
    "64": "宁夏回族自治区", "65": "新疆维吾尔自治区", "71": "台湾省", "81": "香港特别行政区",
    "82": "澳门特别行政区",
}


def division_text(value: object) -> str:
    """A code cell as text: trimmed, full-width digits folded, inner spaces dropped (３４０ １２３)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell_text(value)))


def parse_division_code(value: object, known: Collection[str]) -> str | None:
    """A 6-digit code that is one of `known` (the counties taking part); None when blank."""
    if value.__class__ is CellError:
        raise ValueProblem(cell_error(value))
    code = division_text(value)
    if code in known:
        return code
    if not code:
        return None
    if not (SIX_DIGITS.fullmatch(code) and code.isascii()):
        raise ValueProblem(f"单位代码应为 6 位数字（县区行政区划代码），实为“{cell_text(value)}”")
    raise ValueProblem(f"单位代码 {code} 不是本项目的实施单位")


def named_counties(name: str, counties: Iterable[County]) -> list[County]:
    """The counties a unit name mentions (合肥市肥西县总工会 → 肥西县; 太和县 is not also 和县)."""
    found = [c for c in counties if c.name in name]
    return [c for c in found if not any(c.name != o.name and c.name in o.name for o in found)]


def code_problem(code: str, city: str, unit_name: str, counties: Iterable[County],
                 cities: Mapping[str, str]) -> str | None:
    """Why a written county code cannot stand (format, province, city code, other city, other county)."""
    counties = tuple(counties)
    county = next((c for c in counties if c.code == code), None)
    if not (SIX_DIGITS.fullmatch(code) and code.isascii()):
        return f"县（区）行政区划代码“{code}”应为 6 位数字（GB/T 2260），不清楚可留空"
    if code in cities:
        return (f"“{code}”是{cities[code]}（设区市）的代码，此处应填县（区）的代码"
                f"（如肥西县 340123），不清楚可留空")
    if county is None:
        province = PROVINCES.get(code[:2])
        whose = f"（前两位 {code[:2]} 是{province}）" if province and code[:2] != "34" else ""
        return f"“{code}”不是安徽省的县（区）行政区划代码{whose}"
    named = named_counties(unit_name, counties)
    contradicts = bool(named) and county not in named
    other = f"；单位名称“{unit_name}”是{named[0].name}（{named[0].code}）" if contradicts else ""
    if city and county.city_name != city:
        return f"代码 {code} 是{county.city_name}{county.name}，与推荐城市“{city}”不一致{other}"
    if contradicts:
        return (f"代码 {code} 是{county.city_name}{county.name}，与项目实施单位名称“{unit_name}”"
                f"（{named[0].city_name}{named[0].name}，代码 {named[0].code}）不一致")
    return None


def code_from_name(unit_name: str, city: str, counties: Iterable[County]) -> tuple[str, str]:
    """(code, '') of the one county a name mentions in the recommending city; ('', reason) when it lies
    in another city; ('', '') when the name mentions none or several."""
    named = named_counties(unit_name, counties)
    in_city = [c for c in named if not city or c.city_name == city]
    if len(in_city) == 1:
        return in_city[0].code, ""
    if named and not in_city:
        c = named[0]
        return "", f"“{unit_name}”是{c.city_name}{c.name}（{c.code}），与推荐城市“{city}”不一致"
    return "", ""
