"""Append to the audit trail."""

from __future__ import annotations

import datetime as dt
import json

from sqlmodel import Session

from models.tables import AuditEvent


def record_audit(
    session: Session, *, at: dt.datetime, actor: str, action: str, subject: str = "",
    details: dict | None = None, programme_id: int | None = None,
) -> AuditEvent:
    event = AuditEvent(
        programme_id=programme_id, at=at, on_date=at.date(), actor=actor, action=action,
        subject=subject, details_json=json.dumps(details or {}, ensure_ascii=False, default=str),
    )
    session.add(event)
    return event
