"""What the `legalcap mailbox …` and `contacts …` commands call: settings, engine and clock put together."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlmodel import Session, col, select

from config.settings import get_settings
from models.db import session_scope
from models.errors import Problem, Refusal
from models.intake import ReceivedFile
from models.mailbox import MAIL_STATE_LABELS, Contact, MailMessage, MailState
from tasks.audit import record_audit
from tasks.mailbox.account import account_from_settings
from tasks.mailbox.fetch import FetchReport, fetch_mail, preview
from tasks.mailbox.process import Context, Processed, assign, process_message
from tasks.mailbox.unzip import limits_from_settings
from tasks.runtime import get_engine


def _context(at: dt.datetime, year: int | None) -> Context:
    from tasks.intake import intake

    def through_intake(received: ReceivedFile):
        return intake(received, year=year)

    settings = get_settings()
    return Context(home=settings.home_dir, now=at, limits=limits_from_settings(settings),
                   intake=through_intake)


def run_fetch(*, at: dt.datetime, year: int | None = None, dry_run: bool = False) -> FetchReport:
    """Fetch the configured mailbox (or, dry_run, only say what would happen)."""
    account = account_from_settings(get_settings())
    engine = get_engine()
    ctx = _context(at, year)
    return preview(engine, account, ctx) if dry_run else fetch_mail(engine, account, ctx)


def held_messages() -> list[MailMessage]:
    with Session(get_engine()) as session:
        return list(session.exec(select(MailMessage).where(MailMessage.state == MailState.held.value)
                                 .order_by(col(MailMessage.id))).all())


def assign_message(ref: str, unit: str, *, at: dt.datetime, by: str, year: int | None = None) -> Processed:
    """Give a held message to a unit and import it now; the next fetch marks it on the server."""
    from models.tables import Unit

    engine = get_engine()
    with session_scope(engine) as session:
        row = _held(session, ref)
        if session.get(Unit, unit) is None:
            raise Refusal(problems=[Problem("--unit", f"找不到县（区）工会代码 {unit}")])
        assign(session, row, unit, at)
        record_audit(session, at=at, actor=by, action="mailbox.assigned", subject=unit,
                     details={"message": row.id, "sha256": row.sha256, "sender": row.sender})
        mail_id = row.id
    assert mail_id is not None
    report = Processed()
    process_message(engine, mail_id, _context(at, year), report)
    return report


def _held(session: Session, ref: str) -> MailMessage:
    """The held message numbered `ref` (as `mailbox held` lists it) or whose SHA-256 starts with it."""
    ref = ref.strip().lstrip("#")
    found = None
    if ref.isdigit():
        found = session.get(MailMessage, int(ref))
    elif len(ref) >= 8:
        prefix = col(MailMessage.sha256).startswith(ref.lower())
        found = session.exec(select(MailMessage).where(prefix)).first()
    if found is None:
        raise Refusal(f"找不到邮件 {ref}", hint="（请使用 legalcap mailbox held 列出的编号）")
    if found.state != MailState.held.value:
        state = MAIL_STATE_LABELS.get(MailState(found.state), found.state)
        raise Refusal(f"邮件 {ref} 不在待确认状态（当前：{state}），无需再处理")
    return found


def dismiss_message(ref: str, reason: str, *, at: dt.datetime, by: str) -> MailMessage:
    """A held message the province will not import (spam, a private letter): no receipt; archived."""
    from tasks.mailbox.dismiss import ignore

    reason = " ".join(reason.split())
    if not reason:
        raise Refusal(problems=[Problem("--reason", "请写明不予登记的原因（如：垃圾邮件、与项目无关）")])
    with session_scope(get_engine()) as session:
        row = _held(session, ref)
        ignore(session, row, f"省总工会不予登记：{reason}", at)
        record_audit(session, at=at, actor=by, action="mailbox.dismissed", subject=row.sender or "（无）",
                     details={"message": row.id, "sha256": row.sha256, "reason": reason})
        session.flush()
        session.expunge(row)
    return row


def import_contacts(path: Path, *, at: dt.datetime, by: str) -> tuple[int, int]:
    from tasks.mailbox.contacts import parse_contacts, store_contacts

    with session_scope(get_engine()) as session:
        rows = parse_contacts(session, path)
        added, updated = store_contacts(session, rows, source=path.name, now=at)
        record_audit(session, at=at, actor=by, action="contacts.imported", subject=path.name,
                     details={"added": added, "updated": updated})
    return added, updated


def contacts() -> list[Contact]:
    from tasks.mailbox.contacts import list_contacts

    with Session(get_engine()) as session:
        return list_contacts(session)
