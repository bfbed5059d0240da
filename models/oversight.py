"""The city's on-site supervision (市总工会实地督导): periods, visits owed, and the oversight ladder.

A unit owes its city `visits_per_period` visits in each period of the cadence (calendar months,
quarters or half-years, clipped to the implementation window). A period is owed only when the
unit was implementing at least `remind_before_period_end_workdays` working days before the
period's last working day, so a unit entering late is not chased for a period it hardly had.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from config.programme import ProgrammeConfig, Rung
from models.calendar import WorkCalendar
from models.enums import OversightState, Phase
from models.findings import Finding, audience_tag
from models.ladders import latest_due_rung
from models.status import UnitStatus

OVERSIGHT_RULE = "city_oversight"
TEMPLATE = "oversight_due"
PERIOD_WORDS = {"monthly": "本月", "quarterly": "本季度", "half_yearly": "本半年度"}
STATE_LABELS = {OversightState.kept: "已督导", OversightState.open: "进行中", OversightState.missed: "未督导",
                OversightState.exempt: "不计（进入实施较晚）"}
_MONTHS_PER_PERIOD = {"monthly": 1, "quarterly": 3, "half_yearly": 6}


class Period(NamedTuple):
    label: str
    start: dt.date
    end: dt.date


def _label(cadence: str, year: int, index: int) -> str:
    if cadence == "monthly":
        return f"{year}-{index + 1:02d}"
    if cadence == "quarterly":
        return f"{year}Q{index + 1}"
    return f"{year}H{index + 1}"


def period_name(cadence: str, label: str) -> str:
    """The Chinese name of a period: 2026年5月, 2026年第3季度, 2026年下半年."""
    year = label[:4]
    if cadence == "monthly":
        return f"{year}年{int(label[5:])}月"
    if cadence == "quarterly":
        return f"{year}年第{label[-1]}季度"
    return f"{year}年{'上' if label.endswith('1') else '下'}半年"


def _calendar_period(cadence: str, day: dt.date) -> Period:
    """The whole calendar month, quarter or half-year containing `day`."""
    months = _MONTHS_PER_PERIOD.get(cadence)
    if months is None:
        raise ValueError(f"未知的督导周期“{cadence}”（可选 monthly、quarterly、half_yearly）")
    index = (day.month - 1) // months
    start = dt.date(day.year, index * months + 1, 1)
    following = start.month + months
    next_start = dt.date(day.year + (following - 1) // 12, (following - 1) % 12 + 1, 1)
    return Period(_label(cadence, day.year, index), start, next_start - dt.timedelta(days=1))


def periods(cadence: str, window_start: dt.date, window_end: dt.date) -> list[Period]:
    """The cadence's calendar periods that meet the window, clipped to it, in order."""
    out: list[Period] = []
    day = window_start
    while day <= window_end:
        p = _calendar_period(cadence, day)
        out.append(Period(p.label, max(p.start, window_start), min(p.end, window_end)))
        day = p.end + dt.timedelta(days=1)
    return out


def period_of(day: dt.date, cadence: str, window_start: dt.date, window_end: dt.date) -> Period | None:
    """The (clipped) period containing `day`; None outside the window."""
    return next((p for p in periods(cadence, window_start, window_end) if p.start <= day <= p.end), None)


def period_due(period: Period, calendar: WorkCalendar) -> dt.date:
    """The last working day of the period: visits are due by then."""
    return period.end if calendar.is_workday(period.end) else calendar.add_workdays(period.end, -1)


def implementing_since(st: UnitStatus, cfg: ProgrammeConfig) -> dt.date | None:
    """The day the unit started implementation (kept through evaluation); None if it never did."""
    if st.slot.unit_code is None:
        return None
    if st.phase.phase == Phase.implementation:
        return st.phase.since
    if st.phase.phase in (Phase.evaluation, Phase.closed) and st.gate.met_on is not None:
        return max(st.gate.met_on, cfg.phases.implementation.start)
    return None


def _owed(since: dt.date, period: Period, cfg: ProgrammeConfig, calendar: WorkCalendar) -> bool:
    notice = cfg.oversight.remind_before_period_end_workdays
    return since <= calendar.add_workdays(period_due(period, calendar), -notice)


def visits_in(period: Period, dates: list[dt.date], as_of: dt.date) -> list[dt.date]:
    """Visits inside the period and known on as_of."""
    return sorted(d for d in dates if period.start <= d <= min(period.end, as_of))


def _current_and_previous(cfg: ProgrammeConfig, as_of: dt.date) -> tuple[Period | None, Period | None]:
    window = cfg.phases.implementation
    all_periods = periods(cfg.oversight.cadence, window.start, window.end)
    current = next((p for p in all_periods if p.start <= as_of <= p.end), None)
    previous = next((p for p in reversed(all_periods) if p.end < as_of), None)
    return current, previous


