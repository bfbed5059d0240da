"""The province table's rows kept for a minute: at 3,000 units the rubric behind them takes seconds, so
one request computes them (the others wait for it) and the next minute's requests read them.

A decision taken in the portal (review, mail assigned) clears them; the page says when they were computed.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

TTL_SECONDS = 60.0


@dataclass(frozen=True)
class Computed:
    """The rows of one (programme, day), when they were computed (the app's clock) and on which tick."""

    key: tuple[int, dt.date]
    rows: list[dict]
    at: dt.datetime
    tick: float


class ProvinceTable:
    """One cached computation at a time; `monotonic` is swappable for tests."""

    def __init__(self, ttl: float = TTL_SECONDS, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.monotonic = ttl, monotonic
        self.lock = threading.Lock()
        self.computed: Computed | None = None

    def rows(self, key: tuple[int, dt.date], compute: Callable[[], list[dict]], now: dt.datetime
             ) -> Computed:
        """The cached rows of `key` if younger than ttl, else computed now (others wait, then share them)."""
        with self.lock:
            hit = self.computed
            if hit is not None and hit.key == key and self.monotonic() - hit.tick < self.ttl:
                return hit
            self.computed = Computed(key, compute(), now, self.monotonic())
            return self.computed

    def clear(self) -> None:
        with self.lock:
            self.computed = None


_CREATE = threading.Lock()


def table_of(state: object) -> ProvinceTable:
    """The app's cache (made on first use)."""
    with _CREATE:
        if not hasattr(state, "province_table"):
            state.province_table = ProvinceTable()  # type: ignore[attr-defined]
        return state.province_table  # type: ignore[attr-defined]
