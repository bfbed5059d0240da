"""The tick's virtual time: what it writes and sends on day D is stamped 08:00 Beijing time of D."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
TICK_HOUR = dt.time(8, 0)


def tick_stamp(day: dt.date) -> dt.datetime:
    """08:00 Beijing time of `day` (aware): the moment of the tick of that day."""
    return dt.datetime.combine(day, TICK_HOUR, SHANGHAI)
