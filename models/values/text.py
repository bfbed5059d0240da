"""Free text: trimmed, invisible and control characters removed, a length limit per column.

NFKC is applied only where it is safe — codes, numbers, dates and phone numbers (full-width digits
and letters folded) — never to free text, where it would turn Chinese punctuation （，：） into ASCII.
Invisible characters are named visibly when a message must mention them (“U+200B 零宽空格”).
"""

from __future__ import annotations

import unicodedata

from models.text_clean import INVISIBLE, is_control, visible_text
from models.values.cells import CellError, cell_error, cell_text
from models.values.problem import ValueProblem

CHARACTER_NAMES = {
    "\u200b": "零宽空格", "\u200c": "零宽非连接符", "\u200d": "零宽连接符", "\u2060": "零宽不换行符",
    "\ufeff": "字节顺序标记（BOM）", "\u00ad": "软连字符", "\u200e": "从左到右标记",
    "\u200f": "从右到左标记", "\u202a": "从左到右嵌入符", "\u202b": "从右到左嵌入符",
    "\u202c": "方向格式结束符", "\u202d": "从左到右覆盖符", "\u202e": "从右到左覆盖符",
}


def character_name(ch: str) -> str:
    """An invisible or control character as a person can read it: 'U+200B 零宽空格', 'U+0007 控制字符'."""
    name = CHARACTER_NAMES.get(ch) or ("控制字符" if is_control(ch) else unicodedata.name(ch, "字符"))
    return f"U+{ord(ch):04X} {name}"


def invisible_characters(text: str) -> list[str]:
    """The names of the distinct invisible and control characters in `text`, in order of appearance."""
    seen = dict.fromkeys(ch for ch in text if ch in INVISIBLE or is_control(ch))
    return [character_name(ch) for ch in seen]


def refuse_invisible(text: str) -> str:
    """`text` unchanged when it holds no invisible or control character, else ValueProblem naming them."""
    names = invisible_characters(text)
    if names:
        raise ValueProblem(f"含有看不见的字符（{'、'.join(names)}），请删除后重新填写")
    return text


def parse_text(value: object, *, limit: int | None = None, collapse: bool = False) -> str:
    """A text cell or field as a reader sees it, trimmed ('' when blank); inner whitespace collapsed to
    one space when `collapse`; ValueProblem when longer than `limit` characters."""
    if value.__class__ is CellError:
        raise ValueProblem(cell_error(value))
    text = cell_text(value)
    if collapse:
        text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        raise ValueProblem(f"内容过长：最多 {limit} 字，实为 {len(text)} 字，请精简")
    return text


def fold_width(text: str) -> str:
    """Full-width digits, letters and signs made ASCII (for codes and numbers only)."""
    return unicodedata.normalize("NFKC", text)


def paragraph_text(value: object) -> str:
    """A multi-line field: invisible characters out, each line trimmed, blank lines dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    lines = (line.strip() for line in visible_text(str(value)).replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)
