"""Reading a reminder for a page: the due date its text names (every chase template writes 截止日期：…)."""

from __future__ import annotations

import datetime as dt
import re

DUE = re.compile(r"截止日期[：:]\s*(\d{4})-(\d{2})-(\d{2})")
STATUS_LABELS = {"pending": "待发送", "sent": "已发送", "failed": "发送失败", "cancelled": "已取消"}


def due_in(text: str) -> dt.date | None:
    """The first 截止日期 a reminder's text names, or None."""
    found = DUE.search(text)
    if found is None:
        return None
    try:
        return dt.date(*map(int, found.groups()))
    except ValueError:
        return None
