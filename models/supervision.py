"""劳动法律监督 一函两书: each case's stages from its ledger rows, and overdue replies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.findings import Finding, audience_tag
from models.ladders import latest_due_rung, next_rung_on

REPLY_RULE = "supervision_reply"
T = TypeVar("T")
# A case's steps in order; a case counts toward the 10 件 from its first row, whichever step it is.
STAGE_LABELS = {"complaint": "受理投诉举报", "investigation": "实地调查", "reminder_letter": "提示函",
                "opinion": "意见书", "recommendation": "建议书"}


@dataclass(frozen=True)
class CaseRow:
    """One ledger row of a supervision case (document, date, and the case fields)."""

    unit_code: str
    case_no: str
    document: str
    on: dt.date
    employer: str = ""
    reply_due: dt.date | None = None
    replied_on: dt.date | None = None


@dataclass(frozen=True)
class CaseFacts:
    """One case as the ledger tells it: each document's first date, the deadline written, the reply."""

    unit_code: str
    case_no: str
    documents: dict[str, dt.date]
    employer: str = ""
    reply_due: dt.date | None = None
    replied_on: dt.date | None = None


def group_documents(rows: list[CaseRow]) -> list[CaseFacts]:
    """Per (unit, case number): the first date of each document, the first reply, the deadline."""
    grouped: dict[tuple[str, str], list[CaseRow]] = {}
    for row in rows:
        grouped.setdefault((row.unit_code, row.case_no), []).append(row)
    out = []
    for (unit, case_no), items in sorted(grouped.items()):
        documents: dict[str, dt.date] = {}
        for r in items:
            documents[r.document] = min(r.on, documents.get(r.document, r.on))
        out.append(CaseFacts(
            unit, case_no, documents, next((r.employer for r in items if r.employer), ""),
            next((r.reply_due for r in items if r.reply_due), None),
            min((r.replied_on for r in items if r.replied_on), default=None)))
    return out


@dataclass(frozen=True)
class Case:
    unit_code: str
    case_no: str
    employer: str
    documents: dict[str, dt.date]
    reply_due: dt.date | None
    replied_on: dt.date | None

    @property
    def stage(self) -> str:
        """The furthest step taken, or 'replied' once the employer answered the opinion."""
        if "recommendation" in self.documents:
            return "recommendation"
        if self.replied_on:
            return "replied"
        return next((step for step in ("opinion", "reminder_letter", "investigation", "complaint")
                     if step in self.documents), "reminder_letter")


def build_cases(facts: list[CaseFacts], cfg: ProgrammeConfig, calendar: WorkCalendar) -> list[Case]:
    """Each case with its reply deadline: as written, else N working days after the opinion."""
    due_after = _memo(lambda day: calendar.add_workdays(day, cfg.supervision.reply_deadline_workdays))

    def due(f: CaseFacts) -> dt.date | None:
        opinion = f.documents.get("opinion")
        return f.reply_due or (due_after(opinion) if opinion else None)
    return [Case(f.unit_code, f.case_no, f.employer, f.documents, due(f), f.replied_on) for f in facts]


def _memo(fn: Callable[[dt.date], T]) -> Callable[[dt.date], T]:
    """Calendar sums per date, computed once per distinct date (thousands of cases share a few hundred)."""
    seen: dict[dt.date, T] = {}

    def call(day: dt.date) -> T:
        if day not in seen:
            seen[day] = fn(day)
        return seen[day]
    return call


def overdue(case: Case, as_of: dt.date) -> bool:
    """An opinion whose reply deadline passed with no reply and no recommendation yet."""
    return (case.reply_due is not None and as_of > case.reply_due and case.replied_on is None
            and "recommendation" not in case.documents)


def determine_reply_chases(
    cases: list[Case], cities: dict[str, tuple[str, str, str]], cfg: ProgrammeConfig,
    calendar: WorkCalendar, as_of: dt.date,
) -> list[Finding]:
    """Remind the unit (then its city) that the 建议书 is due once an opinion's reply is overdue.

    `cities` maps a unit in implementation to (city_code, city_name, unit_name).
    """
    findings = []
    ladder = _memo(lambda due: latest_due_rung(cfg.ladders.supervision_reply, calendar.next_workday(due),
                                               as_of, calendar))
    late_by = _memo(lambda due: calendar.workdays_between(due, as_of))
    for case in cases:
        due = case.reply_due
        if due is None or case.unit_code not in cities or not overdue(case, as_of):
            continue
        rung = ladder(due)
        if rung is None:
            continue
        city_code, city_name, unit_name = cities[case.unit_code]
        ctx = {"unit_name": unit_name, "city_name": city_name, "unit_code": case.unit_code,
               "case_no": case.case_no, "employer": case.employer,
               "opinion_on": case.documents["opinion"].isoformat(), "reply_due": due.isoformat(),
               "overdue": late_by(due), "close_by": _close_by(cfg, calendar, due, rung.index)}
        findings += [Finding(REPLY_RULE, f"{case.unit_code}:{case.case_no}", rung.index,
                             case.documents["opinion"].isoformat(),
                             audience_tag(a, city_code, case.unit_code), rung.rung.urgent,
                             "supervision_reply", ctx, rung.fires_on) for a in rung.rung.audience]
    return findings


def _close_by(cfg: ProgrammeConfig, calendar: WorkCalendar, due: dt.date, index: int) -> str | None:
    """The working day before the ladder's next rung: the date a reminder asks the work by."""
    following = next_rung_on(cfg.ladders.supervision_reply, calendar.next_workday(due), index, calendar)
    return calendar.add_workdays(following, -1).isoformat() if following else None
