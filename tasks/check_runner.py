"""The one runner of declared checks: decide, enqueue, note, cancel what is resolved."""

from __future__ import annotations

from sqlmodel import Session

from notifications.outbox import cancel_resolved, enqueue
from notifications.render import channel_context
from tasks.check_types import Check, CheckResult, Facts
from tasks.context import TickContext


def apply_check(session: Session, ctx: TickContext, check: Check) -> CheckResult:
    """Run one declared check in the caller's transaction; its outcome for the log and the artifact."""
    if check.run is not None:
        return check.run(session, ctx)
    facts = check.load(session, ctx)
    notes = check.before(session, ctx, facts) if check.before else []
    findings = check.decide(ctx, facts) if check.decide else []
    fresh = check.prepare(session, ctx, findings) if check.prepare else findings
    queued = enqueue(session, fresh, programme_id=ctx.programme_id, year=ctx.year, as_of=ctx.as_of,
                     extra=channel_context(ctx.cfg.intake))
    notes += check.notes(ctx, facts, findings)
    cancelled = cancel_settled(session, ctx, check, facts)
    if cancelled:
        notes.append(f"{check.resolved_note}，取消未发送提醒 {cancelled} 条")
    if check.closing_notes:
        notes += check.closing_notes(ctx, facts)
    return CheckResult(check.name, check.label, len(findings), queued, notes)


def cancel_settled(session: Session, ctx: TickContext, check: Check, facts: Facts) -> int:
    """Cancel the unsent reminders of every subject the check's rules no longer hold open."""
    return sum(
        cancel_resolved(session, programme_id=ctx.programme_id, rule=r.rule,
                        still_open=r.still_open(ctx, facts), per_period=r.per_period, reason=r.reason)
        for r in check.resolutions
    )
