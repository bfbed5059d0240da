"""Implementation-phase chases: quotas behind pace (escalating unit → city → province each month)."""

from __future__ import annotations

import datetime as dt

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.enums import Phase
from models.findings import Finding, audience_tag
from models.ladders import latest_due_rung
from models.pacing import in_grace, shortfall
from models.status import UnitStatus

PACE_RULE = "quota_pace"
LAGGING = ("behind", "at_risk")


def month_bounds(day: dt.date, calendar: WorkCalendar) -> tuple[dt.date, dt.date]:
    """First and last working day of the month of `day`."""
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return calendar.workday_on_or_after(first), calendar.add_workdays(following, -1)


def _chased(st: UnitStatus, cfg: ProgrammeConfig, calendar: WorkCalendar, as_of: dt.date) -> bool:
    """In implementation and past the grace period that follows the unit's real start."""
    return st.phase.phase == Phase.implementation and not (
        st.pace_from is not None and in_grace(cfg, calendar, st.pace_from, as_of))


def lagging_subjects(
    statuses: list[UnitStatus], cfg: ProgrammeConfig, calendar: WorkCalendar, as_of: dt.date
) -> set[str]:
    """`unit:quota` for every quota behind or at risk of a unit in implementation past its grace period."""
    return {
        f"{st.slot.unit_code}:{q.code}" for st in statuses
        if _chased(st, cfg, calendar, as_of) for q in st.quotas if q.status in LAGGING
    }


def determine_pace_chases(
    statuses: list[UnitStatus], cfg: ProgrammeConfig, calendar: WorkCalendar, as_of: dt.date
) -> list[Finding]:
    """Each month a lagging quota climbs the ledger_gap ladder from the month's first working day.

    Nothing during the grace period after the unit's real start; a quota caught up is not chased.
    """
    start, close_by = month_bounds(as_of, calendar)
    rung = latest_due_rung(cfg.ladders.ledger_gap, start, as_of, calendar)
    if rung is None:
        return []
    findings = []
    for st in statuses:
        if not _chased(st, cfg, calendar, as_of):
            continue
        for q in (q for q in st.quotas if q.status in LAGGING):
            ctx = {"unit_name": st.slot.unit_name, "unit_code": st.slot.unit_code,
                   "city_name": st.slot.city_name, "label": q.label, "unit": q.unit, "count": q.count,
                   "target": q.target, "expected": round(q.expected, 1),
                   "gap": shortfall(q.expected, q.count), "status": q.status,
                   "close_by": close_by.isoformat(), "as_of": as_of.isoformat()}
            findings += [
                Finding(PACE_RULE, f"{st.slot.unit_code}:{q.code}", rung.index, as_of.strftime("%Y-%m"),
                        audience_tag(a, st.slot.city_code, st.slot.unit_code), rung.rung.urgent,
                        "quota_pace", ctx, rung.fires_on)
                for a in rung.rung.audience
            ]
    return findings
