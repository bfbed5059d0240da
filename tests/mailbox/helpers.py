"""Shared pieces of the mailbox tests: a recording fake intake service, contacts, outbox reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models.db import session_scope
from models.intake import Counts, IntakeKind, Receipt, ReceivedFile
from models.mailbox import Contact, MailAttachment, MailMessage
from models.tables import Notification
from tasks.mailbox.parse import parse_mail
from tasks.mailbox.process import Context, Processed, process_row, stored_rows
from tasks.mailbox.store import record_message, save_eml
from tasks.mailbox.unzip import Limits

NOW = dt.datetime(2026, 5, 13, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
ARRIVED = dt.datetime(2026, 5, 12, 15, 59, 30, tzinfo=dt.UTC)   # 23:59:30 in Shanghai, 5-12
LIMITS = Limits(max_file=5 << 20, max_entries=20, max_total=20 << 20, max_ratio=100)
FEIXI, HEFEI = "340123", "340100"


class FakeIntake:
    """Registers every file (held when its name says 未知, refused when it says 错误); records each call."""

    def __init__(self) -> None:
        self.calls: list[ReceivedFile] = []

    def __call__(self, received: ReceivedFile) -> Receipt:
        self.calls.append(received)
        if "未知" in received.name:
            return Receipt(file=received.name, ok=False, held=True, held_reason="无法确定材料类别")
        if "错误" in received.name:
            return Receipt(file=received.name, ok=False, kind=IntakeKind.ledger, message="第 3 行日期不正确")
        return Receipt(file=received.name, ok=True, kind=IntakeKind.ledger, unit=received.unit_hint,
                       counts=Counts(new=2))


def context(home: Path, intake: FakeIntake, now: dt.datetime = NOW) -> Context:
    return Context(home=home, now=now, limits=LIMITS, intake=intake)


def add_contact(engine: Engine, address: str, role: str = "unit", code: str = FEIXI) -> None:
    with session_scope(engine) as session:
        session.add(Contact(address=address, name="联系人", role=role, code=code, source="test",
                            updated_at=NOW))


def put(engine: Engine, home: Path, raw: bytes, arrived: dt.datetime = ARRIVED) -> int:
    """Store a message as a fetch does (file first, then row); its row id."""
    digest, rel = save_eml(home, raw, arrived)
    with session_scope(engine) as session:
        row, _ = record_message(session, digest=digest, rel=rel, parsed=parse_mail(raw), arrived_at=arrived,
                                now=NOW)
        assert row.id is not None
        return row.id


def outbox(engine: Engine, rule: str | None = None) -> list[Notification]:
    with Session(engine) as session:
        query = select(Notification).order_by(col(Notification.id))
        if rule:
            query = query.where(Notification.rule == rule)
        return list(session.exec(query).all())


def messages(engine: Engine) -> list[MailMessage]:
    with Session(engine) as session:
        return list(session.exec(select(MailMessage).order_by(col(MailMessage.id))).all())


def attachments(engine: Engine) -> list[MailAttachment]:
    with Session(engine) as session:
        return list(session.exec(select(MailAttachment).order_by(col(MailAttachment.id))).all())


def process_stored(engine: Engine, ctx: Context) -> Processed:
    """Every stored message through processing with one context, as a fetch's import step does."""
    report = Processed()
    for row, done in stored_rows(engine):
        process_row(engine, row, done, ctx, report)
    return report
