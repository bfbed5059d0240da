"""The tick's phase 3 checks: reports not yet handed in, and rectifications awaiting their re-check."""

from __future__ import annotations

from sqlmodel import Session

from models.enums import Phase
from models.findings import Finding
from models.rectification import (
    RECTIFICATION_RULE,
    determine_rectification_chases,
    open_rectification_subjects,
)
from models.report_chases import REPORT_RULE, determine_report_chases, open_report_subjects
from tasks.check_types import Check, Resolution, listed
from tasks.context import TickContext
from tasks.reports import load_reports, report_kinds
from tasks.verdicts import load_standing_verdicts


def reports_in(session: Session, ctx: TickContext) -> dict[str, frozenset[str]]:
    """The report kinds each unit has handed in by the tick's date."""
    return report_kinds(load_reports(session, ctx.programme_id, ctx.as_of))


def _waiting_reports(_ctx: TickContext, _reports: object, findings: list[Finding]) -> list[str]:
    return listed("未报送", {f"{f.context['unit_name']}（缺{'、'.join(f.context['missing'])}）"
                           for f in findings})


def _rectifying(_ctx: TickContext, _verdicts: object, findings: list[Finding]) -> list[str]:
    return listed("整改中", {f"{f.context['unit_name']}（期限 {f.context['due']}）" for f in findings})


# Also run when every unit is closed: the last unit to close still has its unsent reminders cancelled.
PHASES = frozenset({Phase.evaluation, Phase.closed})

# Units in evaluation missing the 工作总结 or 成果报告: the submission ladder to the summary deadline.
REPORT_CHECK = Check(
    "report_submission", "总结报告报送", PHASES, load=reports_in,
    decide=lambda ctx, reports: determine_report_chases(
        ctx.statuses, reports, ctx.cfg, ctx.calendar, ctx.as_of),
    resolutions=(Resolution(REPORT_RULE, lambda ctx, reports: open_report_subjects(
        ctx.statuses, reports, ctx.cfg, ctx.as_of)),),
    notes=_waiting_reports, resolved_note="已报送",
)

# Open rectifications: the rectification ladder to their due date, until the re-check is recorded.
RECTIFICATION_CHECK = Check(
    "rectification", "整改复查", PHASES,
    load=lambda session, ctx: load_standing_verdicts(session, ctx.programme_id, ctx.as_of),
    decide=lambda ctx, verdicts: determine_rectification_chases(
        ctx.statuses, verdicts, ctx.cfg, ctx.calendar, ctx.as_of),
    resolutions=(Resolution(RECTIFICATION_RULE, lambda _ctx, verdicts: open_rectification_subjects(verdicts),
                            per_period=True, reason="已登记复查结果，提醒取消"),),
    notes=_rectifying, resolved_note="已登记复查",
)
