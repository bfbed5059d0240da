"""The province table served from its last computed rows (tasks/province_store): a request never computes
the table of 3,000 units itself.

The rows are refreshed by the daily tick (tasks/tick_steps.PROVINCE_TABLE_STEP) and, in the portal, by one
background thread at a time when a request finds them for another programme or day, or older than a minute
on data that changed since (the fingerprint: the highest ids of ledger, audit, outbox… rows), or when the
province asks (立即刷新, or a decision it took in the portal). Meanwhile the page shows the stored rows and
says they are being refreshed.

Before anything is stored, and right after the province's own action, a request waits for the thread at
most `wait` seconds (a small programme's table is there at once); past that it shows what there is, with
正在计算 or 正在刷新. The wait is the only time a request spends on the computation.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy.engine import Engine

from tasks.context import ProgrammeRef
from tasks.province_store import StoredRows, compute_and_store, data_fingerprint, load, stamp_of

TTL_SECONDS = 60.0
WAIT_SECONDS = 1.5
Compute = Callable[[Engine, ProgrammeRef, dt.date, dt.datetime], StoredRows]
log = logging.getLogger("legalcap.web")


@dataclass(frozen=True)
class View:
    """What the page shows: the rows (as of `day`), when they were computed, and whether a refresh runs."""

    rows: list[dict]
    html: dict[str, Markup]  # unit code → its <tr>, rendered once per computation
    day: dt.date | None
    computed_at: dt.datetime | None
    refreshing: bool
    failed: bool


class ProvinceTable:
    """The stored rows of one portal process and its one refresh thread; `compute` is swappable for tests."""

    def __init__(self, engine: Engine, clock: Callable[[], dt.datetime], compute: Compute = compute_and_store,
                 ttl: float = TTL_SECONDS, wait: float = WAIT_SECONDS) -> None:
        self.engine, self.clock, self.compute, self.ttl, self.wait = engine, clock, compute, ttl, wait
        self.lock = threading.Lock()
        self.stored: StoredRows | None = None
        self.html: dict[str, Markup] = {}
        self.checked: tuple[int, dt.date, dt.datetime] | None = None  # programme, day, when last checked
        self.worker: threading.Thread | None = None
        self.again = False     # asked for while a refresh ran: one more after it
        self.asked = False     # the province asked: its next request waits (at most `wait`)
        self.failed = False

    def view(self, ref: ProgrammeRef, day: dt.date) -> View:
        """The rows to show now; starts a refresh when they are missing or stale (never waits for it long)."""
        with self.lock:
            if self._stale(ref, day):
                self._start(ref, day)
            worker = self.worker if (self._mine(ref) is None or self.asked) else None
            self.asked = False
        if worker is not None:
            worker.join(self.wait)
        with self.lock:
            stored, running = self._mine(ref), self.worker is not None
            if stored is None:
                return View([], {}, None, None, running, self.failed)
            return View(stored.rows, self.html, stored.day, stored.computed_at, running, self.failed)

    def refresh(self, ref: ProgrammeRef, day: dt.date) -> None:
        """Refresh now (立即刷新, a decision taken in the portal); the next request waits for it briefly."""
        with self.lock:
            self.asked = True
            if self.worker is not None:
                self.again = True
            else:
                self._start(ref, day)

    def join(self, timeout: float | None = None) -> None:
        """Wait for the running refresh (tests, shutdown)."""
        worker = self.worker
        if worker is not None:
            worker.join(timeout)

    def _mine(self, ref: ProgrammeRef) -> StoredRows | None:
        stored = self.stored
        return stored if stored is not None and stored.programme_id == ref.id else None

    def _stale(self, ref: ProgrammeRef, day: dt.date) -> bool:
        """Missing, another day, or (checked at most once a minute) older than a minute on changed data."""
        if self.worker is not None:
            return False
        now = self.clock()
        checked = self.checked
        if checked is not None and checked[:2] == (ref.id, day) and self._young(checked[2], now):
            return False
        self.checked = (ref.id, day, now)
        self._reload(ref)
        stored = self._mine(ref)
        if stored is None or stored.day != day:
            return True
        if self._young(stored.computed_at, now):
            return False
        return stored.fingerprint != data_fingerprint(self.engine)

    def _young(self, at: dt.datetime, now: dt.datetime) -> bool:
        return 0 <= (now - at).total_seconds() < self.ttl

    def _reload(self, ref: ProgrammeRef) -> None:
        """Take the database's rows when another process (the tick) stored newer ones."""
        stamp = stamp_of(self.engine, ref.id)
        mine = self._mine(ref)
        if stamp is not None and (mine is None or (mine.day, mine.computed_at, mine.fingerprint) != stamp):
            self.stored = load(self.engine, ref.id)
            self.html = rows_html(self.stored.rows) if self.stored else {}

    def _start(self, ref: ProgrammeRef, day: dt.date) -> None:
        self.failed = False
        self.worker = threading.Thread(target=self._run, args=(ref, day), name="province-table", daemon=True)
        self.worker.start()

    def _run(self, ref: ProgrammeRef, day: dt.date) -> None:
        """Compute and store, once more if asked meanwhile; a failure is logged and shown, never raised."""
        while True:
            try:
                stored: StoredRows | None = self.compute(self.engine, ref, day, self.clock())
                html = rows_html(stored.rows) if stored else {}
            except Exception:
                log.exception("全省汇总表刷新失败")
                stored = None
            with self.lock:
                if stored is not None:
                    self.stored, self.html, self.checked = stored, html, (ref.id, day, stored.computed_at)
                self.failed = stored is None
                if stored is None or not self.again:
                    self.worker = None
                    return
                self.again = False


def rows_html(rows: list[dict]) -> dict[str, Markup]:
    """Each row's <tr> (web/templates/_province_row.html), rendered once per computation: a request then
    only puts 3,000 of them in order instead of rendering them again."""
    from web.render import TEMPLATES

    template = TEMPLATES.get_template("_province_row.html")
    return {row["unit_code"]: Markup(template.render(u=row)) for row in rows}


_CREATE = threading.Lock()


def table_of(state: object) -> ProvinceTable:
    """The app's table (made on first use, over the app's engine and clock; `province_wait` if set)."""
    with _CREATE:
        if not hasattr(state, "province_table"):
            wait = getattr(state, "province_wait", WAIT_SECONDS)
            state.province_table = ProvinceTable(state.engine, state.clock, wait=wait)  # type: ignore[attr-defined]
        return state.province_table  # type: ignore[attr-defined]