def _watched(statuses: list[UnitStatus], cfg: ProgrammeConfig) -> list[tuple[UnitStatus, str, dt.date]]:
    """(unit, its code, since) whose visits are owed: implementing now, or in evaluation (last notice)."""
    out = []
    for st in statuses:
        if st.phase.phase not in (Phase.implementation, Phase.evaluation):
            continue
        since, unit = implementing_since(st, cfg), st.slot.unit_code
        if since is not None and unit is not None:  # implementing_since is None without a unit
            out.append((st, unit, since))
    return out


def _short_periods(
    statuses: list[UnitStatus], visits: dict[str, list[dt.date]], cfg: ProgrammeConfig,
    calendar: WorkCalendar, as_of: dt.date,
) -> list[tuple[UnitStatus, str, Period, int, bool]]:
    """(unit, code, period, visits, is_current) for the current and previous periods lacking visits."""
    current, previous = _current_and_previous(cfg, as_of)
    required = cfg.oversight.visits_per_period
    out = []
    for st, unit, since in _watched(statuses, cfg):
        for period, is_current in ((previous, False), (current, True)):
            if period is None or (is_current and st.phase.phase != Phase.implementation):
                continue
            count = len(visits_in(period, visits.get(unit, []), as_of))
            if count < required and _owed(since, period, cfg, calendar):
                out.append((st, unit, period, count, is_current))
    return out


def open_oversight_subjects(
    statuses: list[UnitStatus], visits: dict[str, list[dt.date]], cfg: ProgrammeConfig,
    calendar: WorkCalendar, as_of: dt.date,
) -> set[tuple[str, str]]:
    """(unit code, period label) still lacking visits: their reminders stand, others are cancelled."""
    short = _short_periods(statuses, visits, cfg, calendar, as_of)
    return {(unit, period.label) for _, unit, period, _, _ in short}


def _fits(rung: Rung, is_current: bool) -> bool:
    """Before-the-end rungs belong to the running period, after-the-end rungs to the one just ended."""
    return rung.offset <= 0 if is_current else rung.offset > 0


def determine_oversight_chases(
    statuses: list[UnitStatus], visits: dict[str, list[dt.date]], cfg: ProgrammeConfig,
    calendar: WorkCalendar, as_of: dt.date,
) -> list[Finding]:
    """Remind the city before a period ends without its visits; tell the province once it has."""
    cadence, required = cfg.oversight.cadence, cfg.oversight.visits_per_period
    findings: list[Finding] = []
    for st, unit, period, count, is_current in _short_periods(statuses, visits, cfg, calendar, as_of):
        due = period_due(period, calendar)
        due_rung = latest_due_rung(cfg.ladders.oversight, due, as_of, calendar)
        if due_rung is None or not _fits(due_rung.rung, is_current):
            continue
        s = st.slot
        ctx = {"city_name": s.city_name, "city_code": s.city_code, "unit_name": s.unit_name,
               "unit_code": s.unit_code, "period": period.label, "period_word": PERIOD_WORDS[cadence],
               "period_name": period_name(cadence, period.label), "start": period.start.isoformat(),
               "end": period.end.isoformat(), "due": due.isoformat(), "visits": count,
               "required": required, "workdays_left": calendar.workdays_between(as_of, due)}
        findings += [
            Finding(OVERSIGHT_RULE, unit, due_rung.index, period.label,
                    audience_tag(a, s.city_code, s.unit_code), due_rung.rung.urgent, TEMPLATE,
                    {**ctx, "audience_role": str(a)}, due_rung.fires_on)
            for a in due_rung.rung.audience
        ]
    return findings


def _state(count: int, period: Period, owed: bool, required: int, as_of: dt.date) -> OversightState:
    if count >= required:
        return OversightState.kept
    if not owed:
        return OversightState.exempt
    return OversightState.open if as_of <= period.end else OversightState.missed


def period_records(
    statuses: list[UnitStatus], visits: dict[str, list[dt.date]], cfg: ProgrammeConfig,
    calendar: WorkCalendar, as_of: dt.date,
) -> list[dict]:
    """Per implementing unit and period begun by as_of: visits against the requirement, and the state."""
    window = cfg.phases.implementation
    cadence, required = cfg.oversight.cadence, cfg.oversight.visits_per_period
    rows = []
    for st in statuses:
        since, unit = implementing_since(st, cfg), st.slot.unit_code
        if since is None or unit is None:  # implementing_since is None without a unit
            continue
        for p in periods(cadence, window.start, window.end):
            if p.start > as_of or p.end < since:
                continue
            dates = visits_in(p, visits.get(unit, []), as_of)
            state = _state(len(dates), p, _owed(since, p, cfg, calendar), required, as_of)
            rows.append({
                "city_code": st.slot.city_code, "city_name": st.slot.city_name,
                "unit_code": st.slot.unit_code, "unit_name": st.slot.unit_name, "period": p.label,
                "period_name": period_name(cadence, p.label), "start": p.start.isoformat(),
                "end": p.end.isoformat(), "due": period_due(p, calendar).isoformat(),
                "visits": len(dates), "required": required, "visited_on": [d.isoformat() for d in dates],
                "state": state, "state_label": STATE_LABELS[state]})
    return rows
