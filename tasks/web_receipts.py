"""Receipts of portal uploads, kept in the audit trail (action `web.upload`, subject the unit code).

Each upload's receipt (its lines, kind, outcome, and a ledger's rejects workbook on the server) is one
audit event written with the user who uploaded; the unit's page lists them beside the mailbox's receipts
to the unit (outbox rows of rule `mailbox_receipt`). A rejects workbook is found by the event's id and
the unit, never by a path from the request.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from models.db import session_scope
from models.intake import Receipt
from models.tables import AuditEvent, Notification
from tasks.audit import record_audit
from tasks.mailbox.receipts import RULE_RECEIPT

ACTION = "web.upload"


def record_upload(engine: Engine, receipt: Receipt, *, unit: str, user: str, at: dt.datetime,
                  programme_id: int | None) -> int:
    """Keep the receipt of one upload in the audit trail; its event id (the receipt's number)."""
    details = {"file": receipt.file, "ok": receipt.ok, "held": receipt.held, "kind": receipt.kind_label,
               "registered_unit": receipt.unit, "lines": receipt.lines(), "sha256": receipt.sha256,
               "rejects": str(receipt.rejects) if receipt.rejects else ""}
    with session_scope(engine) as session:
        event = record_audit(session, at=at, actor=user, action=ACTION, subject=unit, details=details,
                             programme_id=programme_id)
        session.flush()
        return event.id or 0


def _outcome(details: dict) -> str:
    return "转人工确认" if details.get("held") else ("已登记" if details.get("ok") else "未登记")


def unit_receipts(engine: Engine, unit: str, limit: int = 30) -> list[dict]:
    """The unit's newest receipts: portal uploads (audit) and mail receipts (outbox), newest first."""
    with session_scope(engine) as session:
        events = session.exec(select(AuditEvent)
                              .where(AuditEvent.action == ACTION, AuditEvent.subject == unit)
                              .order_by(col(AuditEvent.id).desc()).limit(limit)).all()
        mails = session.exec(select(Notification).where(Notification.rule == RULE_RECEIPT,
                                                        Notification.audience == f"unit-{unit}")
                             .order_by(col(Notification.id).desc()).limit(limit)).all()
        out = [_web_row(e) for e in events] + [_mail_row(n) for n in mails]
    return sorted(out, key=lambda r: r["on"], reverse=True)[:limit]


def _web_row(event: AuditEvent) -> dict:
    d = json.loads(event.details_json)
    return {"id": event.id, "channel": "门户上传", "on": event.on_date, "file": d.get("file", ""),
            "outcome": _outcome(d), "kind": d.get("kind", ""), "lines": d.get("lines", []),
            "by": event.actor, "rejects": bool(d.get("rejects"))}


def _mail_row(n: Notification) -> dict:
    return {"id": None, "channel": "邮件报送", "on": n.created_on, "file": n.title, "outcome": "",
            "kind": "", "lines": n.body.splitlines(), "by": "", "rejects": False}


def upload_rejects(engine: Engine, unit: str, receipt_id: int) -> Path | None:
    """The rejects workbook of the unit's upload `receipt_id`, if that upload is the unit's and has one."""
    with session_scope(engine) as session:
        event = session.get(AuditEvent, receipt_id)
        if event is None or event.action != ACTION or event.subject != unit:
            return None
        path = json.loads(event.details_json).get("rejects") or ""
    return Path(path) if path and Path(path).is_file() else None
