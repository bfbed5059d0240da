"""Mailbox intake as stored: each received e-mail, each of its attachments, and the senders we know."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class MailState(StrEnum):
    """Where a message is on its way: stored → imported (or held) → marked on the server; ignored when
    no person wrote it (an auto-reply, a bounce) or the province dismissed it (spam): never imported."""

    stored = "stored"        # raw .eml saved and recorded; nothing imported yet
    imported = "imported"    # every attachment went through the intake service, receipts queued
    held = "held"            # unknown sender (or nothing to import): waits for the province
    marked = "marked"        # moved to the processed folder (or flagged) on the IMAP server
    ignored = "ignored"      # not imported, no receipt; moved off the inbox like a marked one


MAIL_STATE_LABELS = {
    MailState.stored: "已保存待登记",
    MailState.imported: "已登记",
    MailState.held: "待省总工会确认",
    MailState.marked: "已登记并归档",
    MailState.ignored: "不予登记",
}


class ContactRole(StrEnum):
    unit = "unit"
    city = "city"
    province = "province"


CONTACT_ROLE_LABELS = {ContactRole.unit: "县（区）工会", ContactRole.city: "市总工会",
                       ContactRole.province: "省总工会"}


class MailMessage(SQLModel, table=True):
    """One received e-mail: its raw bytes are kept as an .eml file (path relative to LEGALCAP_HOME)."""

    id: int | None = Field(default=None, primary_key=True)
    message_id: str = Field(default="", index=True, max_length=998, description="Message-ID ('' if none)")
    sha256: str = Field(unique=True, max_length=64, description="SHA-256 of the raw message bytes")
    eml_path: str = Field(description="mail/<yyyy>/<mm>/<sha256>.eml under LEGALCAP_HOME")
    sender: str = Field(default="", index=True, description="From address, lower case")
    sender_name: str = ""
    subject: str = ""
    arrived_at: dt.datetime = Field(description="the IMAP INTERNALDATE (arrival at the mailbox)")
    received_on: dt.date = Field(index=True, description="arrived_at's day in Asia/Shanghai")
    state: str = Field(default=MailState.stored.value, index=True)
    unit_code: str | None = Field(default=None, index=True, description="unit (or city) the mail is for")
    held_reason: str = ""
    created_at: dt.datetime
    updated_at: dt.datetime


class MailAttachment(SQLModel, table=True):
    """One attachment (or one file out of a .zip) of a stored message, and what intake made of it."""

    __table_args__ = (UniqueConstraint("mail_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    mail_id: int = Field(foreign_key="mailmessage.id", index=True)
    position: int = Field(description="order within the message (zip members follow their archive)")
    name: str
    sha256: str = Field(index=True, max_length=64)
    outcome: str = Field(default="", description="registered, refused, held, duplicate, unsupported")
    kind: str = ""
    summary: str = Field(default="", description="the receipt's lines, joined by newlines")
    created_at: dt.datetime


class Contact(SQLModel, table=True):
    """A known sender: a unit's, a city's or the province's e-mail address."""

    id: int | None = Field(default=None, primary_key=True)
    address: str = Field(unique=True, max_length=320, description="e-mail address, lower case")
    name: str = ""
    role: str = Field(description="unit, city or province")
    code: str = Field(default="", index=True, description="unit or city code ('' for province)")
    source: str = Field(default="", description="where it came from (a contacts file, 附件1)")
    updated_at: dt.datetime
