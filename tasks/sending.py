"""One dispatch run with the programme's retry policy and the run limits from settings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Engine

from config.programme import Outbox
from config.settings import Settings, get_settings
from notifications.attachment_sweep import sweep_outbox_files
from notifications.claims import ClaimPolicy
from notifications.dispatcher import DispatchReport, RetryPolicy, dispatch
from notifications.routes import Routes

# A claim outlives the run's deadline by at least this much: the batch in flight when the deadline
# passes still finishes (its targets' timeouts) before anyone else may take its rows.
CLAIM_MARGIN_SECONDS = 300.0


def run_limits(settings: Settings | None = None) -> tuple[float, ClaimPolicy]:
    """The run's deadline (seconds) and its claim policy, the claim always longer than the deadline."""
    settings = settings or get_settings()
    deadline = settings.dispatch_deadline_seconds
    claim = max(settings.dispatch_claim_seconds, deadline + CLAIM_MARGIN_SECONDS)
    return deadline, ClaimPolicy(seconds=claim)


def send_due(engine: Engine, routes: Routes, outbox: Outbox, *, year: int, now: dt.datetime,
             settings: Settings | None = None) -> DispatchReport:
    """Send what is due at `now` (a tick's virtual time or the real clock), within the deadline;
    then remove the staged files that no row needs any more (LEGALCAP_OUTBOX_FILES_KEEP_DAYS)."""
    settings = settings or get_settings()
    deadline, claims = run_limits(settings)
    policy = RetryPolicy(outbox.max_attempts, outbox.backoff_minutes)
    report = dispatch(engine, routes, policy, now=now, year=year, deadline_seconds=deadline, claims=claims,
                      home=settings.home_dir)
    report.files_removed = sweep_outbox_files(engine, settings.home_dir, as_of=now.date(),
                                              keep_days=settings.outbox_files_keep_days)
    return report


def summary(report: DispatchReport) -> str:
    """One Chinese line: sent, retrying, given up, and left for the next run by the deadline."""
    line = (f"已送达 {report.rows_sent} 条，待重试 {report.rows_retrying} 条，"
            f"放弃 {report.rows_failed} 条")
    if report.rows_left:
        line += f"；已到发送时限，{report.rows_left} 条留待下次发送"
    if report.files_removed:
        line += f"；清理过期发件附件 {report.files_removed} 个"
    return line


def send_now(engine: Engine, year: int | None, now: dt.datetime) -> DispatchReport:
    """Dispatch outside the tick: what is due by `now` (the real clock), with the programme's policy."""
    from notifications.routes import routes_from_settings
    from tasks.context import load_programme

    ref = load_programme(engine, year)
    return send_due(engine, routes_from_settings(), ref.cfg.outbox, year=ref.year, now=now)
