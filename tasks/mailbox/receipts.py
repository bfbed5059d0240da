"""Receipts and notices into the notification outbox, once each (the idempotency key decides).

A receipt's key is `mailbox-receipt:<message sha256>:<position>` (one per attachment, or `none` when
the message had none); a re-run after a crash finds the key and queues nothing again. The dispatcher
sends them like every other message. A receipt carries the exact address that sent the file (unless the
receiving server said the From address was forged): with LEGALCAP_SMTP_URL set it goes by e-mail to that
address alone, else to the sender's unit or city route (notifications/direct_mail.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Insert, Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from models.attachments import AttachmentRef, to_json
from models.enums import NotificationStatus
from models.tables import Notification
from notifications.attachments import stage
from tasks.mailbox.contacts import ADDRESS

RULE_RECEIPT = "mailbox_receipt"
RULE_HELD = "mailbox_held"
RULE_FAILED = "mailbox_unreachable"


@dataclass(frozen=True)
class Outgoing:
    key: str
    rule: str
    audience: str
    subject: str          # what it is about: the message hash (or unit code for a failure notice)
    title: str
    body: str
    urgent: bool = False  # sent alone, not in the day's digest (a refusal the sender must act on)
    attachments_json: str = "[]"  # files sent with it (models/attachments.py)
    address: str = ""     # the exact e-mail address it goes to ('' = the audience's routes)


def receipt_key(message_sha: str, position: int | None) -> str:
    return f"mailbox-receipt:{message_sha}:{'none' if position is None else position}"


def enqueue_outgoing(session: Session, item: Outgoing, *, on: dt.date,
                     programme_id: int | None = None) -> bool:
    """Queue the message unless its key is already in the outbox; True when newly queued.

    One prepared INSERT … ON CONFLICT DO NOTHING (built once per dialect) on the session's connection:
    the key decides, in the caller's transaction, without an ORM flush or a look-up first.
    """
    row = dict(
        idempotency_key=item.key, programme_id=programme_id, rule=item.rule, subject=item.subject, rung=0,
        period="", audience=item.audience, channel="", urgent=item.urgent, title=item.title, body=item.body,
        status=NotificationStatus.pending.value, attempts=0, last_error="", results_json="{}", created_on=on,
        attachments_json=item.attachments_json, to_address=item.address,
    )
    stmt = _insert_once(session.get_bind().dialect.name)
    return bool(session.connection().execute(stmt, row).rowcount)


@lru_cache(maxsize=2)
def _insert_once(dialect: str) -> Insert:
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    table: Table = Notification.__table__  # type: ignore[attr-defined]
    stmt = insert(table).on_conflict_do_nothing(index_elements=["idempotency_key"])
    return stmt.execution_options(preserve_rowcount=True)


def reply_address(sender: str, forged: bool) -> str:
    """Where a receipt may go by e-mail: the From address, never one the receiving server called forged."""
    address = sender.strip().lower()
    return "" if forged or not ADDRESS.match(address) else address


def receipt(message_sha: str, position: int | None, *, audience: str, mail_subject: str, ok: bool,
            lines: list[str], files: list[AttachmentRef] | None = None, address: str = "") -> Outgoing:
    """The reply to the sender about one attachment: 已收到并登记 or 未能登记, with every line (and files)."""
    head = "已收到并登记" if ok else "未能登记"
    title = f"回执：{head}（{mail_subject or '无主题'}）"
    body = "\n".join([*lines, "", "本邮件由省总工会项目管理系统自动发送；如有疑问请联系省总工会权益保障部。"])
    return Outgoing(receipt_key(message_sha, position), RULE_RECEIPT, audience, message_sha, title, body,
                    urgent=not ok, attachments_json=to_json(files or []), address=address)


def with_rejects(home: Path, rejects: Path | None, lines: list[str]) -> tuple[list[AttachmentRef], list[str]]:
    """A ledger's rejects workbook copied under home/outbox-files/ (a cleanup cannot break the send)
    and named in the receipt: 问题行见附件《…》; if it cannot be copied, the receipt says so."""
    if rejects is None:
        return [], lines
    try:
        ref = stage(home, rejects)
    except OSError:
        unsent = f"问题行清单《{rejects.name}》未能附上，请向省总工会权益保障部索取。"
        return [], _say_rejects(lines, rejects.name, unsent)
    return [ref], _say_rejects(lines, rejects.name, f"问题行见附件《{ref.name}》。")


def _say_rejects(lines: list[str], name: str, said: str) -> list[str]:
    """The intake's line about the rejects workbook replaced by `said` (added when there is none)."""
    intake_line = f"问题行已整理为附件“{name}”。"
    if intake_line not in lines:
        return [*lines, said]
    return [said if line == intake_line else line for line in lines]


def held_notice(message_sha: str, *, sender: str, mail_subject: str, reason: str, received_on: dt.date,
                position: int | None = None) -> Outgoing:
    """A notice to the province: a message (or one file of it) waits for a person to assign it."""
    key = f"mailbox-held:{message_sha}" + ("" if position is None else f":{position}")
    body = (f"{received_on:%Y-%m-%d} 收到 {sender or '未知发件人'} 的邮件“{mail_subject or '无主题'}”，"
            f"{reason}，暂未登记。请核实后登记或忽略。")
    return Outgoing(key, RULE_HELD, "province", message_sha, "报送邮件待确认", body)


def unreachable_notice(reason: str, *, on: dt.date) -> Outgoing:
    """One notice a day to the province when the mailbox cannot be read."""
    return Outgoing(f"mailbox-unreachable:{on:%Y-%m-%d}", RULE_FAILED, "province", "mailbox",
                    "报送邮箱无法收取", f"{on:%Y-%m-%d} 收取报送邮箱失败：{reason}。其余检查照常进行。")
