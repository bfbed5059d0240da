"""One fetch, exactly once: store every new message (.eml + row), import what is stored, then mark it.

1. store: for each message in the folder not yet known (by Message-ID, else by SHA-256 of its bytes),
   the raw .eml is written and its row committed (state stored);
2. import: every stored message (this run's and any a crash left behind) goes through intake,
   one transaction per attachment: its import, its record and its receipt (with the last one, the
   message's state imported) commit together; an unknown sender's message is held instead;
3. mark: imported messages still in the folder are moved to the processed folder (or flagged), state
   marked. A crash anywhere leaves a state the next run continues from; nothing is imported twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, or_, select

from models.db import session_scope
from models.mailbox import MAIL_STATE_LABELS, MailMessage, MailState
from tasks.mailbox import imap
from tasks.mailbox import receipts as out
from tasks.mailbox.account import MailboxAccount, MailboxError
from tasks.mailbox.contacts import find_contact
from tasks.mailbox.drill import checkpoint
from tasks.mailbox.parse import parse_headers, parse_mail
from tasks.mailbox.process import Context, Processed, process_row, stored_rows
from tasks.mailbox.source import MailSource, open_source
from tasks.mailbox.store import find_known, header_block, record_batch, save_batch, sha256, sweep_partial
from tasks.mailbox.unzip import expand

log = logging.getLogger("legalcap.mailbox")


@dataclass
class FetchReport:
    listed: int = 0
    new: int = 0
    marked: int = 0
    processed: Processed = field(default_factory=Processed)
    failed: list[str] = field(default_factory=list)   # messages left stored after an unexpected error
    preview: list[str] = field(default_factory=list)  # --dry-run: what would happen, one line each

    def summary(self) -> str:
        """One line: fetched, stored, registered, refused, duplicate, held, marked (CLI, tick log)."""
        p = self.processed
        line = (f"收取 {self.listed} 封：新保存 {self.new} 封，登记 {p.messages} 封"
                f"（附件 {p.files} 个：已登记 {p.registered}，未能登记 {p.refused}，重复 {p.duplicate}），"
                f"待省总工会确认 {p.held} 项，归档 {self.marked} 封")
        line += f"，不予登记（自动回复、退信等）{p.ignored} 封" if p.ignored else ""
        return line + (f"；另有 {len(self.failed)} 封处理出错，已保存，下次重试" if self.failed else "")


def fetch_mail(engine: Engine, account: MailboxAccount, ctx: Context) -> FetchReport:
    """Store, import, mark (see the module docstring); a MailboxError also queues a notice to province."""
    report = FetchReport()
    try:
        with open_source(account) as box:
            listed = box.listed()
            report.listed = len(listed)
            seen = _store_new(engine, box, listed, ctx, report)
            validity = box.validity()
        _process_stored(engine, ctx, report)
        checkpoint("marking")
        with open_source(account) as box:
            if box.validity() == validity:
                report.marked = _mark(engine, box, seen, ctx)
    except MailboxError as exc:
        with session_scope(engine) as session:
            notice = out.unreachable_notice(str(exc), on=ctx.now.date())
            out.enqueue_outgoing(session, notice, on=ctx.now.date())
        raise
    return report


def _store_new(engine: Engine, box: MailSource, listed: list[imap.Listed], ctx: Context,
               report: FetchReport) -> dict[str, int]:
    """uid → stored row id for every listed message; new ones are written to disk and recorded first."""
    seen: dict[str, int] = {}
    sweep_partial(ctx.home)
    for start in range(0, len(listed), imap.CHUNK):
        chunk = listed[start:start + imap.CHUNK]
        known = _known_by_message_id(engine, [i.message_id for i in chunk if i.message_id])
        fresh = []
        for item in chunk:
            if item.message_id in known:
                seen[item.uid] = known[item.message_id]
            else:
                fresh.append(item)
        batch: list[tuple[imap.Listed, bytes]] = []
        for pair in box.raws(fresh):
            batch.append(pair)
            if len(batch) == imap.RAW_BULK:
                seen |= _store_batch(engine, batch, ctx, report)
                batch = []
        seen |= _store_batch(engine, batch, ctx, report)
    return seen


def _known_by_message_id(engine: Engine, message_ids: list[str]) -> dict[str, int]:
    if not message_ids:
        return {}
    with Session(engine) as session:
        rows = session.exec(select(MailMessage.message_id, MailMessage.id).where(
            col(MailMessage.message_id).in_(message_ids))).all()
    return {mid: row_id for mid, row_id in rows if row_id is not None}


def _store_batch(engine: Engine, batch: list[tuple[imap.Listed, bytes]], ctx: Context,
                 report: FetchReport) -> dict[str, int]:
    """The bytes on disk first (each written whole and synced, idempotent), then their rows in one commit."""
    if not batch:
        return {}
    saved = save_batch(ctx.home, [(raw, item.arrived_at) for item, raw in batch])
    checkpoint("saved")
    rows = [(done, parse_headers(header_block(raw)), item.arrived_at)
            for done, (item, raw) in zip(saved, batch, strict=True)]
    ids: dict[str, int] = {}
    with session_scope(engine) as session:
        for (item, _), (row, new) in zip(batch, record_batch(session, rows, ctx.now), strict=True):
            report.new += new
            assert row.id is not None
            ids[item.uid] = row.id
    checkpoint("stored")
    return ids


def _process_stored(engine: Engine, ctx: Context, report: FetchReport) -> None:
    """Import every stored message; an unexpected error leaves that one stored (logged) and goes on."""
    for row, done in stored_rows(engine):
        try:
            process_row(engine, row, done, ctx, report.processed)
        except Exception:
            log.exception("mailbox: message %s could not be imported; it stays stored", row.id)
            report.failed.append(str(row.id))
        checkpoint("imported")


def _mark(engine: Engine, box: MailSource, seen: dict[str, int], ctx: Context) -> int:
    """Mark the imported (or already marked) messages still in the folder; their rows become marked.

    An imported row whose message is no longer in the folder was moved by a run killed before it could
    say so (or moved by hand): nothing is left to do on the server, so that row becomes marked as well.
    """
    imported, marked, ignored = MailState.imported.value, MailState.marked.value, MailState.ignored.value
    with Session(engine) as session:
        states = dict(session.exec(select(MailMessage.id, MailMessage.state).where(
            or_(col(MailMessage.id).in_(list(set(seen.values()))), MailMessage.state == imported))).all())
    uids = [uid for uid, row_id in seen.items() if states.get(row_id) in (imported, marked, ignored)]
    box.mark(uids)
    checkpoint("marked")
    gone = {row_id for row_id, state in states.items() if state == imported and row_id is not None}
    gone -= set(seen.values())
    ids = [seen[uid] for uid in uids] + sorted(gone)
    if ids:
        with session_scope(engine) as session:
            stale = col(MailMessage.id).in_(ids), col(MailMessage.state) == imported
            session.execute(update(MailMessage).where(*stale).values(state=marked, updated_at=ctx.now))
    return len(uids)


def preview(engine: Engine, account: MailboxAccount, ctx: Context) -> FetchReport:
    """--dry-run: what a fetch would do with each message; nothing is stored, imported or marked."""
    report = FetchReport()
    with open_source(account) as box:
        listed = box.listed()
        report.listed = len(listed)
        for item in listed:
            report.preview.append(_preview_line(engine, box, item, ctx))
    return report


def _preview_line(engine: Engine, box: MailSource, item: imap.Listed, ctx: Context) -> str:
    with Session(engine) as session:
        known = find_known(session, message_id=item.message_id) if item.message_id else None
        raw = b"" if known is not None else box.raw(item.uid)
        known = known or find_known(session, digest=sha256(raw))
        if known is not None:
            state = MAIL_STATE_LABELS[MailState(known.state)]
            return f"已收取过：{known.subject or '无主题'}（{known.sender}，{state}）"
        parsed = parse_mail(raw)
        contact = find_contact(session, parsed.sender)
    if parsed.automatic:
        return f"将收取：{parsed.subject or '无主题'}（{parsed.sender}，{parsed.automatic}，不登记、不回执）"
    items = expand(parsed.attachments, ctx.limits)
    files = [i.name + (f"（{i.problem}）" if i.problem else "") for i in items]
    who = f"{parsed.sender}" + ("" if contact else "（不在通讯录，将待省总工会确认）")
    return f"将收取：{parsed.subject or '无主题'}（{who}）附件：{'、'.join(files) or '无'}"
