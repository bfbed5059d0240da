"""The outbox: findings become Notification rows, once each, before anything is sent."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select, update

from models.enums import NotificationStatus
from models.findings import Finding
from models.tables import Notification
from notifications.render import render

CHUNK = 500
RESOLVED = "事项已办结，提醒取消"  # a cancelled row's last_error unless its check says more

OpenKeys = set[str] | set[tuple[str, str]]  # subjects, or (subject, period) pairs, whose ladder still runs


def notification_row(finding: Finding, *, programme_id: int | None, year: int, as_of: dt.date,
                     extra: dict | None = None, attachments_json: str = "[]") -> dict:
    title, body = render(finding, extra)
    return {
        "idempotency_key": finding.key(year),
        "programme_id": programme_id,
        "rule": finding.rule,
        "subject": finding.subject,
        "rung": finding.rung,
        "period": finding.period,
        "audience": finding.audience,
        "urgent": finding.urgent,
        "title": title,
        "body": body,
        "status": NotificationStatus.pending.value,
        "created_on": as_of,
        "attachments_json": attachments_json,
    }


def enqueue(
    session: Session, findings: list[Finding], *, programme_id: int | None, year: int, as_of: dt.date,
    extra: dict | None = None, attachments: dict[str, str] | None = None,
) -> int:
    """Insert the findings not yet in the outbox; return how many are new (extra: render context).

    attachments: a finding's key → the files its row carries (models/attachments.py to_json).
    """
    fresh = {f.key(year): f for f in findings}
    for known in _existing_keys(session, list(fresh)):
        del fresh[known]  # already in the outbox: no need to render it again
    if not fresh:
        return 0
    files = attachments or {}
    rows = {key: notification_row(f, programme_id=programme_id, year=year, as_of=as_of, extra=extra,
                                  attachments_json=files.get(key, "[]"))
            for key, f in fresh.items()}
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    values = list(rows.values())
    added = 0
    for start in range(0, len(values), CHUNK):
        stmt = insert(Notification).values(values[start:start + CHUNK])
        stmt = stmt.on_conflict_do_nothing(index_elements=["idempotency_key"])
        stmt = stmt.execution_options(preserve_rowcount=True)  # psycopg reports -1 otherwise
        added += session.exec(stmt).rowcount
    return added


def not_yet_queued(session: Session, findings: list[Finding], year: int) -> list[Finding]:
    """The findings whose key is not in the outbox yet (the only ones worth enriching and rendering)."""
    known = _existing_keys(session, [f.key(year) for f in findings])
    return [f for f in findings if f.key(year) not in known]


def _existing_keys(session: Session, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start:start + CHUNK]
        found.update(session.exec(select(Notification.idempotency_key)
                                  .where(col(Notification.idempotency_key).in_(chunk))).all())
    return found


def cancel_resolved(
    session: Session, *, programme_id: int, rule: str, still_open: OpenKeys, per_period: bool = False,
    reason: str = RESOLVED,
) -> int:
    """A ladder stops once its item is satisfied: the rule's unsent rows no longer open are cancelled.

    A row is open while its subject (or, per_period, its (subject, period)) is in still_open.
    """
    pending = session.exec(select(Notification.id, Notification.subject, Notification.period).where(
        Notification.programme_id == programme_id, Notification.rule == rule,
        Notification.status == NotificationStatus.pending.value)).all()
    closed = [row_id for row_id, subject, period in pending
              if ((subject, period) if per_period else subject) not in still_open]
    for start in range(0, len(closed), CHUNK):
        session.exec(update(Notification).where(col(Notification.id).in_(closed[start:start + CHUNK]))
                     .values(status=NotificationStatus.cancelled.value, last_error=reason))
    return len(closed)
