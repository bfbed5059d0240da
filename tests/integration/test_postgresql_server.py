"""The session's PostgreSQL server: local only, owned by the right user, never silently absent."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.support import postgres
from tests.support.postgres import HOST, WRAPPER, postgresql_server


def _settings(server, *names: str) -> list[str]:
    with server.database() as url:
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                return [conn.execute(text(f"SHOW {name}")).scalar() for name in names]
        finally:
            engine.dispose()


@pytest.mark.postgresql
def test_the_server_listens_on_loopback_and_a_private_socket_directory_only(
    postgresql_server_session,
) -> None:
    listen, sockets = _settings(postgresql_server_session, "listen_addresses",
                                "unix_socket_directories")
    assert listen == HOST == "127.0.0.1"
    assert Path(sockets).name.startswith("legalcap-pg-")
    assert (Path(sockets) / f".s.PGSQL.{postgresql_server_session.port}").is_socket()


@pytest.mark.postgresql
def test_the_server_runs_from_the_installed_binaries_as_a_non_root_user(
    postgresql_server_session,
) -> None:
    [data_directory] = _settings(postgresql_server_session, "data_directory")
    owner = os.stat(data_directory).st_uid
    assert owner != 0
    if os.geteuid() == 0:
        assert owner == pwd.getpwnam("postgres").pw_uid
        assert postgresql_server_session.executor.executable == str(WRAPPER)
    assert postgres.find_pg_ctl() is not None


def test_the_root_wrapper_is_shipped_executable() -> None:
    assert WRAPPER.is_file()
    assert os.access(WRAPPER, os.X_OK)
    assert WRAPPER.read_text().startswith("#!/usr/bin/env bash")


def test_missing_binaries_skip_the_postgresql_tests_with_a_reason(monkeypatch) -> None:
    monkeypatch.setattr(postgres, "find_pg_ctl", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no pg_ctl found"), postgresql_server():
        pass


def test_missing_binaries_fail_the_postgresql_tests_when_ci_is_true(monkeypatch) -> None:
    monkeypatch.setattr(postgres, "find_pg_ctl", lambda: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="forbids skipping"), postgresql_server():
        pass


def test_a_missing_postgres_os_user_skips_as_root_and_fails_under_ci(monkeypatch) -> None:
    monkeypatch.setattr(postgres, "find_pg_ctl", lambda: "/usr/lib/postgresql/15/bin/pg_ctl")
    monkeypatch.setattr(postgres.os, "geteuid", lambda: 0)
    monkeypatch.setattr(postgres, "missing_os_user", lambda name="postgres": True)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="OS user 'postgres'"), postgresql_server():
        pass
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="OS user 'postgres'"), postgresql_server():
        pass
