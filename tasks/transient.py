"""Which database errors are worth a retry: a lock, a dropped connection, a serialisation conflict."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, OperationalError

# Lower-case fragments of driver messages for conditions that pass by themselves.
TRANSIENT_MARKERS = (
    "database is locked",            # SQLite: another writer held the lock past busy_timeout
    "database table is locked",
    "could not connect",             # PostgreSQL restarting or briefly unreachable
    "connection refused",
    "server closed the connection",
    "connection reset",
    "terminating connection",
    "the database system is starting up",
    "the database system is shutting down",
    "deadlock detected",
    "could not serialize access",
    "too many connections",
)


def is_transient(exc: BaseException | None) -> bool:
    """True for an error a short wait and a second try can cure (never bad data or a damaged file)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if not isinstance(exc, OperationalError):
        return False
    text = str(exc.orig if exc.orig is not None else exc).lower()
    return any(marker in text for marker in TRANSIENT_MARKERS)


def retry_if_transient(_task, _task_run, state) -> bool:
    """Prefect `retry_condition_fn`: retry a failed task only when its exception is transient."""
    exc = state.data if isinstance(state.data, BaseException) else None
    if exc is None:
        try:
            state.result(raise_on_failure=True)
        except BaseException as raised:  # the state's own exception, re-raised to look at it
            exc = raised
    return is_transient(exc)


DB_TASK_RETRIES = {"retries": 2, "retry_delay_seconds": [2, 10], "retry_condition_fn": retry_if_transient}
