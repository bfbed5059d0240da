"""Only errors that pass by themselves are retried: locks and dropped connections, not bad data."""

import sqlite3

from sqlalchemy.exc import IntegrityError, OperationalError

from tasks.transient import is_transient


def _operational(message: str) -> OperationalError:
    return OperationalError("SELECT 1", {}, sqlite3.OperationalError(message))


def test_a_locked_sqlite_database_is_transient() -> None:
    assert is_transient(_operational("database is locked"))


def test_a_postgresql_restart_is_transient() -> None:
    assert is_transient(_operational("terminating connection due to administrator command"))


def test_a_damaged_or_full_database_is_not_retried() -> None:
    assert not is_transient(_operational("database disk image is malformed"))
    assert not is_transient(_operational("database or disk is full"))


def test_bad_data_and_plain_bugs_are_not_retried() -> None:
    assert not is_transient(IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed")))
    assert not is_transient(ValueError("bad"))
    assert not is_transient(None)
