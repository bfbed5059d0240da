"""Rectification chase: a unit with an open 整改 climbs `ladders.rectification` toward its due date.

The ladder runs until the re-check is recorded. Its period is the due date, so a failed re-check
(a new rectification with a new due date) starts the ladder again; rungs that fell before the
decision are not sent.
"""

from __future__ import annotations

import datetime as dt

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.findings import Finding, audience_tag
from models.ladders import latest_due_rung
from models.status import UnitStatus
from models.verdicts import VerdictFact, open_rectification_due

RECTIFICATION_RULE = "rectification"
TEMPLATE = "rectification"


def open_rectification_subjects(verdicts: dict[str, VerdictFact]) -> set[tuple[str, str]]:
    """(unit code, due date) of every open rectification: their reminders stand, others are cancelled."""
    return {(unit, due.isoformat()) for unit, v in verdicts.items() if (due := open_rectification_due(v))}


def determine_rectification_chases(
    statuses: list[UnitStatus], verdicts: dict[str, VerdictFact], cfg: ProgrammeConfig,
    calendar: WorkCalendar, as_of: dt.date,
) -> list[Finding]:
    """Remind the unit (then its city, then the province) until its re-check is recorded."""
    findings: list[Finding] = []
    for st in statuses:
        s, unit = st.slot, st.slot.unit_code
        v = verdicts.get(unit) if unit is not None else None
        due = open_rectification_due(v)
        if unit is None or v is None or due is None:
            continue
        due_rung = latest_due_rung(cfg.ladders.rectification, due, as_of, calendar)
        if due_rung is None or due_rung.fires_on < v.decided_on:
            continue
        ctx = {"city_name": s.city_name, "city_code": s.city_code, "unit_name": s.unit_name,
               "unit_code": unit, "due": due.isoformat(), "decided_on": v.decided_on.isoformat(),
               "decided_by": v.decided_by, "notes": v.notes,
               "workdays_left": calendar.workdays_between(as_of, due)}
        findings += [
            Finding(RECTIFICATION_RULE, unit, due_rung.index, due.isoformat(),
                    audience_tag(a, s.city_code, s.unit_code), due_rung.rung.urgent, TEMPLATE,
                    {**ctx, "audience_role": str(a)}, due_rung.fires_on)
            for a in due_rung.rung.audience
        ]
    return findings
