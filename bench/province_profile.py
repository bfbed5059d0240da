"""Where the province table's time goes at national scale: builds the web_load data set once (kept in
--dir), then times (wall and CPU: the machine is shared, so the load average is printed too) the single
ledger read, province_rows, the same rows by the separate queries of before (--compare), what a request
pays now (the stored rows and the data fingerprint), the pace records and one unit's status read, with an
optional profile of province_rows.

Usage: bench/province_profile.py [--dir /tmp/legalcap-province] [--units 3000] [--rows 1000000]
       [--profile out.prof] [--compare]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import sys
import time
from pathlib import Path

from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent))
from national_scale import DAY  # a bench beside this one
from web_load import build, real_units

from models.db import session_scope
from models.pace_history import exact_from
from tasks.context import load_context, load_programme
from tasks.ledger_once import read_ledger
from tasks.pace_history import pace_records_of
from tasks.province_store import compute_and_store, data_fingerprint, load
from tasks.runtime import engine_for
from tasks.services.province_table import province_rows
from tasks.services.status import status_of_unit


def engine_at(folder: Path, units: int, rows: int):
    """The data set of web_load, built on first use and kept."""
    path = folder / f"web-{units}-{rows}.db"
    if path.exists():
        return engine_for(f"sqlite:///{path}")
    folder.mkdir(parents=True, exist_ok=True)
    return build(f"sqlite:///{path}", units, rows)


def timed(label: str, call):
    """Run once, print the wall and CPU time (SQLite runs in this process: CPU is its work too)."""
    start, cpu = time.perf_counter(), time.process_time()
    out = call()
    print(f"  {label}: {(time.perf_counter() - start) * 1000:,.0f} ms wall, "
          f"{(time.process_time() - cpu) * 1000:,.0f} ms CPU", flush=True)
    return out


def load_average() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def count_queries(engine, call) -> int:
    """SQL statements one call sends."""
    seen: list[str] = []

    def before(conn, cursor, statement, *args) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return len(seen)


def table_figures(engine, ref, compare: bool) -> None:
    """The single read, before/after (compare), the stored computation and what a request pays now."""
    with session_scope(engine) as session:
        timed("read_ledger (the one ledger statement)",
              lambda: read_ledger(session, ref.id, DAY, exact_from(ref.cfg)))
    if compare:
        old = timed("province_rows by separate queries (before)",
                    lambda: province_rows(engine, ref, DAY, read_once=False))
        new = timed("province_rows (the ledger read once)", lambda: province_rows(engine, ref, DAY))
        print(f"  identical rows: {old == new}")
    at = dt.datetime.now(dt.UTC)
    timed("compute_and_store (the tick's step, the portal's thread)",
          lambda: compute_and_store(engine, ref, DAY, at))
    timed("a request: the stored rows read", lambda: load(engine, ref.id))
    timed("a request: the data fingerprint", lambda: data_fingerprint(engine))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=Path("/tmp/legalcap-province"))
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--compare", action="store_true", help="also the separate queries of before")
    args = parser.parse_args()
    engine = engine_at(args.dir, args.units, args.rows)
    ref = load_programme(engine, 2026)
    print(f"  load average at start: {load_average()} (2 cores, shared)")
    table_figures(engine, ref, args.compare)
    ctx = timed("load_context", lambda: load_context(engine, ref, DAY))
    with session_scope(engine) as session:
        timed("pace_records_of", lambda: pace_records_of(session, ctx))
    unit = real_units()[0]
    status_of_unit(engine, ref, DAY, unit)
    timed("status_of_unit (warm)", lambda: status_of_unit(engine, ref, DAY, unit))
    queries = count_queries(engine, lambda: status_of_unit(engine, ref, DAY, unit))
    print(f"  status_of_unit queries: {queries}")
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    rows = timed("province_rows", lambda: province_rows(engine, ref, DAY))
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
        pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(45)
    print(f"  {len(rows)} rows; load average at end: {load_average()}")


if __name__ == "__main__":
    main()
