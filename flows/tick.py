"""daily_tick: the stage-gated dispatcher, one Prefect task per check over all units."""

import datetime as dt

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from flows.tick_backup import backup_task
from notifications.dispatcher import DispatchReport
from notifications.routes import routes_from_settings
from tasks.checks import CHECKS, CheckResult, checks_for
from tasks.context import ProgrammeRef, TickContext, load_context, load_programme
from tasks.runtime import get_engine
from tasks.sending import summary
from tasks.tick import TickReport, dispatch_outbox, run_check
from tasks.transient import DB_TASK_RETRIES

_BY_NAME = {c.name: c for c in CHECKS}


@task(name="load-snapshot", cache_policy=NO_CACHE, **DB_TASK_RETRIES)
def load_snapshot(ref: ProgrammeRef, as_of: dt.date) -> TickContext:
    """Read every unit's facts as of the date with bulk queries."""
    return load_context(get_engine(), ref, as_of)


@task(name="check", task_run_name="check-{name}", cache_policy=NO_CACHE, **DB_TASK_RETRIES)
def run_check_task(name: str, ctx: TickContext) -> CheckResult:
    """One check for all units in its own transaction (idempotent, so a retry repeats nothing)."""
    result = run_check(get_engine(), ctx, _BY_NAME[name])
    get_run_logger().info(result_line(result))
    return result


def result_line(result: CheckResult) -> str:
    """The check's outcome and notes as one line for the run log."""
    notes = "；".join(result.notes)
    return f"{result.label}：发现 {result.findings}，新入发件箱 {result.queued}。{notes}".rstrip()


@task(name="dispatch-outbox", cache_policy=NO_CACHE, **DB_TASK_RETRIES)
def dispatch_task(ctx: TickContext) -> DispatchReport:
    """Send the due outbox rows (digests, retries with backoff) through Apprise."""
    report = dispatch_outbox(get_engine(), ctx, routes_from_settings())
    get_run_logger().info(f"发送提醒：{report.messages} 条消息，{summary(report)}")
    return report


@task(name="publish-tick-artifact", cache_policy=NO_CACHE)
def publish_artifact(report: TickReport) -> None:
    rows = report.table() or [{"检查": "（非工作日，未运行检查）", "发现": 0, "新入发件箱": 0, "说明": ""}]
    create_table_artifact(
        table=rows, key="daily-tick",
        description=f"legalcap 每日检查 {report.as_of.isoformat()}：新入发件箱 {report.queued} 条",
    )


@flow(name="daily-tick", flow_run_name="tick-{as_of}")
def daily_tick(as_of: dt.date, year: int | None = None) -> TickReport:
    """Compute phases and gates as of the date and run the checks registered for those phases."""
    ref = load_programme(get_engine(), year)
    if not ref.calendar.is_workday(as_of):
        report = TickReport(as_of, workday=False)
    else:
        backup = backup_task(as_of)  # the database as it was before this day's checks
        ctx = load_snapshot(quote(ref), as_of)
        results = [run_check_task(c.name, quote(ctx)) for c in checks_for(ctx)]
        report = TickReport(as_of, True, results, dispatch_task(quote(ctx)), backup=backup)
    publish_artifact(quote(report))
    return report
