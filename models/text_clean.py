"""What a person reading a cell or a paragraph sees: invisible and control characters removed. Pure."""

from __future__ import annotations

import unicodedata

# Characters a reader never sees: zero-width space/joiners, word joiner, BOM, soft hyphen,
# left-to-right/right-to-left marks and embeddings.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
# Spaces that look like a space: no-break, full-width (ideographic), thin, en/em spaces.
SPACE_LIKE = frozenset("\u00a0\u3000\u2002\u2003\u2009\u202f")
KEEP_CONTROLS = frozenset("\t\n\r")


def is_control(ch: str) -> bool:
    """A C0/C1 control character other than tab and line breaks (Excel's _x0001_ and the like)."""
    return ch not in KEEP_CONTROLS and unicodedata.category(ch) == "Cc"


def visible_text(text: str) -> str:
    """The text as a reader sees it: invisible and control characters dropped, odd spaces made plain."""
    out = []
    for ch in text:
        if ch in INVISIBLE or is_control(ch):
            continue
        out.append(" " if ch in SPACE_LIKE else ch)
    return "".join(out)


def has_control(text: str) -> bool:
    """True when the text holds a control character a reader cannot see (for fields that must be exact)."""
    return any(is_control(ch) for ch in text)
