"""The tick's fund check: spending above the subsidy (said once), a subsidy left largely unspent (monthly)."""

from __future__ import annotations

from models.enums import Phase
from models.findings import Finding
from models.funds import (
    OVER_RULE,
    UNSPENT_RULE,
    determine_fund_alerts,
    open_over_subsidy_subjects,
    open_unspent_subjects,
)
from tasks.check_types import Check, Resolution, listed
from tasks.context import TickContext
from tasks.funds import funds_by_unit


def _alerts(_ctx: TickContext, _funds: object, findings: list[Finding]) -> list[str]:
    over = {f"{f.context['unit_name']}（超出 {f.context['over']} 元）"
            for f in findings if f.rule == OVER_RULE}
    unspent = {f"{f.context['unit_name']}（{f.context['unspent_share']}）"
               for f in findings if f.rule == UNSPENT_RULE}
    return listed("超出补助", over) + listed("补助未使用过多", unspent)


CHECK = Check(
    "funds", "经费使用", frozenset({Phase.implementation, Phase.evaluation}),
    load=lambda session, ctx: funds_by_unit(session, ctx.programme_id, ctx.as_of),
    decide=lambda ctx, funds: determine_fund_alerts(ctx.statuses, funds, ctx.cfg, ctx.calendar, ctx.as_of),
    resolutions=(
        Resolution(OVER_RULE, lambda ctx, funds: open_over_subsidy_subjects(ctx.statuses, funds, ctx.cfg)),
        Resolution(UNSPENT_RULE, lambda ctx, funds: open_unspent_subjects(ctx.statuses, funds, ctx.cfg,
                                                                            ctx.as_of)),
    ),
    notes=_alerts,
)
