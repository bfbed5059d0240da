"""Escalation ladders: which rung of a reminder ladder is due on a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from config.programme import Ladder, Rung
from models.calendar import WorkCalendar


@dataclass(frozen=True)
class DueRung:
    index: int
    rung: Rung
    fires_on: dt.date


def rung_date(rung: Rung, due: dt.date, calendar: WorkCalendar) -> dt.date:
    """The working day a rung fires: `offset` working days from the due date."""
    if rung.offset == 0:
        return calendar.workday_on_or_after(due)
    return calendar.add_workdays(due, rung.offset)


def latest_due_rung(
    ladder: Ladder, due: dt.date, as_of: dt.date, calendar: WorkCalendar
) -> DueRung | None:
    """The most recent rung whose date has come; earlier missed rungs are not replayed."""
    latest = None
    for index, rung in enumerate(ladder.rungs):
        fires_on = rung_date(rung, due, calendar)
        if fires_on <= as_of:
            latest = DueRung(index, rung, fires_on)
    return latest


def next_rung_on(ladder: Ladder, due: dt.date, index: int, calendar: WorkCalendar) -> dt.date | None:
    """The working day the rung after `index` fires (None after the last): the natural "by when"."""
    if index + 1 >= len(ladder.rungs):
        return None
    return rung_date(ladder.rungs[index + 1], due, calendar)
