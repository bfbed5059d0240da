"""附件1 推荐表: the checks every copy of the form gets (phone, date, city, code) and reading by type.

The .docx and .xlsx readers turn their file into raw field values (keyed by RecommendationForm field
names) and call `build_form`, so both kinds of file are checked by the same rules.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from config.divisions import anhui_cities, anhui_counties
from models.errors import InputError, Problem, fail
from models.forms import RecommendationForm
from models.text_clean import visible_text
from tasks.forms.unit_code import code_from_name, code_problem

ProblemAt = Callable[[str, str], Problem]   # (column label, reason) -> Problem at the right place

PHONE_HINT = "手机号为 1 开头的 11 位数字，固定电话如 0551-12345678"
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

_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_LANDLINE = re.compile(r"(?<![\d-])0\d{2,3}-?\d{7,8}(?![\d-])")
_PHONE_LIKE = re.compile(r"(?:\+\s*86[\s-]*)?[0-9０-９][0-9０-９\s\-－—]+[0-9０-９]")
_CONTACT_WORDS = re.compile(r"联系人|联系电话|联系方式|手机号码|手机号|手机|电话|座机|固话|(?i:tel|mobile)")
_DATE = re.compile(r"(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?")
# Template or example text left in a field: only filler marks, a prompt, or a short text with a mask (XX县).
_FILLER = re.compile(r"[\sXxＸｘ×＊*….。_＿—\-－○□■]+")
_PROMPT = re.compile(r"^[（(【\[]?\s*(?:(?:请在此|请|在此|此处)\s*(?:填写|输入|填入|录入)"
                     r"|单击或点击此处|单击此处|点击此处|click (?:or tap )?here)", re.IGNORECASE)
_MASK = re.compile(r"[XxＸｘ×＊*○□]{2,}")
PLACEHELD = ("unit_name", "contact_name", "basic_situation", "reason", "city_opinion")


def read_recommendation_file(path: Path) -> list[RecommendationForm]:
    """The forms in a .docx (one) or an .xlsx (one per row); any other type is an InputError."""
    # Imported here: both readers import the checks from this module.
    from tasks.forms.recommendation_docx import read_recommendation_docx
    from tasks.forms.recommendation_xlsx import read_recommendation_xlsx

    suffix = path.suffix.lower()
    if suffix == ".docx":
        return [read_recommendation_docx(path)]
    if suffix == ".xlsx":
        return read_recommendation_xlsx(path)
    raise fail(path.name, f"不支持的文件类型 {suffix or '（无扩展名）'}（请使用 .docx 或 .xlsx）")


def _digits(text: str) -> str:
    """Full-width digits and dashes made ASCII, +86 and spaces between digits dropped."""
    text = unicodedata.normalize("NFKC", text).replace("—", "-").replace("－", "-")
    text = re.sub(r"\+\s*86[\s-]*", "", text)                      # +86 139…: the country code
    return re.sub(r"(?<=\d)\s+(?=[\d-])|(?<=-)\s+(?=\d)", "", text)


def normalize_phone(text: str) -> str:
    """The phone number if `text` is exactly one mobile or landline number, else ''."""
    compact = _digits(text).replace(" ", "")
    if re.fullmatch(r"1[3-9]\d{9}", compact.replace("-", "")):       # 139-1234-5678 too
        return compact.replace("-", "")
    return compact if re.fullmatch(r"0\d{2,3}-?\d{7,8}", compact) else ""


def split_contact(text: str) -> tuple[str, str]:
    """(name, phone) from text like “张三 13912345678”; phone is the number-like part when invalid."""
    flat = _digits(text)
    found = _MOBILE.search(flat.replace("-", "")) or _LANDLINE.search(flat)
    like = _PHONE_LIKE.search(text)
    phone = found.group() if found else (like.group().strip() if like else "")
    rest = _CONTACT_WORDS.sub(" ", _PHONE_LIKE.sub(" ", text))
    name = " ".join(re.sub(r"[:：,，;；、/|]+", " ", rest).split())
    return name, phone


def parse_date(value: object) -> dt.date | None:
    """A date from a date cell or text (2026-05-08, 2026年5月8日, 2026/5/8); None when blank."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    if re.fullmatch(r"[\s年月日]*", text):    # blank, or the template's “年 月 日”
        return None
    match = _DATE.fullmatch(text)
    if not match:
        raise ValueError(text)
    return dt.date(*map(int, match.groups()))


