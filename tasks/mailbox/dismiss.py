"""Mail that is not imported at all: an automatic message (auto-reply, bounce, read receipt) as it is
processed, or a held message the province dismisses (spam, a private letter). No receipt, no notice."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from models.mailbox import MailMessage, MailState


def automatic_reason(kind: str) -> str:
    """Why an automatic message is not imported (kind: 自动回复, 退信 or 已读回执)."""
    return f"{kind}（系统自动发出的邮件），不登记、不回执"


def ignore(session: Session, row: MailMessage, reason: str, now: dt.datetime) -> None:
    """The message is not imported; the next fetch moves it off the inbox like an imported one."""
    row.state, row.held_reason, row.updated_at = MailState.ignored.value, reason, now
    session.add(row)
