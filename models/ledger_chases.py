"""Implementation-phase ledger chases: a silent unit, and the monthly ledger not handed in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.enums import Phase
from models.findings import Finding, audience_tag
from models.ladders import latest_due_rung, next_rung_on
from models.pace_chases import month_bounds
from models.status import UnitStatus

SILENCE_RULE = "ledger_silence"
MONTHLY_RULE = "monthly_ledger"


@dataclass(frozen=True)
class Implementing:
    """A unit in implementation: its status, its code and the day it entered the phase."""

    st: UnitStatus
    unit: str
    since: dt.date


def _in_implementation(statuses: list[UnitStatus]) -> list[Implementing]:
    """Units in implementation (phase_of always dates that phase; a slot without a unit never gets there)."""
    return [Implementing(st, st.slot.unit_code, st.phase.since) for st in statuses
            if st.phase.phase == Phase.implementation and st.slot.unit_code and st.phase.since]


def _silence_reference(u: Implementing) -> dt.date:
    """The last entry's date, or the day the unit entered implementation."""
    return u.st.slot.last_entry_on or u.since


def silent_subjects(statuses: list[UnitStatus], cfg: ProgrammeConfig, calendar: WorkCalendar,
                    as_of: dt.date) -> set[str]:
    limit = cfg.chasing.no_entry_workdays
    return {u.unit for u in _in_implementation(statuses)
            if calendar.workdays_between(_silence_reference(u), as_of) >= limit}


def _findings(rule: str, u: Implementing, cfg: ProgrammeConfig, due: dt.date, period: str,
              calendar: WorkCalendar, as_of: dt.date, template: str, ctx: dict) -> list[Finding]:
    rung = latest_due_rung(cfg.ladders.ledger_gap, due, as_of, calendar)
    if rung is None:
        return []
    slot = u.st.slot
    following = next_rung_on(cfg.ladders.ledger_gap, due, rung.index, calendar)
    close_by = calendar.add_workdays(following, -1) if following else None
    ctx = {"unit_name": slot.unit_name, "unit_code": u.unit, "city_name": slot.city_name,
           "due": due.isoformat(), "close_by": close_by.isoformat() if close_by else None, **ctx}
    return [Finding(rule, u.unit, rung.index, period,
                    audience_tag(a, slot.city_code, u.unit), rung.rung.urgent, template,
                    ctx, rung.fires_on) for a in rung.rung.audience]


def determine_silence_chases(statuses: list[UnitStatus], cfg: ProgrammeConfig, calendar: WorkCalendar,
                             as_of: dt.date) -> list[Finding]:
    """No ledger entry for N working days: the ledger_gap ladder from the N-th day on."""
    silent = silent_subjects(statuses, cfg, calendar, as_of)
    findings = []
    for u in _in_implementation(statuses):
        if u.unit not in silent:
            continue
        last = _silence_reference(u)
        due = calendar.add_workdays(last, cfg.chasing.no_entry_workdays)
        ctx = {"last": last.isoformat(), "workdays": calendar.workdays_between(last, as_of),
               "has_entries": u.st.slot.last_entry_on is not None}
        findings += _findings(SILENCE_RULE, u, cfg, due, last.isoformat(), calendar, as_of,
                              "ledger_silence", ctx)
    return findings


def monthly_due(as_of: dt.date, cfg: ProgrammeConfig, calendar: WorkCalendar) -> dt.date:
    """The D-th working day of as_of's month: last month's ledger is due by then."""
    first, _ = month_bounds(as_of, calendar)
    return calendar.add_workdays(first, cfg.chasing.monthly_ledger_workday - 1)


def missing_monthly_subjects(statuses: list[UnitStatus], as_of: dt.date) -> set[str]:
    """Units in implementation since before this month with no ledger import this month."""
    month_start = as_of.replace(day=1)
    return {u.unit for u in _in_implementation(statuses)
            if u.since < month_start
            and (u.st.slot.last_import_on is None or u.st.slot.last_import_on < month_start)}


def determine_monthly_ledger_chases(statuses: list[UnitStatus], cfg: ProgrammeConfig,
                                    calendar: WorkCalendar, as_of: dt.date) -> list[Finding]:
    due = monthly_due(as_of, cfg, calendar)
    missing = missing_monthly_subjects(statuses, as_of)
    previous = (as_of.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    findings = []
    for u in _in_implementation(statuses):
        if u.unit in missing:
            findings += _findings(MONTHLY_RULE, u, cfg, due, as_of.strftime("%Y-%m"), calendar, as_of,
                                  "monthly_ledger", {"month": previous})
    return findings
