"""Implementation-phase ledger chases: a silent unit, and the monthly ledger not handed in."""

from __future__ import annotations

import datetime as dt

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.enums import Phase
from models.findings import Finding, audience_tag
from models.ladders import latest_due_rung
from models.pace_chases import month_bounds
from models.status import UnitStatus

SILENCE_RULE = "ledger_silence"
MONTHLY_RULE = "monthly_ledger"


def _in_implementation(statuses: list[UnitStatus]) -> list[UnitStatus]:
    return [st for st in statuses if st.phase.phase == Phase.implementation and st.slot.unit_code]


def _silence_reference(st: UnitStatus) -> dt.date:
    """The last entry's date, or the day the unit entered implementation."""
    return st.slot.last_entry_on or st.phase.since


def silent_subjects(statuses: list[UnitStatus], cfg: ProgrammeConfig, calendar: WorkCalendar,
                    as_of: dt.date) -> set[str]:
    limit = cfg.chasing.no_entry_workdays
    return {st.slot.unit_code for st in _in_implementation(statuses)
            if calendar.workdays_between(_silence_reference(st), as_of) >= limit}


def _findings(rule: str, st: UnitStatus, cfg: ProgrammeConfig, due: dt.date, period: str,
              calendar: WorkCalendar, as_of: dt.date, template: str, ctx: dict) -> list[Finding]:
    rung = latest_due_rung(cfg.ladders.ledger_gap, due, as_of, calendar)
    if rung is None:
        return []
    ctx = {"unit_name": st.slot.unit_name, "unit_code": st.slot.unit_code, "city_name": st.slot.city_name,
           "due": due.isoformat(), **ctx}
    return [Finding(rule, st.slot.unit_code, rung.index, period,
                    audience_tag(a, st.slot.city_code, st.slot.unit_code), rung.rung.urgent, template,
                    ctx, rung.fires_on) for a in rung.rung.audience]


def determine_silence_chases(statuses: list[UnitStatus], cfg: ProgrammeConfig, calendar: WorkCalendar,
                             as_of: dt.date) -> list[Finding]:
    """No ledger entry for N working days: the ledger_gap ladder from the N-th day on."""
    silent = silent_subjects(statuses, cfg, calendar, as_of)
    findings = []
    for st in _in_implementation(statuses):
        if st.slot.unit_code not in silent:
            continue
        last = _silence_reference(st)
        due = calendar.add_workdays(last, cfg.chasing.no_entry_workdays)
        ctx = {"last": last.isoformat(), "workdays": calendar.workdays_between(last, as_of),
               "has_entries": st.slot.last_entry_on is not None}
        findings += _findings(SILENCE_RULE, st, cfg, due, last.isoformat(), calendar, as_of,
                              "ledger_silence", ctx)
    return findings


def monthly_due(as_of: dt.date, cfg: ProgrammeConfig, calendar: WorkCalendar) -> dt.date:
    """The D-th working day of as_of's month: last month's ledger is due by then."""
    first, _ = month_bounds(as_of, calendar)
    return calendar.add_workdays(first, cfg.chasing.monthly_ledger_workday - 1)


def missing_monthly_subjects(statuses: list[UnitStatus], as_of: dt.date) -> set[str]:
    """Units in implementation since before this month with no ledger import this month."""
    month_start = as_of.replace(day=1)
    return {st.slot.unit_code for st in _in_implementation(statuses)
            if st.phase.since < month_start
            and (st.slot.last_import_on is None or st.slot.last_import_on < month_start)}


def determine_monthly_ledger_chases(statuses: list[UnitStatus], cfg: ProgrammeConfig,
                                    calendar: WorkCalendar, as_of: dt.date) -> list[Finding]:
    due = monthly_due(as_of, cfg, calendar)
    missing = missing_monthly_subjects(statuses, as_of)
    previous = (as_of.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    findings = []
    for st in _in_implementation(statuses):
        if st.slot.unit_code in missing:
            findings += _findings(MONTHLY_RULE, st, cfg, due, as_of.strftime("%Y-%m"), calendar, as_of,
                                  "monthly_ledger", {"month": previous})
    return findings
