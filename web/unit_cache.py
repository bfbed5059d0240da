"""What a unit page computes (status, ledger rows, receipts, reminders) and the rendered page itself
(web/render.kept_page), kept per process while data holds.

A unit page's status reads a dozen tables; the cache keeps it under (what, programme, unit, day…) beside the
*data fingerprint* it was computed on: one query per request reading max(id) of every table (row counts of
the two reference tables keyed by code). Any new row anywhere — an upload, a mailbox import by the tick in
another process, a reminder, an audit event (in-place changes such as a verdict's re-check write one) —
changes the fingerprint, and so does a reminder sent (the count of pending reminders); the next request
then computes afresh. The fingerprint is read before the computation, so a write landing in between leaves
a newer result under an older fingerprint, never the reverse. A signed-in GET reads it with the viewer's
row, on the same connection (web/permissions.load_viewer), so a write by another process is seen on the
very next request. Portal writes also clear the cache at once; an entry older than `ttl` is recomputed
regardless.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel
from starlette.requests import Request

import models.tables  # noqa: F401  (registers every table on SQLModel.metadata)
from tasks.fingerprint import highest_ids_sql

TTL_SECONDS = 300.0
MAX_ENTRIES = 8192
# the portal's own accounts and logins change no unit's data (a login must not empty the cache)
NOT_DATA = frozenset({"webuser", "webloginattempt"})
# the one change of a row in place that writes no other row: the dispatcher settles a reminder (pending →
# sent, failed or cancelled; a retry puts it back): the count of pending rows moves (an indexed count)
IN_PLACE = ("(SELECT count(*) FROM notification WHERE status = 'pending')",)


def fingerprint_sql() -> str:
    """One SELECT of max(id) of each data table (count(*) of a table without an integer id)."""
    return highest_ids_sql((t for t in SQLModel.metadata.sorted_tables if t.name not in NOT_DATA), IN_PLACE)


FINGERPRINT = fingerprint_sql()


def cursor_row(conn: Connection, sql: str, params: object = ()) -> tuple | None:
    """One row read on the open connection's DBAPI cursor (no result types: the per-request reads)."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        return None if row is None else tuple(row)
    finally:
        cursor.close()


def fingerprint_on(conn: Connection) -> tuple:
    """The data fingerprint on an open connection (thirty integers need no result types)."""
    row = cursor_row(conn, FINGERPRINT)
    assert row is not None      # an aggregate SELECT always has its one row
    return row


def read_fingerprint(engine: Engine) -> tuple:
    """The data fingerprint now (one indexed query)."""
    with engine.connect() as conn:
        return fingerprint_on(conn)


@dataclass(frozen=True)
class Kept:
    """A computed value, the fingerprint it was computed on and when (monotonic seconds)."""

    fingerprint: tuple
    tick: float
    value: Any


class UnitCache:
    """An LRU of computed values; `monotonic` is swappable for tests."""

    def __init__(self, ttl: float = TTL_SECONDS, max_entries: int = MAX_ENTRIES,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.max_entries, self.monotonic = ttl, max_entries, monotonic
        self.lock = threading.Lock()
        self.kept: OrderedDict[Hashable, Kept] = OrderedDict()
        self.key_locks: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, fingerprint: tuple, compute: Callable[[], Any]) -> Any:
        """The value kept for `key` on this fingerprint, else computed now (one thread per key computes)."""
        hit = self._fresh(key, fingerprint)
        if hit is not None:
            return hit.value
        with self._key_lock(key):
            hit = self._fresh(key, fingerprint)    # another thread may have computed it meanwhile
            if hit is not None:
                return hit.value
            kept = Kept(fingerprint, self.monotonic(), compute())
            with self.lock:
                self.kept[key] = kept
                self.kept.move_to_end(key)
                while len(self.kept) > self.max_entries:
                    self.key_locks.pop(self.kept.popitem(last=False)[0], None)
            return kept.value

    def peek(self, key: Hashable, fingerprint: tuple) -> Any:
        """The value kept for `key` on this fingerprint, or None (nothing is computed)."""
        hit = self._fresh(key, fingerprint)
        return None if hit is None else hit.value

    def _fresh(self, key: Hashable, fingerprint: tuple) -> Kept | None:
        with self.lock:
            hit = self.kept.get(key)
            if hit is None or hit.fingerprint != fingerprint or self.monotonic() - hit.tick >= self.ttl:
                return None
            self.kept.move_to_end(key)
            return hit

    def _key_lock(self, key: Hashable) -> threading.Lock:
        with self.lock:
            return self.key_locks.setdefault(key, threading.Lock())

    def clear(self) -> None:
        """Forget everything (a write through the portal)."""
        with self.lock:
            self.kept.clear()
            self.key_locks.clear()


def cached(request: Request, key: Hashable, compute: Callable[[], Any]) -> Any:
    """`compute()` through the app's cache, on the fingerprint read once per request."""
    state = request.state
    if getattr(state, "fingerprint", None) is None:
        state.fingerprint = read_fingerprint(request.app.state.engine)
    return request.app.state.unit_cache.get(key, state.fingerprint, compute)


def forget(request: Request) -> None:
    """After a write through the portal: clear the app's cache and this request's fingerprint."""
    request.app.state.unit_cache.clear()
    request.state.fingerprint = None
