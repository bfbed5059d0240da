"""The scheduled tick's "today": Beijing time, or LEGALCAP_TODAY for rehearsals and tests."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

from models.errors import Refusal
from models.values import ValueProblem, parse_date

SHANGHAI = ZoneInfo("Asia/Shanghai")
OVERRIDE = "LEGALCAP_TODAY"


def rehearsal_day() -> dt.date | None:
    """The date set in LEGALCAP_TODAY (YYYY-MM-DD), or None when it is unset or empty."""
    text = os.environ.get(OVERRIDE, "").strip()
    if not text:
        return None
    try:
        day = parse_date(text)
    except ValueProblem as problem:
        raise Refusal(f"{OVERRIDE}: {problem}（应为 YYYY-MM-DD，或不设置以使用今天）") from None
    assert day is not None  # a non-blank text is a date or a ValueProblem
    return day


def scheduled_today() -> dt.date:
    """Today in Asia/Shanghai, unless LEGALCAP_TODAY names a simulated day."""
    return rehearsal_day() or dt.datetime.now(SHANGHAI).date()
