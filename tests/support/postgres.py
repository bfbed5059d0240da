"""A PostgreSQL server for the test session, started from the installed binaries.

The server is pytest-postgresql's `PostgreSQLExecutor` (pg_ctl initdb/start/stop) listening on
127.0.0.1 and a private unix socket directory only. As root, pg_ctl runs through the
`pg_ctl_as_postgres` wrapper beside this file, because initdb and postgres refuse root.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from port_for import get_port
from pytest_postgresql.executors import PostgreSQLExecutor
from pytest_postgresql.janitor import DatabaseJanitor

WRAPPER = Path(__file__).resolve().parent / "pg_ctl_as_postgres"
PG_OS_USER = "postgres"
PG_SUPERUSER = "postgres"
HOST = "127.0.0.1"
SERVER_OPTIONS = (
    f"-c listen_addresses={HOST} -c synchronous_commit=off -c full_page_writes=off "
    "-c max_connections=50"
)


def ci_requires_postgresql() -> bool:
    """In CI (CI=true) the PostgreSQL tests must run: a missing server is a failure."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def unavailable(reason: str) -> None:
    """Skip with the reason; under CI=true fail instead, so CI never skips silently."""
    if ci_requires_postgresql():
        pytest.fail(f"PostgreSQL tests cannot run and CI=true forbids skipping them: {reason}",
                    pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


def find_pg_ctl() -> str | None:
    """$LEGALCAP_PG_CTL, else pg_ctl in `pg_config --bindir`, /usr/lib/postgresql/*/bin, PATH."""
    explicit = os.environ.get("LEGALCAP_PG_CTL", "")
    if explicit and os.path.isfile(explicit) and os.access(explicit, os.X_OK):
        return explicit
    try:
        bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                                timeout=30, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        bindir = ""
    candidates = [os.path.join(bindir, "pg_ctl")] if bindir else []
    versioned = glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")
    candidates += sorted(versioned, key=_major_version, reverse=True)
    candidates.append(shutil.which("pg_ctl") or "")
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def _major_version(path: str) -> tuple[int, ...]:
    part = Path(path).parent.parent.name
    return tuple(int(x) for x in part.split(".") if x.isdigit())


def missing_os_user(name: str = PG_OS_USER) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return True
    return False


@dataclass
class PostgresServer:
    """A running server and a factory of fresh, empty databases on it."""

    executor: PostgreSQLExecutor
    _counter: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def port(self) -> int:
        return self.executor.port

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{PG_SUPERUSER}@{HOST}:{self.port}/{dbname}"

    def _janitor(self, dbname: str) -> DatabaseJanitor:
        return DatabaseJanitor(user=PG_SUPERUSER, host=HOST, port=self.port, dbname=dbname,
                               password=None)

    @contextmanager
    def database(self) -> Iterator[str]:
        """A new empty database for the block; dropped afterwards (connections terminated)."""
        dbname = f"legalcap_test_{next(self._counter)}"
        janitor = self._janitor(dbname)
        janitor.init()
        try:
            yield self.url(dbname)
        finally:
            janitor.drop()


@contextmanager
def postgresql_server() -> Iterator[PostgresServer]:
    """Start a server for the session (skip, or fail under CI, when it cannot be started)."""
    pg_ctl = find_pg_ctl()
    if pg_ctl is None:
        unavailable("no pg_ctl found (pg_config --bindir, /usr/lib/postgresql/*/bin, PATH); "
                    "install PostgreSQL, e.g. .ci/install-postgresql.sh")
    as_root = os.geteuid() == 0
    if as_root and missing_os_user():
        unavailable(f"running as root and the OS user '{PG_OS_USER}' that must own the "
                    "server does not exist (the Debian postgresql package creates it)")
    base = Path(tempfile.mkdtemp(prefix="legalcap-pg-"))
    saved_env = os.environ.get("LEGALCAP_PG_CTL")
    try:
        executable = pg_ctl
        if as_root:
            shutil.chown(base, user=PG_OS_USER)
            os.environ["LEGALCAP_PG_CTL"] = pg_ctl
            executable = str(WRAPPER)
        executor = PostgreSQLExecutor(
            executable=executable, host=HOST, port=get_port(None), datadir=str(base / "data"),
            unixsocketdir=str(base), logfile=str(base / "postgresql.log"), startparams="-w",
            dbname="legalcap", user=PG_SUPERUSER, postgres_options=SERVER_OPTIONS,
        )
        try:
            executor.start()
        except Exception as exc:  # report why, with the end of the server's log
            log = base / "postgresql.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            pytest.fail(f"PostgreSQL did not start from {pg_ctl}: {exc}\n{tail}", pytrace=False)
        try:
            yield PostgresServer(executor)
        finally:
            executor.stop()
    finally:
        if saved_env is None:
            os.environ.pop("LEGALCAP_PG_CTL", None)
        else:
            os.environ["LEGALCAP_PG_CTL"] = saved_env
        shutil.rmtree(base, ignore_errors=True)
