"""The dispatcher: sends due outbox rows through Apprise, records each target's result, retries.

The due rows are claimed first (notifications/claims.py), so overlapping dispatchers send each row
once. Each batch is committed as soon as it is sent, so a crash repeats at most the batch in flight
(once the dead run's claim has expired). No batch starts after the run's deadline; the rest of the
claimed rows are released, still pending, for the next run.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import apprise
from sqlalchemy import bindparam, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col, or_, select

from config.settings import get_settings
from models.db import session_scope
from models.enums import NotificationStatus
from models.findings import Finding
from models.tables import Notification
from notifications.attachments import Resolved, resolve
from notifications.channels import channel_kind, payloads_for
from notifications.claims import ClaimPolicy, claim_due, claimed_rows, release
from notifications.digest import Batch, PendingItem, plan_batches
from notifications.outbox import enqueue
from notifications.routes import Routes
from notifications.secrets import scrub

log = logging.getLogger("legalcap.notifications")
FAILURE_RULE = "delivery_failed"
NO_MAIL_ROUTE_RULE = "receipt_mail_route_missing"


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    backoff_minutes: tuple[int, ...]

    def next_attempt(self, attempts: int, now: dt.datetime) -> dt.datetime:
        minutes = self.backoff_minutes[min(attempts, len(self.backoff_minutes)) - 1]
        return now + dt.timedelta(minutes=minutes)


@dataclass
class TargetResult:
    url_id: str
    name: str
    url: str
    ok: bool
    error: str = ""


@dataclass
class DispatchReport:
    messages: int = 0
    rows_sent: int = 0
    rows_retrying: int = 0
    rows_failed: int = 0
    rows_left: int = 0  # claimed but not started before the deadline: still pending
    files_removed: int = 0  # staged outbox files no row needs any more (tasks/sending.py)
    errors: list[str] = field(default_factory=list)


def due_items(engine: Engine, now: dt.datetime, limit: int | None = None) -> list[PendingItem]:
    """The rows due at `now`, claimed or not (what a dispatch would plan, without claiming)."""
    with session_scope(engine) as session:
        next_at = col(Notification.next_attempt_at)
        stmt = (select(Notification)
                .where(Notification.status == NotificationStatus.pending.value,
                       or_(next_at.is_(None), next_at <= now))
                .order_by(col(Notification.id)).limit(limit))
        return [_item(n) for n in session.exec(stmt)]


_ITEM_COLUMNS = ("id", "audience", "created_on", "urgent", "title", "body", "programme_id", "rule",
                 "attempts", "results_json", "subject", "rung", "attachments_json", "to_address")


def _item(n) -> PendingItem:
    results = json.loads(n.results_json or "{}") or {}
    delivered = frozenset(k for k, r in results.items() if isinstance(r, dict) and r.get("ok"))
    return PendingItem(n.id, n.audience, n.created_on, n.urgent, n.title, n.body, delivered,
                       n.programme_id, n.rule, n.attempts, n.results_json or "{}", n.subject, n.rung,
                       n.attachments_json or "[]", n.to_address or "")


def send_batch(routes: Routes, batch: Batch, attach: tuple[Path, ...] = (),
               home: Path | None = None) -> list[TargetResult]:
    """Send one message to every target of its recipient not yet reached; results per target.

    Attachments (`attach`, and the files the batch's rows carry) go to e-mail targets only (WeCom
    and DingTalk robots cannot take them).
    """
    files = batch_files(batch, home)
    files = Resolved(tuple(attach) + files.files, tuple(p.name for p in attach) + files.names, files.missing)
    return _send(_channels(routes, batch.audience, batch.delivered, batch.address), batch, files)


def batch_files(batch: Batch, home: Path | None = None) -> Resolved:
    """The batch's files as found now under LEGALCAP_HOME (missing or changed ones named apart)."""
    refs = batch.attachments
    if not refs:
        return Resolved()
    return resolve(home or get_settings().home_dir, refs)


def _channels(routes: Routes, audience: str, delivered: frozenset[str],
              address: str = "") -> list[tuple[str, apprise.Apprise]]:
    """The recipient's targets not yet reached, as one Apprise object per kind of channel.

    A batch for an exact address goes by e-mail to that address alone when an e-mail route is
    configured, else to its audience's routes (notifications/direct_mail.py).
    """
    found = routes.services_to(address) if address and routes.mail else routes.services_for(audience)
    services = [s for s in found if _url_id(s) not in delivered]
    by_kind: dict[str, list] = {}
    for service in services:
        by_kind.setdefault(channel_kind(service), []).append(service)
    channels = []
    for kind, group in by_kind.items():
        apobj = apprise.Apprise()
        for service in group:
            apobj.add(service)
        channels.append((kind, apobj))
    return channels


