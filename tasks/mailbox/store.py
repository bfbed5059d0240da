"""Store first: the raw message as an .eml file (written whole, then renamed), then its row.

A message is known by its SHA-256 or, when it has one, its Message-ID: fetching it again (after a
crash, or because it is still in the inbox) finds the row and stores nothing twice. A batch of messages
is written together: every file, then all of them synced at once (the file system commits concurrent
syncs together), renamed into place, and each folder synced once; then their rows in one transaction.
A run killed before the rename leaves `<sha256>.<pid>.tmp` files: the next fetch removes those whose
process is gone (sweep_partial); an .eml whose row a killed run never committed is reused as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, or_, select

from models.mailbox import MailMessage, MailState
from tasks.mailbox.drill import checkpoint
from tasks.mailbox.parse import ParsedMail

SHANGHAI = ZoneInfo("Asia/Shanghai")
_END_OF_HEADERS = re.compile(rb"\r?\n\r?\n")


@dataclass(frozen=True)
class Saved:
    """One message on disk: its bytes' SHA-256 and its path relative to LEGALCAP_HOME."""

    digest: str
    rel: str


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def eml_relpath(digest: str, arrived_at: dt.datetime) -> str:
    """mail/<yyyy>/<mm>/<sha256>.eml (by the Shanghai month of arrival), relative to LEGALCAP_HOME."""
    local = arrived_at.astimezone(SHANGHAI)
    return f"mail/{local:%Y}/{local:%m}/{digest}.eml"


def header_block(raw: bytes) -> bytes:
    """The header section of a raw message (up to its first empty line): all a header parse reads."""
    end = _END_OF_HEADERS.search(raw)
    return raw if end is None else raw[:end.end()]


def save_eml(home: Path, raw: bytes, arrived_at: dt.datetime) -> tuple[str, str]:
    """Write the raw bytes once (temporary file, fsync, rename); return (sha256, relative path)."""
    [saved] = save_batch(home, [(raw, arrived_at)])
    return saved.digest, saved.rel


def save_batch(home: Path, batch: Sequence[tuple[bytes, dt.datetime]]) -> list[Saved]:
    """Each message written once: temporary files, synced together, renamed, their folders synced."""
    saved = [Saved(d, eml_relpath(d, at)) for d, at in ((sha256(raw), at) for raw, at in batch)]
    todo: dict[Path, bytes] = {}
    for item, (raw, _) in zip(saved, batch, strict=True):
        path = home / item.rel
        if not (path.is_file() and path.stat().st_size == len(raw)):
            todo[path] = raw
    if todo:
        _write_synced(todo)
    return saved


def _write_synced(todo: dict[Path, bytes]) -> None:
    folders = {path.parent for path in todo}
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    tmps = {path: path.with_suffix(f".{os.getpid()}.tmp") for path in todo}
    for path, tmp in tmps.items():
        tmp.write_bytes(todo[path])
    with ThreadPoolExecutor(max_workers=min(16, len(tmps))) as pool:
        list(pool.map(_fsync, tmps.values()))
    checkpoint("written")
    for path, tmp in tmps.items():
        os.replace(tmp, path)
    for folder in folders:
        _fsync(folder)


def sweep_partial(home: Path) -> list[Path]:
    """Remove the temporary .eml files left by fetches that were killed (their process is gone)."""
    removed = []
    for tmp in (home / "mail").glob("*/*/*.tmp"):
        pid = tmp.name.split(".")[-2]
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def _alive(pid: int) -> bool:
    """True when a process with this id runs (this one included); a reused id errs on keeping the file."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync(path: Path) -> None:
    """Flush a file's (or a folder's entries') bytes to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def find_known(session: Session, *, digest: str = "", message_id: str = "") -> MailMessage | None:
    """The stored message with this hash or (non-empty) Message-ID, if any."""
    tests = [col(MailMessage.sha256) == digest] if digest else []
    if message_id:
        tests.append(col(MailMessage.message_id) == message_id)
    if not tests:
        return None
    return session.exec(select(MailMessage).where(or_(*tests)).order_by(col(MailMessage.id))).first()


def known_in(session: Session, digests: list[str], message_ids: list[str]) -> list[MailMessage]:
    """The stored messages with any of these hashes or (non-empty) Message-IDs, oldest first."""
    ids = [m for m in message_ids if m]
    tests = [col(MailMessage.sha256).in_(digests)] + ([col(MailMessage.message_id).in_(ids)] if ids else [])
    return list(session.exec(select(MailMessage).where(or_(*tests)).order_by(col(MailMessage.id))).all())


def record_batch(session: Session, batch: Sequence[tuple[Saved, ParsedMail, dt.datetime]],
                 now: dt.datetime) -> list[tuple[MailMessage, bool]]:
    """record_message for a batch: one look-up for all of them, one flush for the new rows."""
    known = known_in(session, [s.digest for s, _, _ in batch], [p.message_id for _, p, _ in batch])
    by_sha = {row.sha256: row for row in reversed(known)}
    by_mid = {row.message_id: row for row in reversed(known) if row.message_id}
    out: list[tuple[MailMessage, bool]] = []
    for saved, parsed, arrived_at in batch:
        row = _oldest(by_sha.get(saved.digest), by_mid.get(parsed.message_id) if parsed.message_id else None)
        if row is not None:
            out.append((row, False))
            continue
        row = _new_row(saved.digest, saved.rel, parsed, arrived_at, now)
        session.add(row)
        by_sha[saved.digest] = row
        if parsed.message_id:
            by_mid[parsed.message_id] = row
        out.append((row, True))
    session.flush()
    return out


def _oldest(*rows: MailMessage | None) -> MailMessage | None:
    """The earliest recorded of the rows found (as find_known's ORDER BY id picks); new rows come last."""
    found = [row for row in rows if row is not None]
    return min(found, key=lambda row: row.id or 1 << 62) if found else None


def record_message(session: Session, *, digest: str, rel: str, parsed: ParsedMail, arrived_at: dt.datetime,
                   now: dt.datetime) -> tuple[MailMessage, bool]:
    """(new row in state stored, True), or (the row already there for its hash or Message-ID, False)."""
    known = find_known(session, digest=digest, message_id=parsed.message_id)
    if known is not None:
        return known, False
    row = _new_row(digest, rel, parsed, arrived_at, now)
    session.add(row)
    session.flush()
    return row, True


def _new_row(digest: str, rel: str, parsed: ParsedMail, arrived_at: dt.datetime,
             now: dt.datetime) -> MailMessage:
    return MailMessage(message_id=parsed.message_id, sha256=digest, eml_path=rel, sender=parsed.sender,
                       sender_name=parsed.sender_name, subject=parsed.subject, arrived_at=arrived_at,
                       received_on=arrived_at.astimezone(SHANGHAI).date(), state=MailState.stored.value,
                       created_at=now, updated_at=now)


def read_eml(home: Path, row: MailMessage) -> bytes:
    return (home / row.eml_path).read_bytes()
