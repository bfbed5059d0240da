"""Prefect task runs of one daily_tick flow run, at a small and a large number of units."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path

from tests.support.run_inspection import task_run_count


def _tick(url: str, home: Path, day: dt.date) -> tuple[int, float]:
    from flows.tick import daily_tick

    os.environ["LEGALCAP_DATABASE_URL"] = url
    os.environ["LEGALCAP_HOME"] = str(home)
    start = time.perf_counter()
    state = daily_tick(as_of=day, year=2026, return_state=True)
    took = time.perf_counter() - start
    if not state.is_completed():
        raise SystemExit(f"daily_tick did not complete: {state}")
    return task_run_count(state.state_details.flow_run_id), took


def compare_task_runs(folder: Path, build: Callable, day: dt.date, *, small: int, large: int) -> None:
    """Print the task runs of one tick at `small` and at `large` units (the design says: equal)."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")  # the figures, not a line per message
    from prefect.testing.utilities import prefect_test_harness

    counts = {}
    with prefect_test_harness(server_startup_timeout=120):
        for n in (small, large):
            url = f"sqlite:///{folder / f'tick-{n}.db'}"
            build(url, n, n * 333).dispose()
            counts[n], took = _tick(url, folder / f"home-{n}", day)
            print(f"daily_tick at {n:5d} units: {counts[n]} task runs, flow run {took:.1f} s")
    verdict = "equal" if counts[small] == counts[large] else "NOT equal"
    print(f"task runs per tick, {small} vs {large} units: {counts[small]} vs {counts[large]} ({verdict})")
