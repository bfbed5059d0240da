"""The received-on rule: material counts from the day it was received (收到日期), not when typed in.

Imported on the day it was received, a row keeps the moment it was entered. Entered later (a back-dated
import: `--on D`), it counts from 00:00 of D, Beijing time, so `status --as-of D` and the tick of day D
see it and no earlier day does. A snapshot of day D counts what was received by the end of D.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def counts_from(on: dt.date, at: dt.datetime) -> dt.datetime:
    """The stored moment of material received on `on` and entered at `at`."""
    local = (at if at.tzinfo else at.replace(tzinfo=dt.UTC)).astimezone(SHANGHAI)  # naive = UTC, as stored
    if local.date() == on:
        return at
    return dt.datetime.combine(on, dt.time(0), SHANGHAI)
