"""The province's own deadline: submissions waiting for its review (审核备案), and its reminder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.enums import Decision
from models.facts import SlotFacts
from models.findings import Finding
from models.ladders import latest_due_rung

FILING_RULE = "filing_deadline"
FILING_SUBJECT = "filing"


@dataclass(frozen=True)
class Waiting:
    """One unit's materials, complete, that the province has not yet approved or returned."""

    city_code: str
    city_name: str
    unit_code: str
    unit_name: str
    received_on: dt.date
    due: dt.date
    resubmitted: bool

    def as_dict(self) -> dict:
        return {"city_code": self.city_code, "city_name": self.city_name, "unit_code": self.unit_code,
                "unit_name": self.unit_name, "received_on": self.received_on.isoformat(),
                "due": self.due.isoformat(), "resubmitted": self.resubmitted}


def _received_on(slot: SlotFacts) -> dt.date | None:
    """The day both documents were in (the later of the two), or None while one is missing."""
    docs = (slot.recommendation, slot.work_plan)
    if any(e is None or e.date is None for e in docs):
        return None
    return max(e.date for e in docs if e and e.date)


def review_due(received_on: dt.date, cfg: ProgrammeConfig, calendar: WorkCalendar) -> dt.date:
    """deadlines.filing for materials in by the recommendation deadline; else N working days after receipt."""
    if received_on <= cfg.deadlines.recommendation:
        return cfg.deadlines.filing
    later = calendar.add_workdays(received_on, cfg.deadlines.resubmission_workdays)
    return max(cfg.deadlines.filing, later)


def waiting_for_review(
    slots: list[SlotFacts], cfg: ProgrammeConfig, calendar: WorkCalendar, as_of: dt.date
) -> list[Waiting]:
    """Units whose complete materials await the province: never decided, or resent after a return."""
    out = []
    for slot in slots:
        received = _received_on(slot)
        if slot.unit_code is None or received is None or received > as_of:
            continue
        filing = slot.filing
        resent = filing is not None and filing.decision == Decision.return_ and received > filing.decided_on
        if filing is not None and not resent:
            continue
        out.append(Waiting(slot.city_code, slot.city_name, slot.unit_code, slot.unit_name or "",
                           received, review_due(received, cfg, calendar), resent))
    return sorted(out, key=lambda w: (w.due, w.city_code))


def open_filing_keys(waiting: list[Waiting]) -> set[tuple[str, str]]:
    """(subject, period) still open: the period is the earliest due date among the waiting."""
    return {(FILING_SUBJECT, waiting[0].due.isoformat())} if waiting else set()


def determine_filing_chases(
    waiting: list[Waiting], cfg: ProgrammeConfig, calendar: WorkCalendar, as_of: dt.date
) -> list[Finding]:
    """One reminder to the province listing the waiting submissions, on the ladder of the earliest due."""
    if not waiting:
        return []
    due = waiting[0].due
    rung = latest_due_rung(cfg.ladders.filing, due, as_of, calendar)
    if rung is None:
        return []
    ctx = {"due": due.isoformat(), "workdays_left": calendar.workdays_between(as_of, due),
           "as_of": as_of.isoformat(), "count": len(waiting), "items": [w.as_dict() for w in waiting]}
    return [Finding(FILING_RULE, FILING_SUBJECT, rung.index, due.isoformat(), audience.value,
                    rung.rung.urgent, FILING_RULE, ctx, rung.fires_on)
            for audience in rung.rung.audience]
