"""附件1 推荐表: the checks every copy of the form gets (fields, phone, date, city, county code). Pure.

The .docx and .xlsx readers (tasks/forms/recommendation_*.py) turn their file into raw field values keyed
by RecommendationForm field names and call `build_form` with Anhui's divisions, so both kinds of file
are checked by the same rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from config.divisions import County
from models.errors import Problem
from models.forms import RecommendationForm
from models.values import PHONE_HINT, ValueProblem, find_date, find_phone, parse_date, phone_or_none
from models.values.divisions import code_from_name, code_problem, division_text
from models.values.phones import without_phone
from models.values.text import paragraph_text

ProblemAt = Callable[[str, str], Problem]   # (column label, reason) -> Problem at the right place

DATE_HINT = "请写作 2026-05-08、2026年5月8日 或 2026/5/8"
TEXT_KEYS = ("unit_name", "contact_name", "contact_phone", "basic_situation", "reason", "city_opinion",
             "unit_code", "city_name", "stamped_by")
MISSING = {
    "unit_name": "未填写项目实施单位名称",
    "contact_name": "未填写联系人",
    "contact_phone": f"未填写联系电话（{PHONE_HINT}）",
    "basic_situation": "未填写单位基本情况",
    "reason": "未填写推荐理由",
    "city_opinion": "未填写市总工会推荐意见",
}
_CONTACT_WORDS = re.compile(r"联系人|联系电话|联系方式|手机号码|手机号|手机|电话|座机|固话|(?i:tel|mobile)")
# Template or example text left in a field: only filler marks, a prompt, or a short text with a mask (XX县).
_FILLER = re.compile(r"[\sXxＸｘ×＊*….。_＿—\-－○□■]+")
_PROMPT = re.compile(r"^[（(【\[]?\s*(?:(?:请在此|请|在此|此处)\s*(?:填写|输入|填入|录入)"
                     r"|单击或点击此处|单击此处|点击此处|click (?:or tap )?here)", re.IGNORECASE)
_MASK = re.compile(r"[XxＸｘ×＊*○□]{2,}")
PLACEHELD = ("unit_name", "contact_name", "basic_situation", "reason", "city_opinion")


@dataclass(frozen=True)
class Divisions:
    """The reference divisions the rules check against: counties, and city code → city name."""

    counties: Sequence[County]
    cities: Mapping[str, str]


def split_contact(text: str) -> tuple[str, str]:
    """(name, phone) from text like “张三 13912345678”; phone is the number-like part when invalid."""
    rest = _CONTACT_WORDS.sub(" ", without_phone(text))
    name = " ".join(re.sub(r"[:：,，;；、/|]+", " ", rest).split())
    return name, find_phone(text)


def union_in(text: str, cities: Mapping[str, str]) -> str:
    """The city trade union (e.g. 合肥市总工会) named in a text, or ''."""
    return next((f"{c}总工会" for c in cities.values() if f"{c}总工会" in text), "")


def is_placeholder(text: str) -> bool:
    """Template text left in a field: “请填写…”, “单击或点击此处输入文字。”, “×××”, “XX县总工会”."""
    if not text:
        return False
    return bool(_FILLER.fullmatch(text) or _PROMPT.match(text) or (len(text) <= 30 and _MASK.search(text)))


def build_form(raw: dict[str, object], labels: dict[str, str], problem: ProblemAt, divisions: Divisions,
               *, sheet: str = "", row: int | None = None) -> RecommendationForm | list[Problem]:
    """One form from its raw field values, or every problem found in them (in the form's own order)."""
    text = {key: paragraph_text(raw.get(key)) for key in TEXT_KEYS}
    text["unit_code"] = division_text(text["unit_code"])   # ３４０ １２３
    problems = [problem(labels[k], reason) for k, reason in MISSING.items() if not text[k]]
    problems += [problem(labels[k], f"仍是模板占位文字“{text[k][:30]}”，请填写实际内容")
                 for k in PLACEHELD if is_placeholder(text[k])]
    phone = phone_or_none(text["contact_phone"]) or ""
    if text["contact_phone"] and not phone:
        problems.append(problem(labels["contact_phone"],
                                f"联系电话“{text['contact_phone']}”格式不对（{PHONE_HINT}）"))
    city = _city(text, labels, problem, problems, divisions.cities)
    code = _unit_code(text, city, labels, problem, problems, divisions)
    named, reason = code_from_name(text["unit_name"], city, divisions.counties) if not text["unit_code"] \
        else ("", "")
    if reason:
        problems.append(problem(labels["unit_name"], reason))
    city = city or next((c.city_name for c in divisions.counties if c.code in (code, named)), "")
    stamped_on = _stamped_on(raw.get("stamped_on"), text["city_opinion"], labels, problem, problems)
    if problems:
        order = list(dict.fromkeys(labels.values()))
        return sorted(problems, key=lambda p: order.index(p.column))
    stamped_by = text["stamped_by"] or union_in(text["city_opinion"], divisions.cities) \
        or (f"{city}总工会" if city else "")
    return RecommendationForm(
        unit_name=text["unit_name"], contact_name=text["contact_name"], contact_phone=phone,
        basic_situation=text["basic_situation"], reason=text["reason"], city_opinion=text["city_opinion"],
        unit_code=code, city_name=city, stamped_on=stamped_on, sheet=sheet, row=row, stamped_by=stamped_by)


def _city(text: dict[str, str], labels: dict[str, str], problem: ProblemAt, problems: list,
          cities: Mapping[str, str]) -> str:
    """推荐城市 as one of the 16 names (“合肥” → 合肥市); when blank, the union named in the opinion."""
    names = set(cities.values())
    given = text["city_name"].replace(" ", "")
    if given:
        city = given if given in names else f"{given}市" if f"{given}市" in names else ""
        if not city:
            problems.append(problem(labels["city_name"], f"推荐城市“{given}”不是安徽省的设区市"))
        return city
    union = union_in(text["stamped_by"], cities) or union_in(text["city_opinion"], cities)
    return union.removesuffix("总工会")


def _unit_code(text: dict[str, str], city: str, labels: dict[str, str], problem: ProblemAt,
               problems: list, divisions: Divisions) -> str:
    """县（区）行政区划代码: 6 digits, an Anhui county/district, in the recommending city, the one named."""
    code = text["unit_code"]
    if not code:
        return ""
    reason = code_problem(code, city, text["unit_name"], divisions.counties, divisions.cities)
    if reason is None:
        return code
    problems.append(problem(labels["unit_code"], reason))
    return ""


def _stamped_on(value: object, opinion: str, labels: dict[str, str], problem: ProblemAt,
                problems: list) -> dt.date | None:
    """盖章日期 from its own field (any accepted date form), else a date written in the opinion."""
    try:
        return parse_date(value) or find_date(opinion)
    except ValueProblem as error:
        shown = paragraph_text(value)
        reason = f"盖章日期“{shown}”无法识别（{DATE_HINT}）" if "不是有效日期" in str(error) \
            else f"盖章日期{str(error).removeprefix('日期')}"
        problems.append(problem(labels["stamped_on"], reason))
        return None
