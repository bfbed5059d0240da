"""The tick's phase 3 checks: reports not yet handed in, and rectifications awaiting their re-check."""

from __future__ import annotations

from sqlmodel import Session, col, select, update

from models.enums import Phase
from models.rectification import (
    RECTIFICATION_RULE,
    determine_rectification_chases,
    open_rectification_subjects,
)
from models.report_chases import REPORT_RULE, determine_report_chases, open_report_subjects
from models.tables import Notification
from notifications.outbox import cancel_resolved, enqueue
from tasks.check_types import Check, CheckResult
from tasks.context import TickContext
from tasks.reports import load_reports, report_kinds
from tasks.verdicts import load_standing_verdicts


def _queue(session: Session, ctx: TickContext, findings) -> int:
    return enqueue(session, findings, programme_id=ctx.programme_id, year=ctx.year, as_of=ctx.as_of)


def apply_report_submission(session: Session, ctx: TickContext) -> CheckResult:
    """Units in evaluation missing the 工作总结 or 成果报告: the submission ladder to the summary deadline."""
    reports = report_kinds(load_reports(session, ctx.programme_id, ctx.as_of))
    findings = determine_report_chases(ctx.statuses, reports, ctx.cfg, ctx.calendar, ctx.as_of)
    result = CheckResult("report_submission", "总结报告报送", len(findings), _queue(session, ctx, findings))
    waiting = sorted({f"{f.context['unit_name']}（缺{'、'.join(f.context['missing'])}）" for f in findings})
    if waiting:
        result.notes.append(f"未报送：{'、'.join(waiting)}")
    open_units = open_report_subjects(ctx.statuses, reports, ctx.cfg, ctx.as_of)
    cancelled = cancel_resolved(session, programme_id=ctx.programme_id, rule=REPORT_RULE,
                                open_subjects=open_units)
    if cancelled:
        result.notes.append(f"已报送，取消未发送提醒 {cancelled} 条")
    return result


def cancel_closed_rectifications(session: Session, programme_id: int,
                                 open_pairs: set[tuple[str, str]]) -> int:
    """Unsent rectification reminders whose (unit, due date) is no longer open are cancelled."""
    pending = session.exec(select(Notification.id, Notification.subject, Notification.period).where(
        Notification.programme_id == programme_id, Notification.rule == RECTIFICATION_RULE,
        Notification.status == "pending")).all()
    closed = [row_id for row_id, subject, period in pending if (subject, period) not in open_pairs]
    if closed:
        session.exec(update(Notification).where(col(Notification.id).in_(closed))
                     .values(status="cancelled", last_error="已登记复查结果，提醒取消"))
    return len(closed)


def apply_rectification(session: Session, ctx: TickContext) -> CheckResult:
    """Open rectifications: the rectification ladder to their due date, until the re-check is recorded."""
    verdicts = load_standing_verdicts(session, ctx.programme_id, ctx.as_of)
    findings = determine_rectification_chases(ctx.statuses, verdicts, ctx.cfg, ctx.calendar, ctx.as_of)
    result = CheckResult("rectification", "整改复查", len(findings), _queue(session, ctx, findings))
    waiting = sorted({f"{f.context['unit_name']}（期限 {f.context['due']}）" for f in findings})
    if waiting:
        result.notes.append(f"整改中：{'、'.join(waiting)}")
    cancelled = cancel_closed_rectifications(session, ctx.programme_id, open_rectification_subjects(verdicts))
    if cancelled:
        result.notes.append(f"已登记复查，取消未发送提醒 {cancelled} 条")
    return result


# Also run when every unit is closed: the last unit to close still has its unsent reminders cancelled.
PHASES = frozenset({Phase.evaluation, Phase.closed})
REPORT_CHECK = Check("report_submission", "总结报告报送", PHASES, apply_report_submission)
RECTIFICATION_CHECK = Check("rectification", "整改复查", PHASES, apply_rectification)
