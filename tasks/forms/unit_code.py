"""The unit of a 附件1 form: its 县（区）行政区划代码 checked against the reference divisions and its name.

A code must be 6 digits, an Anhui county or district (not a city, not another province), in the
recommending city, and the county the unit's name mentions; when blank, the name gives it.
"""

from __future__ import annotations

import re

from config.divisions import County, anhui_cities, anhui_counties

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


def named_counties(name: str) -> list[County]:
    """The Anhui counties a unit name mentions (合肥市肥西县总工会 → 肥西县; 太和县 is not also 和县)."""
    found = [c for c in anhui_counties() if c.name in name]
    return [c for c in found if not any(c.name != o.name and c.name in o.name for o in found)]


def code_problem(code: str, city: str, unit_name: str) -> str | None:
    """Why a written code cannot stand (format, province, city code, other city, other county), or None."""
    county = next((c for c in anhui_counties() if c.code == code), None)
    if not re.fullmatch(r"\d{6}", code):
        return f"县（区）行政区划代码“{code}”应为 6 位数字（GB/T 2260），不清楚可留空"
    if code in anhui_cities():
        return (f"“{code}”是{anhui_cities()[code]}（设区市）的代码，此处应填县（区）的代码"
                f"（如肥西县 340123），不清楚可留空")
    if county is None:
        province = PROVINCES.get(code[:2])
        whose = f"（前两位 {code[:2]} 是{province}）" if province and code[:2] != "34" else ""
        return f"“{code}”不是安徽省的县（区）行政区划代码{whose}"
    named = named_counties(unit_name)
    contradicts = bool(named) and county not in named
    other = f"；单位名称“{unit_name}”是{named[0].name}（{named[0].code}）" if contradicts else ""
    if city and county.city_name != city:
        return f"代码 {code} 是{county.city_name}{county.name}，与推荐城市“{city}”不一致{other}"
    if contradicts:
        return (f"代码 {code} 是{county.city_name}{county.name}，与项目实施单位名称“{unit_name}”"
                f"（{named[0].city_name}{named[0].name}，代码 {named[0].code}）不一致")
    return None


def code_from_name(unit_name: str, city: str) -> tuple[str, str]:
    """(code, '') of the one county a name mentions in the recommending city; ('', reason) when it lies
    in another city; ('', '') when the name mentions none or several."""
    named = named_counties(unit_name)
    in_city = [c for c in named if not city or c.city_name == city]
    if len(in_city) == 1:
        return in_city[0].code, ""
    if named and not in_city:
        c = named[0]
        return "", f"“{unit_name}”是{c.city_name}{c.name}（{c.code}），与推荐城市“{city}”不一致"
    return "", ""
