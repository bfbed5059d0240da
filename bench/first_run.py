"""A first run on a busy machine: the cold demo and one cold `legalcap tick`, with and without CPU load.

Each run gets a fresh LEGALCAP_HOME and a fresh PREFECT_HOME (so Prefect's temporary server starts
and migrates its database from nothing). "Loaded" runs have two busy-loop processes spinning for
their whole duration. Every run must succeed (exit 0, no traceback); the figures are wall times.

Usage: .venv/bin/python bench/first_run.py [--runs 3] [--demo-to 2027-05-31]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LEGALCAP = Path(sys.executable).with_name("legalcap")
TICK_DAY = "2026-05-13"  # a working day with reminders due (the recommendation deadline has passed)
BUSY_PROCESSES = 2
STARTED_AT = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


def _spin() -> None:
    while True:
        pass


@contextmanager
def cpu_load(processes: int) -> Iterator[None]:
    """`processes` busy loops for the duration of the block (none when 0)."""
    spinners = [multiprocessing.Process(target=_spin, daemon=True) for _ in range(processes)]
    for spinner in spinners:
        spinner.start()
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.terminate()
            spinner.join()


def _run(home: Path, *args: str) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))}
    env["LEGALCAP_HOME"] = str(home)
    start = time.perf_counter()
    result = subprocess.run([str(LEGALCAP), *args], env=env, capture_output=True, text=True,
                            check=False, cwd=home)
    elapsed = time.perf_counter() - start
    if result.returncode != 0 or "Traceback" in result.stdout + result.stderr:
        sys.exit(f"legalcap {' '.join(args)} failed (exit {result.returncode}) after {elapsed:.1f} s:\n"
                 f"{result.stderr[-2000:]}")
    return elapsed


def cold_demo(tmp: Path, demo_to: str) -> float:
    home = tmp / "home"
    home.mkdir()
    return _run(home, "simulate", "--demo", "--to", demo_to)


def cold_tick(tmp: Path, _: str) -> float:
    """A started programme (written without Prefect), then the first `legalcap tick` of the home."""
    from config.loader import default_config_path, load_programme_config
    from models.db import make_engine, session_scope, upgrade
    from tasks.programme import start_programme
    from tasks.reference import sync_reference_data

    home = tmp / "home"
    home.mkdir()
    engine = make_engine(f"sqlite:///{home / 'legalcap.db'}")
    upgrade(engine)
    with session_scope(engine) as session:
        sync_reference_data(session)
        start_programme(session, load_programme_config(default_config_path(2026)),
                        source="config/programme-2026.yaml", at=STARTED_AT, by="bench")
    engine.dispose()
    return _run(home, "tick", "--as-of", TICK_DAY)


def measure(kind: Callable[[Path, str], float], runs: int, load: int, demo_to: str) -> list[float]:
    times = []
    for n in range(runs):
        with tempfile.TemporaryDirectory() as tmp, cpu_load(load):
            times.append(kind(Path(tmp), demo_to))
        print(f"  {kind.__name__:<9} load={load} run {n + 1}: {times[-1]:6.1f} s", flush=True)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--demo-to", default="2027-05-31")
    args = parser.parse_args()
    print(f"cpu cores: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.1f}", flush=True)
    columns = {}
    for kind in (cold_demo, cold_tick):
        for load in (0, BUSY_PROCESSES):
            columns[f"{kind.__name__} {'loaded' if load else 'unloaded'}"] = measure(
                kind, args.runs, load, args.demo_to)
    names = list(columns)
    print("\nwall time (s); loaded = two busy-loop processes for the whole run; all runs succeeded")
    print("run     " + "".join(f"{name:>22}" for name in names))
    for n in range(args.runs):
        print(f"{n + 1:<8}" + "".join(f"{columns[name][n]:>22.1f}" for name in names))
    print("median  " + "".join(f"{statistics.median(columns[name]):>22.1f}" for name in names))


if __name__ == "__main__":
    main()
