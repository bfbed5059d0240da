"""The scheduled tick's "today": Beijing time, or LEGALCAP_TODAY for rehearsals and tests."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

from models.errors import Refusal

SHANGHAI = ZoneInfo("Asia/Shanghai")
OVERRIDE = "LEGALCAP_TODAY"


def rehearsal_day() -> dt.date | None:
    """The date set in LEGALCAP_TODAY (YYYY-MM-DD), or None when it is unset or empty."""
    text = os.environ.get(OVERRIDE, "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Refusal(f"{OVERRIDE}: “{text}” 不是有效日期（应为 YYYY-MM-DD，或不设置以使用今天）") from None


def scheduled_today() -> dt.date:
    """Today in Asia/Shanghai, unless LEGALCAP_TODAY names a simulated day."""
    return rehearsal_day() or dt.datetime.now(SHANGHAI).date()
