"""Import a stored message: each attachment through the intake service, a receipt for each, once.

Works from the stored .eml, never from the server, so a crash loses nothing: a message still in state
`stored` is taken up again on the next run, and an attachment already recorded is skipped. Each file is
ONE transaction: the intake's writes (joined to it), its mailattachment row, its receipt and, for the
last file, the message's new state commit together or not at all. An unknown sender's mail is held.
The contacts and the earlier registered files are read once per run (`Context.seen`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models.db import joined, session_scope
from models.errors import Refusal
from models.intake import Receipt, ReceivedFile
from models.mailbox import Contact, ContactRole, MailAttachment, MailMessage, MailState
from tasks.mailbox import receipts as out
from tasks.mailbox.cloud_links import cloud_attachment, receipt_lines
from tasks.mailbox.contacts import all_contacts, audience, find_contact
from tasks.mailbox.dismiss import automatic_reason, ignore
from tasks.mailbox.drill import checkpoint
from tasks.mailbox.parse import ParsedMail, parse_mail
from tasks.mailbox.store import read_eml, sha256
from tasks.mailbox.unzip import MB, Item, Limits, expand

IntakeFn = Callable[[ReceivedFile], Receipt]


@dataclass
class Processed:
    messages: int = 0
    files: int = 0
    registered: int = 0
    refused: int = 0
    duplicate: int = 0
    held: int = 0
    ignored: int = 0         # automatic mail (auto-reply, bounce, read receipt): no receipt, no notice


@dataclass(frozen=True)
class Earlier:
    """A file registered before (by its content's SHA-256): its name and kind, for the duplicate's receipt."""

    name: str
    kind: str


@dataclass
class Seen:
    """What one run reads once: the contacts by address, the registered files by digest (kept up to date)."""

    contacts: dict[str, Contact] | None = None
    earlier: dict[str, Earlier] | None = None


@dataclass(frozen=True)
class Plan:
    """What every file of one message shares: the row, where receipts go, the unit hint, known files."""

    row: MailMessage
    subject: str
    to: str
    hint: str | None
    earlier: dict[str, Earlier]
    address: str = ""   # the sender's own address for the receipt ('' when forged)


@dataclass(frozen=True)
class Context:
    home: Path
    now: dt.datetime
    limits: Limits
    intake: IntakeFn
    seen: Seen = field(default_factory=Seen)


def stored_rows(engine: Engine) -> list[tuple[MailMessage, set[int]]]:
    """Every stored message, oldest first, with the positions of its files already recorded: two reads."""
    with Session(engine, expire_on_commit=False) as session:
        rows = list(session.exec(select(MailMessage).where(MailMessage.state == MailState.stored.value)
                                 .order_by(col(MailMessage.id))).all())
        done: dict[int, set[int]] = {}
        if rows:
            found = session.exec(select(MailAttachment.mail_id, MailAttachment.position).join(
                MailMessage, col(MailMessage.id) == col(MailAttachment.mail_id)).where(
                MailMessage.state == MailState.stored.value)).all()
            for mail_id, position in found:
                done.setdefault(mail_id, set()).add(position)
    return [(row, done.get(row.id or 0, set())) for row in rows]


def process_message(engine: Engine, mail_id: int, ctx: Context, report: Processed) -> None:
    """Take one stored message through intake; held when its sender is unknown (and not assigned)."""
    with Session(engine, expire_on_commit=False) as session:
        row = session.get(MailMessage, mail_id)
        if row is None or row.state != MailState.stored.value:
            return
        done = set(session.exec(select(MailAttachment.position)
                                .where(MailAttachment.mail_id == mail_id)).all())
    process_row(engine, row, done, ctx, report)


def process_row(engine: Engine, row: MailMessage, done: set[int], ctx: Context, report: Processed) -> None:
    """process_message for a row already read (with its recorded positions): each file its own commit.

    A file recorded meanwhile by another run is refused by the (mail_id, position) key, its whole
    transaction (the import too) rolled back: no file is imported twice.
    """
    raw = read_eml(ctx.home, row)
    parsed = parse_mail(raw)
    if parsed.automatic and not row.unit_code:    # never answered: a receipt would answer an auto-reply
        with session_scope(engine) as session:
            ignore(session, row, automatic_reason(parsed.automatic), ctx.now)
        report.ignored += 1
        return
    contact = _contact(engine, ctx, row.sender)
    reason = hold_reason(parsed, row, contact)
    if reason:
        with session_scope(engine) as session:
            _hold(session, row, reason, ctx)
        report.held += 1
        return
    items = expand(parsed.attachments, ctx.limits)
    digests = [sha256(i.data) if not i.problem else "" for i in items]
    hint = row.unit_code or (contact.code if contact and contact.role == ContactRole.unit.value else None)
    plan = Plan(row, parsed.subject, audience(contact, row.unit_code), hint, _registered_before(engine, ctx),
                out.reply_address(row.sender, parsed.forged))
    if not items:
        _no_attachment(engine, row, plan, ctx, cloud_attachment(raw))
    todo = [p for p in range(len(items)) if p not in done]
    for position in todo:
        _one(engine, plan, items[position], digests[position], position, ctx, report,
             finish=position == todo[-1])
    if not todo and items:                  # every file was recorded before a crash: just finish
        with session_scope(engine) as session:
            _finish(session, row, ctx)
    report.messages += 1


def hold_reason(parsed: ParsedMail, row: MailMessage, contact: Contact | None) -> str:
    """Why the message waits for the province ('' when it can be imported): never imported blind."""
    if row.unit_code:                       # the province assigned it to a unit
        return ""
    if parsed.forged:
        return "发件人地址未通过邮件服务商验证（疑似冒用）"
    if contact is None:
        return f"发件人 {row.sender or '（无）'} 不在通讯录中"
    if not parsed.attachments and parsed.is_reply:
        return "为回复邮件且没有附件"
    return ""


def _one(engine: Engine, plan: Plan, item: Item, digest: str, position: int, ctx: Context,
         report: Processed, *, finish: bool) -> None:
    """One file: refused for its problem, recognised as sent before, or registered by intake.

    One transaction: the intake joins it (its writes come first, so a refusal that rolls them back
    loses nothing else), then the file's record, its receipt and, for the last file, the message's state.
    """
    row, on = plan.row, ctx.now.date()
    with session_scope(engine) as session:
        with joined(session):
            outcome, kind, lines, rejects = _decide(plan, item, digest, ctx)
        checkpoint("intaken")
        files, lines = out.with_rejects(ctx.home, rejects, lines)
        assert row.id is not None
        record = dict(mail_id=row.id, position=position, name=item.name, sha256=digest, outcome=outcome,
                      kind=kind, summary="\n".join(lines), created_at=ctx.now)
        session.connection().execute(insert(_ATTACHMENTS), record)
        ok = outcome in ("registered", "duplicate")
        reply = out.receipt(row.sha256, position, audience=plan.to, mail_subject=row.subject, ok=ok,
                            lines=lines, files=files, address=plan.address)
        out.enqueue_outgoing(session, reply, on=on)
        if outcome == "held":
            why = f"附件“{item.name}”无法确定材料类别或所属单位"
            notice = out.held_notice(row.sha256, sender=row.sender, mail_subject=row.subject,
                                     position=position, received_on=row.received_on, reason=why)
            out.enqueue_outgoing(session, notice, on=on)
        if finish:
            _finish(session, row, ctx)
    if outcome == "registered" and digest:
        plan.earlier.setdefault(digest, Earlier(item.name, kind))   # the same file again in this run
    report.files += 1
    setattr(report, outcome, getattr(report, outcome) + 1)


def _decide(plan: Plan, item: Item, digest: str, ctx: Context) -> tuple[str, str, list[str], Path | None]:
    """(outcome, kind, receipt lines, rejects workbook) for one file; intake only for a new, usable file."""
    if item.problem:
        return "refused", "", [f"未能登记“{item.name}”：{item.problem}。"], None
    earlier = plan.earlier.get(digest)
    if earlier is not None:
        same = f"“{item.name}”与此前收到的“{earlier.name}”内容相同，已经登记，无需重复报送。"
        return "duplicate", earlier.kind, [same], None
    row = plan.row
    got = _intake(ctx, ReceivedFile(
        name=item.name, received_on=row.received_on, registered_at=ctx.now,
        registered_by=f"邮件 {row.sender}", content=item.data, sender=row.sender, subject=plan.subject,
        unit_hint=plan.hint))
    outcome = "held" if got.held else ("registered" if got.ok else "refused")
    return outcome, (got.kind.value if got.kind else ""), got.lines(), got.rejects


def _finish(session: Session, row: MailMessage, ctx: Context) -> None:
    """Every file of the message is recorded: it is imported (the mark step comes next). One UPDATE."""
    session.connection().execute(_FINISH, {"mail_id": row.id, "now": ctx.now})


_ATTACHMENTS: Table = MailAttachment.__table__  # type: ignore[attr-defined]
_MESSAGES: Table = MailMessage.__table__  # type: ignore[attr-defined]
# the message becomes imported only from stored (never back from marked): one prepared UPDATE
_FINISH = update(_MESSAGES).where(
    _MESSAGES.c.id == bindparam("mail_id"), _MESSAGES.c.state == MailState.stored.value,
).values(state=MailState.imported.value, updated_at=bindparam("now", type_=_MESSAGES.c.updated_at.type))


def _intake(ctx: Context, received: ReceivedFile) -> Receipt:
    """The intake service's receipt; a refusal it raises becomes a refused receipt (never a crash)."""
    try:
        return ctx.intake(received)
    except Refusal as exc:
        return Receipt(file=received.name, ok=False, message=str(exc), problems=tuple(exc.problems))


def _registered_before(engine: Engine, ctx: Context) -> dict[str, Earlier]:
    """digest → the first registered (or recognised) attachment with that content; read once per run."""
    if ctx.seen.earlier is None:
        a = MailAttachment
        with Session(engine) as session:
            found = session.exec(select(a.sha256, a.name, a.kind).where(
                col(a.outcome).in_(("registered", "duplicate"))).order_by(col(a.id))).all()
        ctx.seen.earlier = {}
        for digest, name, kind in found:
            ctx.seen.earlier.setdefault(digest, Earlier(name, kind))
    return ctx.seen.earlier


def _contact(engine: Engine, ctx: Context, address: str) -> Contact | None:
    """The sender's contact, from the run's one read of the contacts."""
    if ctx.seen.contacts is None:
        with Session(engine, expire_on_commit=False) as session:
            ctx.seen.contacts = {c.address: c for c in all_contacts(session)}
    return ctx.seen.contacts.get(address.strip().lower())


def _no_attachment(engine: Engine, row: MailMessage, plan: Plan, ctx: Context, link: str) -> None:
    """The receipt of a mail without a file: why (a download link standing in for it, or nothing)."""
    lines = receipt_lines(row.subject, link, ctx.limits.max_file / MB) if link else [
        f"已收到邮件“{row.subject or '无主题'}”，但没有附件，未登记任何材料。",
        "请将材料（Word、Excel 文件或 .zip 压缩包）作为附件重新发送。"]
    with session_scope(engine) as session:
        reply = out.receipt(row.sha256, None, audience=plan.to, mail_subject=row.subject, ok=False,
                            lines=lines, address=plan.address)
        out.enqueue_outgoing(session, reply, on=ctx.now.date())
        _finish(session, row, ctx)


def _hold(session: Session, row: MailMessage, reason: str, ctx: Context) -> None:
    row.state, row.held_reason, row.updated_at = MailState.held.value, reason, ctx.now
    session.add(row)
    notice = out.held_notice(row.sha256, sender=row.sender, mail_subject=row.subject, reason=reason,
                             received_on=row.received_on)
    out.enqueue_outgoing(session, notice, on=ctx.now.date())


def assign(session: Session, row: MailMessage, unit_code: str, now: dt.datetime) -> None:
    """A held message given to a unit: back to `stored`, so the next fetch imports it for that unit."""
    row.unit_code, row.state, row.held_reason, row.updated_at = unit_code, MailState.stored.value, "", now
    session.add(row)


def contact_for(session: Session, row: MailMessage) -> Contact | None:
    return find_contact(session, row.sender)
