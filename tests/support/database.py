"""Fresh databases of each kind, a migrated engine over one, and the started 2026 programme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import Engine

from config.loader import default_config_path, load_programme_config
from models.db import make_engine, session_scope, upgrade
from tasks.context import ProgrammeRef, load_programme
from tasks.programme import start_programme
from tasks.reference import sync_reference_data
from tests.support.postgres import PostgresServer

PROGRAMME_YEAR = 2026
STARTED_AT = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)
STARTED_BY = "测试（pytest）"


class SqliteBackend:
    """A new database file in the directory it is given."""

    name = "sqlite"

    @contextmanager
    def database(self, directory: Path) -> Iterator[str]:
        yield f"sqlite:///{directory / 'legalcap.db'}"


class PostgresBackend:
    """A new database on the session's server, dropped after use."""

    name = "postgresql"

    def __init__(self, server: PostgresServer):
        self.server = server

    @contextmanager
    def database(self, directory: Path) -> Iterator[str]:
        with self.server.database() as url:
            yield url


Backend = SqliteBackend | PostgresBackend


@contextmanager
def migrated_engine(url: str) -> Iterator[Engine]:
    """An engine at the head revision with the reference data loaded; disposed afterwards."""
    engine = make_engine(url)
    try:
        upgrade(engine)
        with session_scope(engine) as session:
            sync_reference_data(session)
        yield engine
    finally:
        engine.dispose()


def start_default_programme(engine: Engine) -> ProgrammeRef:
    """Start the 2026 programme from config/programme-2026.yaml; its ProgrammeRef."""
    cfg = load_programme_config(default_config_path(PROGRAMME_YEAR))
    with session_scope(engine) as session:
        start_programme(session, cfg, source=f"config/programme-{PROGRAMME_YEAR}.yaml",
                        at=STARTED_AT, by=STARTED_BY)
    return load_programme(engine, PROGRAMME_YEAR)


def database_fingerprint(engine: Engine) -> str:
    """A hash of every row of every table: equal before and after means nothing changed."""
    import hashlib

    from sqlalchemy import select as sa_select
    from sqlmodel import SQLModel

    digest = hashlib.sha256()
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            order = list(table.primary_key.columns)
            for row in conn.execute(sa_select(table).order_by(*order)):
                digest.update(repr((table.name, tuple(row))).encode())
    return digest.hexdigest()


def migrated_sqlite_file(directory: Path) -> Path:
    """A legalcap.db in `directory` with the schema at head and reference data, its engine disposed."""
    path = directory / "legalcap.db"
    with migrated_engine(f"sqlite:///{path}"):
        pass
    return path


def stored_programmes(path: Path) -> list[tuple]:
    """(year, config_hash) of every programme in an SQLite file, read without changing it."""
    import sqlite3

    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT year, config_hash FROM programme").fetchall()
    finally:
        conn.close()
