"""The tick's work as plain functions: the Prefect flow and the year simulation both call these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from models.db import session_scope
from notifications.dispatcher import DispatchReport
from notifications.routes import Routes, routes_from_settings
from tasks.checks import Check, CheckResult, checks_for
from tasks.context import ProgrammeRef, TickContext, load_context
from tasks.gc_pause import no_cyclic_gc
from tasks.sending import send_due, summary


@dataclass
class TickReport:
    as_of: dt.date
    workday: bool
    results: list[CheckResult] = field(default_factory=list)
    dispatch: DispatchReport | None = None
    backup: list[str] = field(default_factory=list)  # notes of the day's database backup (flow only)

    @property
    def queued(self) -> int:
        return sum(r.queued for r in self.results)

    def table(self) -> list[dict]:
        """Rows for the tick's Prefect table artifact."""
        rows = [
            {"检查": r.label, "发现": r.findings, "新入发件箱": r.queued, "说明": "；".join(r.notes)}
            for r in self.results
        ]
        if self.backup:
            rows.insert(0, {"检查": "数据库备份", "发现": 0, "新入发件箱": 0, "说明": "；".join(self.backup)})
        if self.dispatch is not None:
            d = self.dispatch
            rows.append({"检查": "发送提醒", "发现": d.messages, "新入发件箱": 0, "说明": summary(d)})
        return rows


def run_check(engine: Engine, ctx: TickContext, check: Check) -> CheckResult:
    """Decide and apply one check in its own transaction."""
    with no_cyclic_gc(), session_scope(engine) as session:
        return check.apply(session, ctx)


def dispatch_outbox(engine: Engine, ctx: TickContext, routes: Routes) -> DispatchReport:
    """Send what is due at the tick's virtual time, with the programme's retry policy."""
    return send_due(engine, routes, ctx.cfg.outbox, year=ctx.year, now=ctx.stamp)


def tick_once(
    engine: Engine, ref: ProgrammeRef, as_of: dt.date, routes: Routes | None = None
) -> TickReport:
    """One tick without Prefect: skip non-working days, else run the phase's checks and send."""
    if not ref.calendar.is_workday(as_of):
        return TickReport(as_of, workday=False)
    ctx = load_context(engine, ref, as_of)
    results = [run_check(engine, ctx, c) for c in checks_for(ctx)]
    return TickReport(as_of, True, results, dispatch_outbox(engine, ctx, routes or routes_from_settings()))
