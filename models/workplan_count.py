"""How the work plan (附件2) is measured against its 1,500-character guidance: pure, no I/O."""

from __future__ import annotations

WORK_PLAN_LIMIT = 1500   # the notice's 原则上不超过 1500 字; the programme config's workplan_soft_limit
COUNT_RULE = "按去除空白后的字符数计（汉字、标点、数字、字母各计 1 字），不含三个小标题"

# Invisible characters that str.isspace() misses but a reader never sees: zero-width space,
# joiners and the byte-order mark. They are blanks for counting.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def count_characters(text: str) -> int:
    """Characters other than whitespace (incl. full-width space and zero-width marks)."""
    return sum(1 for ch in text if not ch.isspace() and ch not in _INVISIBLE)


def length_note(count: int, soft_limit: int = WORK_PLAN_LIMIT) -> str | None:
    """The reviewer's note for a plan over the notice's 原则上 limit (accepted all the same), else None."""
    if count <= soft_limit:
        return None
    over = count - soft_limit
    return f"工作方案共 {count} 字，超出“原则上不超过 {soft_limit} 字”{over} 字，请审核时留意"


def length_refusal(count: int, hard_limit: int | None, rule: str = COUNT_RULE) -> str | None:
    """Why a plan is refused under the province's configured hard limit (None: no limit, or within)."""
    if hard_limit is None or count <= hard_limit:
        return None
    return f"工作方案共 {count} 字，超过 {hard_limit} 字硬上限（计数规则：{rule}）"
