"""The values of the procurement dossier (遴选方式、评分、是否中选、坐班、任务类别、目标数量): pure rules on
models.values, each returning the value or raising ValueProblem with the Chinese reason.

The spreadsheet reader (tasks/forms/procurement_xlsx.py) adds the file, sheet, row and column; a web
form or a mailbox intake can call the same functions.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from models.enums import METHOD_LABELS, DutyKind
from models.ledger_schema import CATEGORY_LABELS
from models.values import MISSING, ValueProblem, cell_text, parse_count, parse_fen, parse_text
from models.values import parse_credit_code as credit_code_value
from models.values import parse_date as date_value

DUTY_LABELS = {DutyKind.rotation: "工作日轮流", DutyKind.fixed_weekdays: "每周固定"}
YES, NO = "是", "否"
MAX_SCORE = 20
MAX_CONTRACT_YUAN = 10_000_000  # keeps fen within a 32-bit integer column
MAX_TARGET = 100_000  # a task's yearly target (场、件、家): beyond it a typing error
TEXT_LIMIT = 200      # characters: a name, role, qualification or method
DESCRIPTION_LIMIT = 500
WEEKDAY_NAMES = "一二三四五六日"
WEEKDAY_ALIASES = {"天": 7, "七": 7}
T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


def filled(value: T | None, blank: str = MISSING) -> T:
    """A parsed value; ValueProblem `blank` when the cell was empty (None, or '' for text)."""
    if value is None or value == "":
        raise ValueProblem(blank)
    return value


def required_text(value: object, limit: int = TEXT_LIMIT) -> str:
    """Free text, trimmed, at most `limit` characters; 未填写 when empty."""
    return filled(parse_text(value, limit=limit))


def optional_text(value: object) -> str:
    """Free text that may be empty, at most TEXT_LIMIT characters."""
    return parse_text(value, limit=TEXT_LIMIT)


def optional_description(value: object) -> str:
    """A longer free text that may be empty (其他方式说明、择优说明), at most DESCRIPTION_LIMIT characters."""
    return parse_text(value, limit=DESCRIPTION_LIMIT)


def parse_choice(value: object, labels: Mapping[E, str], reason: str) -> str:
    """The code whose label (or the code itself) the cell holds; otherwise ValueProblem(reason) with
    {text} (what was written) and {allowed} (the labels) filled in; 未填写 when empty."""
    text = required_text(value)
    for code, label in labels.items():
        if text in (label, code.value):
            return code.value
    raise ValueProblem(reason.format(text=text, allowed="、".join(labels.values())))


def parse_description(value: object) -> str:
    """A task's description: required, at most DESCRIPTION_LIMIT characters."""
    return required_text(value, DESCRIPTION_LIMIT)


def parse_method(value: object) -> str:
    """One of 比价/议标/竞争性谈判/询价比选/其他合规方式 (or its English code) → ProcurementMethod value."""
    return parse_choice(value, METHOD_LABELS, "遴选方式“{text}”不在允许的方式之内（应为 {allowed} 之一）")


def parse_date(value: object) -> dt.date:
    """A date in any form of models.values.dates (date_formats_text); 未填写 when empty."""
    return filled(date_value(value))


def parse_contract_fen(value: object) -> int:
    """A contract amount or subsidy in yuan → fen, within MAX_CONTRACT_YUAN; 未填写 when empty."""
    return filled(parse_fen(value, maximum_yuan=MAX_CONTRACT_YUAN))


def parse_score(value: object) -> float:
    """A score within 0–20 from a number cell or numeric text (full-width digits folded)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        score = float(value)
    else:
        text = required_text(value)
        try:
            score = float(unicodedata.normalize("NFKC", text))
        except ValueError:
            raise ValueProblem(f"不是数字：“{text}”") from None
    if not math.isfinite(score):
        raise ValueProblem(f"不是数字：“{cell_text(value)}”")
    if not 0 <= score <= MAX_SCORE:
        raise ValueProblem(f"得分应在 0–{MAX_SCORE} 分之间，实为 {cell_text(value)}")
    return score


def parse_winner(value: object) -> bool:
    """是 → True; 否 or empty → False."""
    text = cell_text(value)
    if text in ("", NO):
        return False
    if text == YES:
        return True
    raise ValueProblem(f"应填“{YES}”或“{NO}”，实为“{text}”")


def parse_credit_code(value: object) -> str:
    """A valid 统一社会信用代码 (GB 32100), upper-cased; 未填写 when empty."""
    return filled(credit_code_value(value))


def parse_duty_kind(value: object) -> str:
    """工作日轮流 / 每周固定 (or the DutyKind code) → DutyKind value."""
    return parse_choice(value, DUTY_LABELS, "坐班方式应为 {allowed} 之一，实为“{text}”")


def weekdays_text(days: tuple[int, ...]) -> str:
    """(2, 4) → '周二、周四'."""
    return "、".join(f"周{WEEKDAY_NAMES[d - 1]}" for d in days)


def parse_weekdays(value: object) -> tuple[int, ...]:
    """'周二、周四' / '星期二,星期四' / '2,4' → (2, 4); () when empty; weekends refused."""
    tokens = [t for t in re.split(r"[、,，;；/\s]+", cell_text(value)) if t]
    days = sorted({_weekday(token) for token in tokens})
    weekend = [d for d in days if d > 5]
    if weekend:
        raise ValueProblem(f"固定坐班日只能是周一至周五，不能是{weekdays_text(tuple(weekend))}")
    return tuple(days)


def _weekday(token: str) -> int:
    """One weekday token ('周二', '星期二', '礼拜二', '二', '2') → 1–7."""
    core = re.sub(r"^(星期|礼拜|周)", "", token)
    if core.isdigit() and 1 <= int(core) <= 7:
        return int(core)
    if len(core) == 1 and core in WEEKDAY_NAMES:
        return WEEKDAY_NAMES.index(core) + 1
    if core in WEEKDAY_ALIASES:
        return WEEKDAY_ALIASES[core]
    raise ValueProblem(f"无法识别的星期：“{token}”（应写如“周二、周四”）")


def parse_category(value: object) -> str:
    """A ledger category label (法治宣传教育 …) or code → Category value."""
    return parse_choice(value, CATEGORY_LABELS, "未知的任务类别“{text}”（应为 {allowed} 之一）")


def parse_target(value: object) -> int:
    """A whole number 0…MAX_TARGET (models.values counts); 未填写 when empty."""
    try:
        target = parse_count(value, maximum=MAX_TARGET)
    except ValueProblem:
        raise ValueProblem(f"目标数量应为 0–{MAX_TARGET:,} 的整数，实为 {cell_text(value)}") from None
    return filled(target, "未填写（没有数量目标填 0）")
