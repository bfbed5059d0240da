"""Tick logic time against the number of units (no Prefect): 16, 1,600 and 3,000 slots.

Each size gets a fresh SQLite database with synthetic units (codes 9xxxxx) that have sent their
materials; the tick runs on 2026-05-13 (both phase-1 checks active). Prints ms per tick and
µs per unit, and the ratio of the per-unit cost at the largest size to that at 1,600.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from config.loader import default_config_path, load_programme_config
from models.db import session_scope
from tasks.context import load_programme
from tasks.programme import start_programme
from tasks.runtime import engine_for
from tasks.synthetic import seed_synthetic_units
from tasks.tick import tick_once

AT = dt.datetime(2026, 5, 8, 9, tzinfo=dt.UTC)
DAY = dt.date(2026, 5, 13)


def measure(n: int, folder: Path, repeats: int = 5) -> float:
    engine = engine_for(f"sqlite:///{folder / f'bench-{n}.db'}")
    cfg = load_programme_config(default_config_path(2026))
    with session_scope(engine) as session:
        programme, _ = start_programme(session, cfg, source="bench", at=AT, by="bench")
        seed_synthetic_units(session, programme.id, n, received_on=dt.date(2026, 5, 8), at=AT)
    ref = load_programme(engine, 2026)
    tick_once(engine, ref, DAY)  # warm-up: first tick writes the outbox rows
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        tick_once(engine, ref, DAY)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        results = {n: measure(n, Path(tmp)) for n in (16, 1600, 3000)}
    for n, seconds in results.items():
        slots = n + 16
        per_slot = seconds / slots * 1e6
        print(f"{slots:>5} slots: {seconds * 1000:8.1f} ms per tick, {per_slot:7.1f} µs per slot")
    per_1600 = results[1600] / 1616
    per_3000 = results[3000] / 3016
    print(f"per-slot cost at 3,016 vs 1,616 slots: {per_3000 / per_1600:.2f}× (1.0 = linear)")


if __name__ == "__main__":
    main()
