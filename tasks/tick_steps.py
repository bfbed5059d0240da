"""The tick's steps as plain functions, each declared once as a Step that a runner runs its own way."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.engine import Engine

from config.settings import get_settings
from models.db import session_scope
from models.tick_time import tick_stamp
from notifications.dispatcher import DispatchReport
from notifications.routes import Routes, routes_from_settings
from tasks.backup import keep_daily_backup
from tasks.check_runner import apply_check
from tasks.check_types import Check, CheckResult
from tasks.context import ProgrammeRef, TickContext, load_context
from tasks.db_guard import DatabaseRefused
from tasks.gc_pause import no_cyclic_gc
from tasks.sending import send_due, summary

if TYPE_CHECKING:
    from tasks.tick import TickReport


@dataclass(frozen=True)
class Step:
    """One step of the tick: a plain function, a Prefect task in the flow, a plain call inline."""

    name: str  # the Prefect task's name
    fn: Callable[..., Any]
    database: bool = True  # works in the database: under Prefect, transient errors are retried
    run_name: Callable[..., str] | None = None  # the Prefect task run's name, from the step's arguments
    describe: Callable[[Any], str] | None = None  # the outcome as one line of the flow run's log


class StepRunner(Protocol):
    def __call__(self, step: Step, *args: Any) -> Any: ...


def run_inline(step: Step, *args: Any) -> Any:
    """The plain runner: call the step, no Prefect task run (the simulation's ordinary days, tests)."""
    return step.fn(*args)


def backup_database(as_of: dt.date) -> list[str]:
    """Copy an SQLite home's database once per tick date, keep the newest LEGALCAP_BACKUP_KEEP; the notes."""
    settings = get_settings()
    try:
        return keep_daily_backup(settings.db_url, settings.backups_dir, as_of, settings.backup_keep)
    except (OSError, DatabaseRefused) as exc:  # a failed copy must not hold back the day's reminders
        logging.getLogger("legalcap.backup").warning("数据库备份失败：%s", exc)
        return [f"备份失败：{exc}"]


def fetch_mailbox(ref: ProgrammeRef, as_of: dt.date) -> list[str]:
    """Fetch the province's mailbox before the snapshot, so what arrived counts today; the notes.

    Not configured: one note, nothing else. A mailbox that cannot be read has already queued its notice
    to the province; neither that nor a bug here holds back the day's reminders.
    """
    if not get_settings().mailbox_url:
        return ["未配置报送邮箱（LEGALCAP_MAILBOX_URL），未收取"]
    from tasks.mailbox.account import MailboxError
    from tasks.mailbox.service import run_fetch

    try:
        return [run_fetch(at=tick_stamp(as_of), year=ref.year).summary()]
    except MailboxError as exc:
        return [f"报送邮箱未能收取：{exc}"]
    except Exception:  # logged with its traceback; the tick goes on
        logging.getLogger("legalcap.mailbox").exception("收取报送邮箱时出错")
        return ["收取报送邮箱时出错，详情见日志"]


def run_check(engine: Engine, ctx: TickContext, check: Check) -> CheckResult:
    """Decide and apply one check in its own transaction (idempotent, so a retry repeats nothing)."""
    with no_cyclic_gc(), session_scope(engine) as session:
        return apply_check(session, ctx, check)


def dispatch_outbox(engine: Engine, ctx: TickContext, routes: Routes | None = None) -> DispatchReport:
    """Send what is due at the tick's virtual time, with the programme's retry policy."""
    return send_due(engine, routes or routes_from_settings(), ctx.cfg.outbox, year=ctx.year, now=ctx.stamp)


def refresh_province_table(engine: Engine, ctx: TickContext) -> int:
    """Compute the province table's rows as of the tick's day and keep them for the portal
    (tasks/province_store, served by web/province_cache); the units in it."""
    from tasks.province_store import compute_and_store

    ref = ProgrammeRef(ctx.programme_id, ctx.year, ctx.config_hash, ctx.cfg)
    return len(compute_and_store(engine, ref, ctx.as_of, ctx.stamp).rows)


def publish_report(report: TickReport) -> None:
    """The day's checks as the Prefect table artifact `daily-tick`."""
    from prefect.artifacts import create_table_artifact

    rows = report.table() or [{"检查": "（非工作日，未运行检查）", "发现": 0, "新入发件箱": 0, "说明": ""}]
    create_table_artifact(
        table=rows, key="daily-tick",
        description=f"legalcap 每日检查 {report.as_of.isoformat()}：新入发件箱 {report.queued} 条",
    )


def result_line(result: CheckResult) -> str:
    """The check's outcome and notes as one line for the run log."""
    notes = "；".join(result.notes)
    return f"{result.label}：发现 {result.findings}，新入发件箱 {result.queued}。{notes}".rstrip()


BACKUP_STEP = Step("backup-database", backup_database, database=False,
                   describe=lambda notes: f"数据库备份：{'；'.join(notes)}")
MAILBOX_STEP = Step("fetch-mailbox", fetch_mailbox, database=False,
                    describe=lambda notes: f"报送邮箱：{'；'.join(notes)}")
SNAPSHOT_STEP = Step("load-snapshot", load_context)
CHECK_STEP = Step("check", run_check, run_name=lambda _engine, _ctx, check: f"check-{check.name}",
                  describe=result_line)
DISPATCH_STEP = Step("dispatch-outbox", dispatch_outbox,
                     describe=lambda report: f"发送提醒：{report.messages} 条消息，{summary(report)}")
PROVINCE_TABLE_STEP = Step("province-table", refresh_province_table,
                          describe=lambda n: f"全省汇总表：已更新（{n} 个实施单位）")
REPORT_STEP = Step("publish-tick-artifact", publish_report, database=False)
