"""Shared fixtures: a database per test on SQLite and on PostgreSQL, its engine and programme.

No Prefect here: flow tests bring their own conftest (tests/flows/).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy.engine import Engine

from tasks.context import ProgrammeRef
from tests.support.database import (
    Backend,
    PostgresBackend,
    SqliteBackend,
    migrated_engine,
    start_default_programme,
)
from tests.support.postgres import PostgresServer, postgresql_server

# Property tests: the same examples on every run (a failure in CI is reproducible), no per-example
# deadline on a busy machine, and no example database written into the checkout.
settings.register_profile("legalcap", derandomize=True, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("legalcap")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "postgresql: runs on a PostgreSQL server the session starts from the "
        "installed binaries (skipped without them, failed instead when CI=true)")
    config.addinivalue_line("markers", "sqlite: runs on a SQLite database file")


@pytest.fixture(scope="session", autouse=True)
def legalcap_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """LEGALCAP_HOME in a temporary directory for the whole session: nothing writes to ./var."""
    home = tmp_path_factory.mktemp("legalcap-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEGALCAP_HOME", str(home))
        mp.delenv("LEGALCAP_DATABASE_URL", raising=False)
        yield home


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private LEGALCAP_HOME for this test (the outbox channel writes under it)."""
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("LEGALCAP_HOME", str(path))
    return path


@pytest.fixture(scope="session")
def postgresql_server_session() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the session, started when the first PostgreSQL test needs it."""
    with postgresql_server() as server:
        yield server


@pytest.fixture(scope="session", params=[
    pytest.param("sqlite", marks=pytest.mark.sqlite),
    pytest.param("postgresql", marks=pytest.mark.postgresql),
])
def backend(request: pytest.FixtureRequest) -> Backend:
    """The kind of database under test: a test using it runs once per kind."""
    if request.param == "sqlite":
        return SqliteBackend()
    return PostgresBackend(request.getfixturevalue("postgresql_server_session"))


@pytest.fixture
def db_url(backend: Backend, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database: a tmp_path file, or a new PostgreSQL database."""
    with backend.database(tmp_path) as url:
        yield url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A fresh schema at head (Alembic) with Anhui's cities and counties loaded."""
    with migrated_engine(db_url) as engine:
        yield engine


@pytest.fixture
def programme(engine: Engine) -> ProgrammeRef:
    """The 2026 programme started from config/programme-2026.yaml on the fresh schema."""
    return start_default_programme(engine)
