"""One tick, composed once: the Prefect flow and the year simulation both run `run_tick`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from notifications.dispatcher import DispatchReport
from notifications.routes import Routes
from tasks.check_types import CheckResult
from tasks.checks import checks_for
from tasks.context import ProgrammeRef
from tasks.sending import summary
from tasks.tick_steps import (
    BACKUP_STEP,
    CHECK_STEP,
    DISPATCH_STEP,
    MAILBOX_STEP,
    PROVINCE_TABLE_STEP,
    REPORT_STEP,
    SNAPSHOT_STEP,
    StepRunner,
    dispatch_outbox,
    run_check,
    run_inline,
)

__all__ = ["FLOW", "INLINE", "TickOptions", "TickReport", "dispatch_outbox", "run_check", "run_tick",
           "tick_once"]


@dataclass
class TickReport:
    as_of: dt.date
    workday: bool
    results: list[CheckResult] = field(default_factory=list)
    dispatch: DispatchReport | None = None
    backup: list[str] = field(default_factory=list)  # notes of the day's database backup (when it runs)
    mail: list[str] = field(default_factory=list)  # notes of the day's mailbox fetch

    @property
    def queued(self) -> int:
        return sum(r.queued for r in self.results)

    def table(self) -> list[dict]:
        """Rows for the tick's Prefect table artifact."""
        rows = [
            {"检查": r.label, "发现": r.findings, "新入发件箱": r.queued, "说明": "；".join(r.notes)}
            for r in self.results
        ]
        if self.mail:
            rows.insert(0, {"检查": "报送邮箱", "发现": 0, "新入发件箱": 0, "说明": "；".join(self.mail)})
        if self.backup:
            rows.insert(0, {"检查": "数据库备份", "发现": 0, "新入发件箱": 0, "说明": "；".join(self.backup)})
        if self.dispatch is not None:
            d = self.dispatch
            rows.append({"检查": "发送提醒", "发现": d.messages, "新入发件箱": 0, "说明": summary(d)})
        return rows


@dataclass(frozen=True)
class TickOptions:
    """The steps a caller may leave out, said here rather than by leaving them out of a copy."""

    backup: bool  # copy an SQLite home's database before the day's checks
    publish: bool  # the Prefect table artifact `daily-tick`
    province_table: bool  # keep the province table's rows for the portal (tasks/province_store)


# The scheduled daily tick (and the simulation's milestones).
FLOW = TickOptions(backup=True, publish=True, province_table=True)
# The simulation's ordinary days and tick_once: the demo's staged database is thrown away or promoted
# whole, so a copy per virtual day is waste; and an artifact per virtual day would bury the real ones;
# nobody reads the province table of a virtual day (the portal computes its own when it finds none).
INLINE = TickOptions(backup=False, publish=False, province_table=False)


def run_tick(engine: Engine, ref: ProgrammeRef, as_of: dt.date, run: StepRunner, options: TickOptions,
             routes: Routes | None = None) -> TickReport:
    """Workday? → backup → mailbox → snapshot → the phases' checks → dispatch → province table → report,
    each through `run`."""
    if not ref.calendar.is_workday(as_of):
        report = TickReport(as_of, workday=False)
    else:
        backup = run(BACKUP_STEP, as_of) if options.backup else []  # the database before the day's checks
        mail = run(MAILBOX_STEP, ref, as_of)  # what arrived counts in today's snapshot
        ctx = run(SNAPSHOT_STEP, engine, ref, as_of)
        results = [run(CHECK_STEP, engine, ctx, check) for check in checks_for(ctx)]
        report = TickReport(as_of, True, results, run(DISPATCH_STEP, engine, ctx, routes), backup=backup,
                            mail=mail)
        if options.province_table:  # after the day's messages: the portal's table includes them
            run(PROVINCE_TABLE_STEP, engine, ctx)
    if options.publish:
        run(REPORT_STEP, report)
    return report


def tick_once(
    engine: Engine, ref: ProgrammeRef, as_of: dt.date, routes: Routes | None = None
) -> TickReport:
    """One tick without Prefect (the same composition, INLINE: no backup, no artifact)."""
    return run_tick(engine, ref, as_of, run_inline, INLINE, routes)
