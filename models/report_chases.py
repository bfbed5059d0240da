"""Phase 3 report chase: units in evaluation still missing the 工作总结 or the 成果报告.

From the evaluation phase's start, a unit in Phase.evaluation that lacks either report climbs the
`ladders.submission` ladder relative to `deadlines.summary_submission`. The message names the
missing report(s); once both have arrived its unsent reminders are cancelled.
"""

from __future__ import annotations

import datetime as dt

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.enums import REPORT_LABELS, Phase, SubmissionKind
from models.findings import Finding, audience_tag
from models.ladders import latest_due_rung
from models.status import UnitStatus

REPORT_RULE = "report_submission"
TEMPLATE = "report_submission"
__all__ = ["REPORT_LABELS", "REPORT_RULE", "TEMPLATE", "determine_report_chases", "missing_reports",
           "open_report_subjects"]


def missing_reports(kinds: frozenset[str] | set[str]) -> list[SubmissionKind]:
    """The report kinds not yet submitted, in a fixed order."""
    return [kind for kind in REPORT_LABELS if kind not in kinds]


def _watched(statuses: list[UnitStatus], cfg: ProgrammeConfig,
             as_of: dt.date) -> list[tuple[str, UnitStatus]]:
    """(unit code, status) of the recommended units in evaluation, from the evaluation start."""
    if as_of < cfg.phases.evaluation.start:
        return []
    return [(st.slot.unit_code, st) for st in statuses
            if st.slot.unit_code and st.phase.phase == Phase.evaluation]


def open_report_subjects(statuses: list[UnitStatus], reports: dict[str, frozenset[str]],
                         cfg: ProgrammeConfig, as_of: dt.date) -> set[str]:
    """Units in evaluation still missing a report: their reminders stand."""
    return {unit for unit, _ in _watched(statuses, cfg, as_of)
            if missing_reports(reports.get(unit, frozenset()))}


def determine_report_chases(
    statuses: list[UnitStatus], reports: dict[str, frozenset[str]], cfg: ProgrammeConfig,
    calendar: WorkCalendar, as_of: dt.date,
) -> list[Finding]:
    """Remind the unit before the summary deadline; the city and then the province after it."""
    due = cfg.deadlines.summary_submission
    due_rung = latest_due_rung(cfg.ladders.submission, due, as_of, calendar)
    if due_rung is None:
        return []
    findings: list[Finding] = []
    for unit, st in _watched(statuses, cfg, as_of):
        s = st.slot
        missing = missing_reports(reports.get(unit, frozenset()))
        if not missing:
            continue
        ctx = {"city_name": s.city_name, "city_code": s.city_code, "unit_name": s.unit_name,
               "unit_code": s.unit_code, "missing": [REPORT_LABELS[k] for k in missing],
               "missing_kinds": [str(k) for k in missing], "due": due.isoformat(),
               "workdays_left": calendar.workdays_between(as_of, due)}
        findings += [
            Finding(REPORT_RULE, unit, due_rung.index, str(cfg.year),
                    audience_tag(a, s.city_code, s.unit_code), due_rung.rung.urgent, TEMPLATE,
                    {**ctx, "audience_role": str(a)}, due_rung.fires_on)
            for a in due_rung.rung.audience
        ]
    return findings
