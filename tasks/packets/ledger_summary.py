"""What a unit's ledger adds up to, for its packet page: months, 五进 venues, aid, other work, cases.

Pure: computed from the unit's exported ledger rows (tasks/packets/ledger_export.ExportEntry), the
same rows its ledger.xlsx holds, so the page and the workbook cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.ledger_schema import SHEETS, sheet_for
from models.legal_aid import aid_subsidies as subsidies_for
from models.supervision import CaseRow, build_cases, group_documents, overdue
from tasks.packets.figures import AidCount, Case, Month, VenueCount, Venues, WorkCount
from tasks.packets.ledger_export import ExportEntry

CATEGORY_LABELS = {sheet.category.value: sheet.name for sheet in SHEETS}
OTHER_WORK = ("collective_bargaining", "legality_review", "other", "employment_health_check")
CASE_STAGES = {"complaint": "已受理投诉举报", "investigation": "已实地调查",
               "reminder_letter": "已发提示函", "opinion": "已发意见书，待答复", "replied": "已答复",
               "recommendation": "已发建议书"}


def _label(category: str, key: str, code: object) -> str:
    """The Chinese label of a choice code in a category's sheet ('' when blank)."""
    if not code:
        return ""
    return sheet_for(category).column(key).label(str(code))


def monthly(entries: list[ExportEntry]) -> list[Month]:
    """Ledger rows per month (YYYY-MM), by category label, months in order."""
    per_month: dict[str, Counter[str]] = {}
    for e in entries:
        per_month.setdefault(e.occurred_on.strftime("%Y-%m"), Counter())[CATEGORY_LABELS[e.category]] += 1
    return [Month(month, sum(counts.values()),
                  {label: counts[label] for label in CATEGORY_LABELS.values() if counts[label]})
            for month, counts in sorted(per_month.items())]


def venues(entries: list[ExportEntry], cfg: ProgrammeConfig) -> Venues:
    """普法“五进”: events per venue reached, and the venues not reached."""
    counts = Counter(str(e.public.get("venue")) for e in entries if e.category == "publicity"
                     and e.public.get("venue"))
    reached = [VenueCount(v.code, v.name, counts[v.code]) for v in cfg.venues if counts[v.code]]
    missing = [v.name for v in cfg.venues if not counts[v.code]]
    return Venues(reached, missing, len(reached), len(cfg.venues))


def legal_aid(entries: list[ExportEntry]) -> list[AidCount]:
    """职工法律援助 by service type, in the sheet's order of types."""
    counts = Counter(str(e.public.get("service")) for e in entries if e.category == "legal_aid")
    choices = sheet_for("legal_aid").column("service").choices
    return [AidCount(label, counts[code]) for code, label in choices if counts[code]]


def aid_subsidies(entries: list[ExportEntry], cfg: ProgrammeConfig) -> dict:
    """法律援助补贴: qualifying cases by kind, priced only at the province's configured rates."""
    counts = Counter(str(e.public.get("service")) for e in entries if e.category == "legal_aid")
    return subsidies_for(counts, cfg.quotas.mediation_base.target, cfg.legal_aid_rates).as_dict()


def other_work(entries: list[ExportEntry]) -> list[WorkCount]:
    """Collective bargaining, legality review, health checks and other work, by kind."""
    counts: Counter[tuple[str, str]] = Counter()
    for e in entries:
        if e.category in OTHER_WORK:
            sheet = sheet_for(e.category)
            kind = _label(e.category, sheet.subtype, e.public.get(sheet.subtype)) if sheet.subtype else ""
            counts[(CATEGORY_LABELS[e.category], kind)] += 1
    order = {label: n for n, label in enumerate(CATEGORY_LABELS.values())}
    return [WorkCount(cat, kind, n)
            for (cat, kind), n in sorted(counts.items(), key=lambda item: (order[item[0][0]], item[0][1]))]


def cases(entries: list[ExportEntry], cfg: ProgrammeConfig, calendar: WorkCalendar,
          as_of: dt.date) -> list[Case]:
    """一函两书 cases with each document's date, the reply deadline and the outcome so far."""
    rows = [CaseRow(e.unit_code, str(e.public["case_no"]), str(e.public["document"]), e.occurred_on,
                    str(e.public.get("employer") or ""), _date(e.public.get("reply_due")),
                    _date(e.public.get("replied_on")))
            for e in entries if e.category == "labour_supervision" and e.public.get("case_no")]
    return [Case(case.case_no, case.employer, case.documents.get("reminder_letter"),
                 case.documents.get("opinion"), case.documents.get("recommendation"), case.reply_due,
                 case.replied_on, CASE_STAGES[case.stage], overdue(case, as_of))
            for case in build_cases(group_documents(rows), cfg, calendar)]


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)) if value else None
