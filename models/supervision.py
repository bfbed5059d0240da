"""劳动法律监督 一函两书: each case's stages from its ledger rows, and overdue replies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.findings import Finding, audience_tag
from models.ladders import latest_due_rung

REPLY_RULE = "supervision_reply"
STAGE_LABELS = {"reminder_letter": "提示函", "opinion": "意见书", "recommendation": "建议书"}


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
class Case:
    unit_code: str
    case_no: str
    employer: str
    documents: dict[str, dt.date]
    reply_due: dt.date | None
    replied_on: dt.date | None

    @property
    def stage(self) -> str:
        """The furthest document issued, or 'replied' once the employer answered the opinion."""
        if "recommendation" in self.documents:
            return "recommendation"
        if self.replied_on:
            return "replied"
        return "opinion" if "opinion" in self.documents else "reminder_letter"


def build_cases(rows: list[CaseRow], cfg: ProgrammeConfig, calendar: WorkCalendar) -> list[Case]:
    """Group rows by (unit, case number); the reply is due N working days after the opinion."""
    grouped: dict[tuple[str, str], list[CaseRow]] = {}
    for row in rows:
        grouped.setdefault((row.unit_code, row.case_no), []).append(row)
    cases = []
    for (unit, case_no), items in sorted(grouped.items()):
        documents = {r.document: r.on for r in sorted(items, key=lambda r: r.on)}
        opinion = documents.get("opinion")
        explicit = next((r.reply_due for r in items if r.reply_due), None)
        due = explicit or (calendar.add_workdays(opinion, cfg.supervision.reply_deadline_workdays)
                           if opinion else None)
        replied = min((r.replied_on for r in items if r.replied_on), default=None)
        employer = next((r.employer for r in items if r.employer), "")
        cases.append(Case(unit, case_no, employer, documents, due, replied))
    return cases


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
    for case in cases:
        if case.unit_code not in cities or not overdue(case, as_of):
            continue
        city_code, city_name, unit_name = cities[case.unit_code]
        start = calendar.next_workday(case.reply_due)
        rung = latest_due_rung(cfg.ladders.supervision_reply, start, as_of, calendar)
        if rung is None:
            continue
        ctx = {"unit_name": unit_name, "city_name": city_name, "case_no": case.case_no,
               "employer": case.employer, "opinion_on": case.documents["opinion"].isoformat(),
               "reply_due": case.reply_due.isoformat(),
               "overdue": calendar.workdays_between(case.reply_due, as_of)}
        findings += [Finding(REPLY_RULE, f"{case.unit_code}:{case.case_no}", rung.index,
                             case.documents["opinion"].isoformat(),
                             audience_tag(a, city_code, case.unit_code), rung.rung.urgent,
                             "supervision_reply", ctx, rung.fires_on) for a in rung.rung.audience]
    return findings
