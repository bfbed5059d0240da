"""How the work plan (附件2) is measured against its 1,500-character limit: pure, no I/O."""

from __future__ import annotations

WORK_PLAN_LIMIT = 1500
COUNT_RULE = "按去除空白后的字符数计（汉字、标点、数字、字母各计 1 字），不含三个小标题"

# Invisible characters that str.isspace() misses but a reader never sees: zero-width space,
# joiners and the byte-order mark. They are blanks for counting.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def count_characters(text: str) -> int:
    """Characters other than whitespace (incl. full-width space and zero-width marks)."""
    return sum(1 for ch in text if not ch.isspace() and ch not in _INVISIBLE)
