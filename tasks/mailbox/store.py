"""Store first: the raw message as an .eml file (written whole, then renamed), then its row.

A message is known by its SHA-256 or, when it has one, its Message-ID: fetching it again (after a
crash, or because it is still in the inbox) finds the row and stores nothing twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, or_, select

from models.mailbox import MailMessage, MailState
from tasks.mailbox.parse import ParsedMail

SHANGHAI = ZoneInfo("Asia/Shanghai")


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def eml_relpath(digest: str, arrived_at: dt.datetime) -> str:
    """mail/<yyyy>/<mm>/<sha256>.eml (by the Shanghai month of arrival), relative to LEGALCAP_HOME."""
    local = arrived_at.astimezone(SHANGHAI)
    return f"mail/{local:%Y}/{local:%m}/{digest}.eml"


def save_eml(home: Path, raw: bytes, arrived_at: dt.datetime) -> tuple[str, str]:
    """Write the raw bytes once (temporary file, fsync, rename); return (sha256, relative path)."""
    digest = sha256(raw)
    rel = eml_relpath(digest, arrived_at)
    path = home / rel
    if path.is_file() and path.stat().st_size == len(raw):
        return digest, rel
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        fh.write(raw)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return digest, rel


def find_known(session: Session, *, digest: str = "", message_id: str = "") -> MailMessage | None:
    """The stored message with this hash or (non-empty) Message-ID, if any."""
    tests = [col(MailMessage.sha256) == digest] if digest else []
    if message_id:
        tests.append(col(MailMessage.message_id) == message_id)
    if not tests:
        return None
    return session.exec(select(MailMessage).where(or_(*tests)).order_by(col(MailMessage.id))).first()


def record_message(session: Session, *, digest: str, rel: str, parsed: ParsedMail, arrived_at: dt.datetime,
                   now: dt.datetime) -> tuple[MailMessage, bool]:
    """(new row in state stored, True), or (the row already there for its hash or Message-ID, False)."""
    known = find_known(session, digest=digest, message_id=parsed.message_id)
    if known is not None:
        return known, False
    row = MailMessage(message_id=parsed.message_id, sha256=digest, eml_path=rel, sender=parsed.sender,
                      sender_name=parsed.sender_name, subject=parsed.subject, arrived_at=arrived_at,
                      received_on=arrived_at.astimezone(SHANGHAI).date(), state=MailState.stored.value,
                      created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    return row, True


def read_eml(home: Path, row: MailMessage) -> bytes:
    return (home / row.eml_path).read_bytes()
