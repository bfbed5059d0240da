"""The tick's fund check: spending above the subsidy (said once), a subsidy left largely unspent (monthly)."""

from __future__ import annotations

from sqlmodel import Session

from models.enums import Phase
from models.funds import (
    OVER_RULE,
    UNSPENT_RULE,
    determine_fund_alerts,
    open_over_subsidy_subjects,
    open_unspent_subjects,
)
from notifications.outbox import cancel_resolved, enqueue
from tasks.check_types import Check, CheckResult
from tasks.context import TickContext
from tasks.funds import funds_by_unit


def apply_fund_alerts(session: Session, ctx: TickContext) -> CheckResult:
    """Decide the fund alerts for every unit at once, queue them, cancel the unsent ones now resolved."""
    funds = funds_by_unit(session, ctx.programme_id, ctx.as_of)
    findings = determine_fund_alerts(ctx.statuses, funds, ctx.cfg, ctx.calendar, ctx.as_of)
    queued = enqueue(session, findings, programme_id=ctx.programme_id, year=ctx.year, as_of=ctx.as_of)
    result = CheckResult("funds", "经费使用", len(findings), queued)
    over = sorted({f"{f.context['unit_name']}（超出 {f.context['over']} 元）"
                   for f in findings if f.rule == OVER_RULE})
    unspent = sorted({f"{f.context['unit_name']}（{f.context['unspent_share']}）"
                      for f in findings if f.rule == UNSPENT_RULE})
    if over:
        result.notes.append(f"超出补助：{'、'.join(over)}")
    if unspent:
        result.notes.append(f"补助未使用过多：{'、'.join(unspent)}")
    cancelled = cancel_resolved(session, programme_id=ctx.programme_id, rule=OVER_RULE,
                                open_subjects=open_over_subsidy_subjects(ctx.statuses, funds, ctx.cfg))
    cancelled += cancel_resolved(session, programme_id=ctx.programme_id, rule=UNSPENT_RULE,
                                 open_subjects=open_unspent_subjects(ctx.statuses, funds, ctx.cfg, ctx.as_of))
    if cancelled:
        result.notes.append(f"已办结，取消未发送提醒 {cancelled} 条")
    return result


CHECK = Check("funds", "经费使用", frozenset({Phase.implementation, Phase.evaluation}), apply_fund_alerts)
