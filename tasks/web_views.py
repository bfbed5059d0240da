"""What the portal lists beside the status: an audience's reminders and a unit's newest ledger rows."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from models.db import session_scope
from models.enums import NotificationStatus
from models.implementation import LedgerEntry, LedgerPerson
from models.ledger_schema import SHEETS
from models.masking import free_text_scrubber, mask_name
from models.reminder_view import STATUS_LABELS, due_in
from models.tables import Notification
from tasks.mailbox.receipts import RULE_RECEIPT

RECENT_SENT_DAYS = 30
CATEGORY_LABELS = {s.category.value: s.name for s in SHEETS}


def reminders(engine: Engine, tag: str, today: dt.date, limit: int = 30) -> list[dict]:
    """The audience's open reminders (not sent yet) and those sent in the last 30 days, by due date."""
    since = today - dt.timedelta(days=RECENT_SENT_DAYS)
    shown = (NotificationStatus.pending.value, NotificationStatus.failed.value, NotificationStatus.sent.value)
    with session_scope(engine) as session:
        rows = session.exec(select(Notification).where(
            Notification.audience == tag, Notification.rule != RULE_RECEIPT, Notification.created_on <= today,
            col(Notification.status).in_(shown)).order_by(col(Notification.id).desc()).limit(limit * 3)).all()
        out = [_reminder(n) for n in rows
               if n.status != NotificationStatus.sent.value or n.created_on >= since]
    return sorted(out[:limit], key=lambda r: (r["due"] is None, r["due"] or today, r["title"]))


def _reminder(n: Notification) -> dict:
    return {"title": n.title, "created_on": n.created_on, "status": STATUS_LABELS.get(n.status, n.status),
            "open": n.status != NotificationStatus.sent.value, "due": due_in(n.body), "urgent": n.urgent}


def ledger_rows(engine: Engine, programme_id: int, unit: str, *, masked: bool, limit: int = 20) -> list[dict]:
    """The unit's newest ledger rows; workers' names (and names, IDs, phones in titles) masked if `masked`."""
    with session_scope(engine) as session:
        entries = session.exec(select(LedgerEntry).where(LedgerEntry.programme_id == programme_id,
                                                         LedgerEntry.unit_code == unit)
                               .order_by(col(LedgerEntry.occurred_on).desc(), col(LedgerEntry.id).desc())
                               .limit(limit)).all()
        ids = [e.id for e in entries]
        people = session.exec(select(LedgerPerson.entry_id, LedgerPerson.worker_name)
                              .where(col(LedgerPerson.entry_id).in_(ids))).all() if ids else []
    names: dict[int, list[str]] = {}
    for entry_id, name in people:
        names.setdefault(entry_id, []).append(name)
    scrub = free_text_scrubber(n for ns in names.values() for n in ns) if masked else (lambda t: t)
    return [{"on": e.occurred_on, "category": CATEGORY_LABELS.get(e.category, e.category),
             "title": scrub(e.title), "source": _source(e),
             "workers": "、".join(mask_name(n) if masked else n for n in names.get(e.id or 0, []) if n)}
            for e in entries]


def _source(e: LedgerEntry) -> str:
    return f"{e.source_sheet} 第 {e.source_row} 行" if e.source_row else ""