def find_date(text: str) -> dt.date | None:
    """The first valid date written inside a longer text (e.g. the stamped opinion)."""
    for match in _DATE.finditer(unicodedata.normalize("NFKC", text)):
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            continue
    return None


def union_in(text: str) -> str:
    """The city trade union (e.g. 合肥市总工会) named in a text, or ''."""
    return next((f"{c}总工会" for c in anhui_cities().values() if f"{c}总工会" in text), "")


def clean_text(value: object) -> str:
    """A field's text as a reader sees it: invisible characters out, lines trimmed, blank lines dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    lines = (line.strip() for line in visible_text(str(value)).replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def is_placeholder(text: str) -> bool:
    """Template text left in a field: “请填写…”, “单击或点击此处输入文字。”, “×××”, “XX县总工会”."""
    if not text:
        return False
    return bool(_FILLER.fullmatch(text) or _PROMPT.match(text) or (len(text) <= 30 and _MASK.search(text)))


def build_form(raw: dict[str, object], labels: dict[str, str], problem: ProblemAt,
               *, sheet: str = "", row: int | None = None) -> RecommendationForm | list[Problem]:
    """One form from its raw field values, or every problem found in them."""
    text = {key: clean_text(raw.get(key)) for key in TEXT_KEYS}
    text["unit_code"] = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text["unit_code"]))   # ３４０ １２３
    problems = [problem(labels[k], reason) for k, reason in MISSING.items() if not text[k]]
    problems += [problem(labels[k], f"仍是模板占位文字“{text[k][:30]}”，请填写实际内容")
                 for k in PLACEHELD if is_placeholder(text[k])]
    phone = normalize_phone(text["contact_phone"])
    if text["contact_phone"] and not phone:
        problems.append(problem(labels["contact_phone"],
                                f"联系电话“{text['contact_phone']}”格式不对（{PHONE_HINT}）"))
    city = _city(text, labels, problem, problems)
    code = _unit_code(text["unit_code"], city, text["unit_name"], labels, problem, problems)
    named, reason = code_from_name(text["unit_name"], city) if not text["unit_code"] else ("", "")
    if reason:
        problems.append(problem(labels["unit_name"], reason))
    city = city or next((c.city_name for c in anhui_counties() if c.code in (code, named)), "")
    stamped_on = _stamped_on(raw.get("stamped_on"), text["city_opinion"], labels, problem, problems)
    if problems:
        order = list(dict.fromkeys(labels.values()))
        return sorted(problems, key=lambda p: order.index(p.column))   # in the form's own order
    return RecommendationForm(
        unit_name=text["unit_name"], contact_name=text["contact_name"], contact_phone=phone,
        basic_situation=text["basic_situation"], reason=text["reason"], city_opinion=text["city_opinion"],
        unit_code=code, city_name=city, stamped_on=stamped_on, sheet=sheet, row=row,
        stamped_by=text["stamped_by"] or union_in(text["city_opinion"]) or (f"{city}总工会" if city else ""),
    )


def _city(text: dict[str, str], labels: dict[str, str], problem: ProblemAt, problems: list) -> str:
    """推荐城市 as one of the 16 names (“合肥” → 合肥市); when blank, the union named in the opinion."""
    names = set(anhui_cities().values())
    given = text["city_name"].replace(" ", "")
    if given:
        city = given if given in names else f"{given}市" if f"{given}市" in names else ""
        if not city:
            problems.append(problem(labels["city_name"], f"推荐城市“{given}”不是安徽省的设区市"))
        return city
    union = union_in(text["stamped_by"]) or union_in(text["city_opinion"])
    return union.removesuffix("总工会")


def _unit_code(code: str, city: str, unit_name: str, labels: dict[str, str], problem: ProblemAt,
               problems: list) -> str:
    """县（区）行政区划代码: 6 digits, an Anhui county/district, in the recommending city, the one named."""
    if not code:
        return ""
    reason = code_problem(code, city, unit_name)
    if reason is None:
        return code
    problems.append(problem(labels["unit_code"], reason))
    return ""


def _stamped_on(value: object, opinion: str, labels: dict[str, str], problem: ProblemAt,
                problems: list) -> dt.date | None:
    """盖章日期 from its own field, else a date written in the opinion."""
    try:
        return parse_date(value) or find_date(opinion)
    except ValueError:
        reason = f"盖章日期“{clean_text(value)}”无法识别（{DATE_HINT}）"
        problems.append(problem(labels["stamped_on"], reason))
        return None


def raise_if(problems: list[Problem]) -> None:
    """Raise every collected problem at once."""
    if problems:
        raise InputError(problems)
