"""What a demo home holds, to compare before and after a run: database rows, files, stored paths."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from models.db import make_engine
from tasks.demo.staging import FOLDERS, STAGING
from tests.support.database import database_fingerprint

PATH_COLUMNS = ("path", "file_path", "source_file")


def files(home: Path) -> dict[str, str]:
    """SHA-256 of every file the demo keeps outside its database."""
    found = {}
    for folder in FOLDERS:
        for path in sorted((home / folder).rglob("*")):
            if path.is_file():
                found[str(path.relative_to(home))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def database(home: Path) -> str:
    engine = make_engine(f"sqlite:///{home / 'legalcap.db'}")
    try:
        return database_fingerprint(engine)
    finally:
        engine.dispose()


def _texts(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(table, column, value) for every text value in the database."""
    found = []
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for column in [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]:
            found += [(table, column, v) for (v,) in conn.execute(
                f'SELECT "{column}" FROM "{table}" WHERE typeof("{column}") = \'text\'')]
    return found


def stored_paths(home: Path) -> list[str]:
    """Every file path the database stores (path, file_path and source_file columns)."""
    conn = sqlite3.connect(f"{(home / 'legalcap.db').as_uri()}?mode=ro", uri=True)
    try:
        return [v for _, column, v in _texts(conn) if column in PATH_COLUMNS and v.startswith("/")]
    finally:
        conn.close()


def staging_mentions(home: Path) -> list[tuple[str, str]]:
    """(table, column) of any text that still names the staging folder."""
    conn = sqlite3.connect(f"{(home / 'legalcap.db').as_uri()}?mode=ro", uri=True)
    try:
        return sorted({(t, c) for t, c, v in _texts(conn) if STAGING in v})
    finally:
        conn.close()