def _send(channels: list[tuple[str, apprise.Apprise]], batch: Batch,
          files: Resolved | None = None) -> list[TargetResult]:
    files = files or Resolved()
    results: dict[str, TargetResult] = {}
    notify_type = apprise.NotifyType.WARNING if batch.urgent else apprise.NotifyType.INFO
    for kind, apobj in channels:
        note = files.note(kind)
        body = f"{batch.body}\n{note}" if note else batch.body
        for payload in payloads_for(kind, batch.title, body, files.files):
            outcome = apobj.notify(body=payload.body, title=payload.title, notify_type=notify_type,
                                   body_format=payload.body_format, attach=payload.attach or None)
            _merge(results, outcome)
    return list(results.values())


def _merge(results: dict[str, TargetResult], outcome) -> None:
    """A target is reached only if every part sent to it succeeded."""
    for r in outcome:
        key = r.url_id or r.url
        ok = bool(r) and results.get(key, TargetResult(key, "", "", True)).ok
        results[key] = TargetResult(key, r.name, scrub(r.url), ok, "" if r else _error(r))


def _error(service_result) -> str:
    serious = {"WARNING", "ERROR", "CRITICAL"}
    messages = [e.message for e in service_result.logs() if str(e.level).upper() in serious]
    text = messages[-1] if messages else f"发送失败（{service_result.status.name}）"
    return scrub(str(text))[:300]


def _url_id(service) -> str:
    try:
        return service.url_id() or service.url(privacy=True)
    except Exception:  # a misconfigured plugin must not stop the others
        return service.url(privacy=True)


def dispatch(
    engine: Engine, routes: Routes, policy: RetryPolicy, *, now: dt.datetime, year: int,
    limit: int | None = None, on_progress=None, deadline_seconds: float | None = None,
    claims: ClaimPolicy | None = None, home: Path | None = None,
) -> DispatchReport:
    """Claim the due rows, send them (digests per recipient and day), record each outcome.

    `now` decides what is due and stamps the outcome; the deadline and claims use the real clock.
    Files the rows carry are looked up under `home` (default LEGALCAP_HOME).
    """
    stop_at = time.monotonic() + deadline_seconds if deadline_seconds is not None else None
    token = claim_due(engine, now, claims or ClaimPolicy(), limit)
    try:
        batches = plan_batches([_item(row) for row in claimed_rows(engine, token, _ITEM_COLUMNS)])
        return _send_all(engine, routes, policy, batches, token, now=now, year=year,
                         stop_at=stop_at, on_progress=on_progress, home=home)
    finally:
        release(engine, token)  # whatever was not sent goes back to the outbox as it was


def _send_all(engine: Engine, routes: Routes, policy: RetryPolicy, batches: list[Batch], token: str, *,
              now: dt.datetime, year: int, stop_at: float | None, on_progress,
              home: Path | None = None) -> DispatchReport:
    report = DispatchReport()
    if not batches:
        return report
    channels: dict[tuple[str, frozenset[str], str], list] = {}  # the routes do not change during a run
    with engine.connect() as connection:  # one connection, one transaction per batch
        for n, batch in enumerate(batches):
            if stop_at is not None and time.monotonic() >= stop_at:
                report.rows_left = sum(len(b.items) for b in batches[n:])
                break
            key = (batch.audience, batch.delivered, batch.address)
            if key not in channels:
                channels[key] = _channels(routes, *key)
            results = _send(channels[key], batch, batch_files(batch, home))
            _record(connection, batch, results, policy, now, year, report, token)
            report.messages += 1
            if on_progress:
                on_progress(len(batch.items))
    if routes.mail is None and any(b.address for b in batches[:report.messages]):
        _tell_no_mail_route(engine, year, now)
    return report


