"""The cities' on-site visits (实地督导): record one, and list each unit's visits per period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from models.db import session_scope
from models.oversight import period_name, period_of, period_records, visits_in
from tasks.context import ProgrammeRef, load_context, load_programme
from tasks.oversight import load_visits, record_visit
from tasks.runtime import get_engine
from tasks.services.common import programme_session
from tasks.services.units import city_name, unit_name


@dataclass(frozen=True)
class VisitRecorded:
    city_name: str
    unit_name: str
    sha256: str | None
    period_name: str              # e.g. 2026 年第三季度
    done: int                     # visits in that period so far, this one included
    required: int


@dataclass(frozen=True)
class VisitPeriods:
    ref: ProgrammeRef
    rows: list[dict]


def record(unit: str, visited_on: dt.date, by: str, notes: str, file: Path | None, at: dt.datetime,
           year: int | None, on: dt.date | None = None) -> VisitRecorded:
    """Record a visit (checked, audited; received on `on`, default today) and count its period's visits."""
    with programme_session(year) as (session, ref):
        visit = record_visit(session, ref, unit, visited_on=visited_on, by=by, notes=notes, file=file, at=at,
                             recorded_on=on)
        city, county = city_name(session, visit.city_code), unit_name(session, unit)
        sha256, received_on = visit.sha256, visit.received_on or visited_on
        dates = load_visits(session, ref.id, received_on).get(unit, [])
    o, window = ref.cfg.oversight, ref.cfg.phases.implementation
    period = period_of(visited_on, o.cadence, window.start, window.end)
    done = len(visits_in(period, dates, received_on))
    return VisitRecorded(city, county, sha256, period_name(o.cadence, period.label), done,
                         o.visits_per_period)


def visit_periods(as_of: dt.date, year: int | None) -> VisitPeriods:
    """Every implementing unit's periods: visits made against visits required."""
    engine = get_engine()
    ref = load_programme(engine, year)
    ctx = load_context(engine, ref, as_of)
    with session_scope(engine) as session:
        visits = load_visits(session, ref.id, as_of)
    return VisitPeriods(ref, period_records(ctx.statuses, visits, ref.cfg, ref.calendar, as_of))
