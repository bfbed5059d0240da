"""The tick's work as plain functions: the Prefect flow and the year simulation both call these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from models.db import session_scope
from tasks.checks import Check, CheckResult, checks_for
from tasks.context import ProgrammeRef, TickContext, load_context


@dataclass
class TickReport:
    as_of: dt.date
    workday: bool
    results: list[CheckResult] = field(default_factory=list)

    @property
    def queued(self) -> int:
        return sum(r.queued for r in self.results)

    def table(self) -> list[dict]:
        """Rows for the tick's Prefect table artifact."""
        return [
            {"检查": r.label, "发现": r.findings, "新入发件箱": r.queued, "说明": "；".join(r.notes)}
            for r in self.results
        ]


def run_check(engine: Engine, ctx: TickContext, check: Check) -> CheckResult:
    """Decide and apply one check in its own transaction."""
    with session_scope(engine) as session:
        return check.apply(session, ctx)


def tick_once(engine: Engine, ref: ProgrammeRef, as_of: dt.date) -> TickReport:
    """One tick without Prefect: skip non-working days, else run the phase's checks."""
    if not ref.calendar.is_workday(as_of):
        return TickReport(as_of, workday=False)
    ctx = load_context(engine, ref, as_of)
    return TickReport(as_of, True, [run_check(engine, ctx, c) for c in checks_for(ctx)])
