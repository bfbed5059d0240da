"""Implementation-phase chases: quotas behind pace (escalating unit → city → province each month)."""

from __future__ import annotations

import datetime as dt

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.enums import Phase
from models.findings import Finding, audience_tag
from models.ladders import latest_due_rung
from models.status import UnitStatus

PACE_RULE = "quota_pace"
LAGGING = ("behind", "at_risk")


def month_bounds(day: dt.date, calendar: WorkCalendar) -> tuple[dt.date, dt.date]:
    """First and last working day of the month of `day`."""
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return calendar.workday_on_or_after(first), calendar.add_workdays(following, -1)


def lagging_subjects(statuses: list[UnitStatus]) -> set[str]:
    """`unit:quota` for every quota of a unit in implementation that is behind or at risk."""
    return {
        f"{st.slot.unit_code}:{q.code}" for st in statuses
        if st.phase.phase == Phase.implementation for q in st.quotas if q.status in LAGGING
    }


def determine_pace_chases(
    statuses: list[UnitStatus], cfg: ProgrammeConfig, calendar: WorkCalendar, as_of: dt.date
) -> list[Finding]:
    """Each month a lagging quota climbs the ledger_gap ladder from the month's first working day."""
    start, close_by = month_bounds(as_of, calendar)
    rung = latest_due_rung(cfg.ladders.ledger_gap, start, as_of, calendar)
    if rung is None:
        return []
    findings = []
    for st in statuses:
        if st.phase.phase != Phase.implementation:
            continue
        for q in (q for q in st.quotas if q.status in LAGGING):
            ctx = {"unit_name": st.slot.unit_name, "unit_code": st.slot.unit_code,
                   "city_name": st.slot.city_name, "label": q.label, "unit": q.unit, "count": q.count,
                   "target": q.target, "expected": round(q.expected, 1),
                   "gap": max(0, round(q.expected + 0.5) - q.count), "status": q.status,
                   "close_by": close_by.isoformat(), "as_of": as_of.isoformat()}
            findings += [
                Finding(PACE_RULE, f"{st.slot.unit_code}:{q.code}", rung.index, as_of.strftime("%Y-%m"),
                        audience_tag(a, st.slot.city_code, st.slot.unit_code), rung.rung.urgent,
                        "quota_pace", ctx, rung.fires_on)
                for a in rung.rung.audience
            ]
    return findings
