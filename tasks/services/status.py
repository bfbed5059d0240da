"""The status document (phases, gates, quotas of every unit) as of a date."""

from __future__ import annotations

import datetime as dt

from models.status import status_document
from tasks.context import load_context, load_programme
from tasks.runtime import get_engine


def status_as_of(day: dt.date, year: int | None) -> dict:
    """Every city's implementing unit: phase, gate criteria with evidence, submission, quota pace."""
    engine = get_engine()
    ref = load_programme(engine, year)
    ctx = load_context(engine, ref, day)
    return status_document(ctx.statuses, ref.cfg, ref.config_hash, day)


def check_tick_day(day: dt.date, year: int | None) -> None:
    """Refuse before Prefect starts: no programme, or a day the calendar does not cover."""
    load_programme(get_engine(), year).calendar.is_workday(day)
