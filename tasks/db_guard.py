"""Refuse a damaged SQLite file before anything opens it for writing; SQLite's machine errors in Chinese."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url

from models.backups import is_backup_name
from models.db_health import HEADER_SIZE, check_problem, damaged_message, environment_problem, header_problem
from models.errors import Refusal


class DatabaseRefused(Refusal):
    """The database file is damaged, read-only or on a full disk: one Chinese line, exit code 2."""


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL; None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    name = parsed.database
    if name.startswith("file:"):
        name = name[len("file:"):].split("?", 1)[0]
    return Path(name)


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection: it can neither write the file nor checkpoint a WAL into it."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def run_check(path: Path, pragma: str = "quick_check") -> str | None:
    """PRAGMA quick_check (or integrity_check) over a read-only connection; the problem, or None."""
    try:
        conn = open_read_only(path)
        try:
            rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"SQLite 无法读取（{exc}）"
    return check_problem(rows)


def header_diagnosis(path: Path) -> str | None:
    """What the file's size and first 100 bytes say is wrong, or None."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        header = fh.read(HEADER_SIZE)
    wal = path.with_name(path.name + "-wal")
    wal_pending = wal.exists() and wal.stat().st_size > 0
    return header_problem(header, size, wal_pending=wal_pending)


def latest_backup(backups_dir: Path) -> Path | None:
    """The most recently written legalcap backup in the folder, if any."""
    if not backups_dir.is_dir():
        return None
    found = [p for p in backups_dir.iterdir() if p.is_file() and is_backup_name(p.name)]
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


def refusal(path: Path, reason: str, backups_dir: Path) -> DatabaseRefused:
    latest = latest_backup(backups_dir)
    return DatabaseRefused(damaged_message(
        str(path), reason, None if latest is None else str(latest), str(backups_dir)))


def stamp_path(path: Path) -> Path:
    """Where the guard remembers the file state that last passed quick_check: .legalcap.db.checked."""
    return path.with_name(f".{path.name}.checked")


def file_state(path: Path) -> dict:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "inode": st.st_ino}


def passed_before(path: Path, state: dict) -> bool:
    """True when this very file state (size, mtime, inode) already passed quick_check."""
    try:
        return json.loads(stamp_path(path).read_text(encoding="utf-8")) == state
    except (OSError, ValueError):
        return False


def remember_passed(path: Path, state: dict) -> None:
    """Record a passed state; a home that cannot be written just checks again next time."""
    stamp, partial = stamp_path(path), stamp_path(path).with_suffix(".partial")
    try:
        partial.write_text(json.dumps(state), encoding="utf-8")
        os.replace(partial, stamp)
    except OSError:
        pass


def _reason(path: Path) -> str | None:
    state = file_state(path)
    reason = header_diagnosis(path)
    if reason is not None or passed_before(path, state):
        return reason
    reason = run_check(path)
    if reason is None and file_state(path) == state:
        remember_passed(path, state)
    return reason


def verify_existing(url: str, backups_dir: Path) -> None:
    """Raise DatabaseRefused when the URL's SQLite file exists and is damaged; a missing file is fine.

    The header and size are read every time; quick_check runs again only when the file's size,
    modification time or inode differ from the last state that passed it.
    """
    path = sqlite_path(url)
    if path is None or not path.exists():
        return
    try:
        reason = _reason(path)
    except OSError as exc:
        reason = f"无法读取（{exc.strerror or exc}）"
    if reason is not None:
        raise refusal(path, reason, backups_dir)


def translate_machine_errors(engine: Engine, path: Path) -> None:
    """Make SQLite's read-only, disk-full and cannot-open errors a DatabaseRefused line."""

    @event.listens_for(engine, "handle_error")
    def _translate(context) -> None:
        original = context.original_exception
        if isinstance(original, sqlite3.Error):
            line = environment_problem(str(original), str(path))
            if line is not None:
                raise DatabaseRefused(line) from original