_TABLE = Notification.__table__  # type: ignore[attr-defined]  # SQLModel sets __table__ on table classes
_OUTCOME = ("status", "attempts", "last_error", "results_json", "next_attempt_at", "sent_at")
# A Core statement compiled once: the ORM unit of work cost more than the HTTP call per message.
# The row is updated only if nobody touched it since it was read (same attempts, still pending)
# and this run still holds its claim; the outcome clears the claim.
_SAVE_OUTCOME = (update(_TABLE)
                 .where(_TABLE.c.id == bindparam("row_id"),
                        _TABLE.c.status == NotificationStatus.pending.value,
                        _TABLE.c.attempts == bindparam("read_attempts"),
                        _TABLE.c.claim_token == bindparam("token"))
                 .values({**{name: bindparam(f"new_{name}") for name in _OUTCOME},
                          "claim_token": None, "claim_expires_at": None}))


def _as_row(item: PendingItem) -> SimpleNamespace:
    """The outbox row as it was read, ready to take the outcome."""
    return SimpleNamespace(id=item.id, programme_id=item.programme_id, rule=item.rule,
                           audience=item.audience, title=item.title, status=NotificationStatus.pending.value,
                           attempts=item.attempts, read_attempts=item.attempts, last_error="",
                           results_json=item.results_json, next_attempt_at=None, sent_at=None)


def _record(connection: Connection, batch: Batch, results: list[TargetResult], policy: RetryPolicy,
            now: dt.datetime, year: int, report: DispatchReport, token: str) -> None:
    """Store the outcome of one batch in one transaction, committed before the next batch is sent."""
    failed = [r for r in results if not r.ok]
    error = "；".join(f"{r.url}：{r.error}" for r in failed) if failed else ""
    if not results:
        error = f"没有为 {batch.audience} 配置通知渠道"
    with connection.begin():
        rows = [_as_row(item) for item in batch.items]
        for row in rows:
            _apply_outcome(row, results, error, policy, now)
            _count(report, row)
        if rows:
            connection.execute(_SAVE_OUTCOME, [
                {"row_id": row.id, "read_attempts": row.read_attempts, "token": token,
                 **{f"new_{name}": getattr(row, name) for name in _OUTCOME}}
                for row in rows])
        given_up = [row for row in rows if row.status == NotificationStatus.failed]
        if given_up:
            with Session(bind=connection) as session:  # joins this transaction, never commits it
                for row in given_up:
                    _tell_province(session, row, year, now)
        if error:
            report.errors.append(f"#{','.join(map(str, batch.ids))} {error}")


def _apply_outcome(row, results, error: str, policy: RetryPolicy, now) -> None:
    stored = json.loads(row.results_json or "{}") or {}
    for r in results:
        stored[r.url_id] = {"name": r.name, "url": r.url, "ok": r.ok, "error": r.error,
                            "at": now.isoformat()}
    row.results_json = json.dumps(stored, ensure_ascii=False)
    row.attempts += 1
    if not error:
        row.status, row.sent_at = NotificationStatus.sent.value, now
        row.last_error, row.next_attempt_at = "", None
    elif row.attempts >= policy.max_attempts:
        row.status, row.last_error, row.next_attempt_at = NotificationStatus.failed.value, error, None
    else:
        row.last_error, row.next_attempt_at = error, policy.next_attempt(row.attempts, now)


def _count(report: DispatchReport, row) -> None:
    if row.status == NotificationStatus.sent:
        report.rows_sent += 1
    elif row.status == NotificationStatus.failed:
        report.rows_failed += 1
    else:
        report.rows_retrying += 1


def _tell_no_mail_route(engine: Engine, year: int, now: dt.datetime) -> None:
    """Once a year: receipts went to the senders' unit or city routes, as no e-mail route is configured."""
    finding = Finding(NO_MAIL_ROUTE_RULE, "smtp", 0, str(year), "province", False, NO_MAIL_ROUTE_RULE)
    with session_scope(engine) as session:
        enqueue(session, [finding], programme_id=None, year=year, as_of=now.date())


def _tell_province(session, row, year: int, now: dt.datetime) -> None:
    """A row given up on is reported to the province (never for a failure notice itself)."""
    if row.rule == FAILURE_RULE:
        return
    finding = Finding(FAILURE_RULE, f"notification-{row.id}", 0, str(year), "province", True,
                      "delivery_failed",
                      {"id": row.id, "audience": row.audience, "title": row.title,
                       "attempts": row.attempts, "error": row.last_error})
    enqueue(session, [finding], programme_id=row.programme_id, year=year, as_of=now.date())
