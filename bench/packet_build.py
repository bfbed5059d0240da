"""Evaluation packet build time per unit (tasks.packets.build.build_packets), on SQLite, as of 2027-05-06.

Data from bench/national_scale.py's generator (units through the preparation gate, ledger rows over
June–Nov 2026), plus personal data (name, phone, ID number, address) on a third of the legal-aid rows,
so the workbook's masking runs. Each build writes into a TemporaryDirectory. Prints:
  1. one unit with --rows ledger rows: build seconds, ms per unit, and the split load sources / load
     ledger rows / ledger.xlsx / index.html / zip+manifest / province index (timed by wrapping the
     library's functions for the build's duration; the library itself is unchanged)
  2. scaling, --rows-per-unit rows per unit: ms per unit at --units / 10 units (median of 3 builds) and
     at --units units (one build), and their ratio (1.0 = linear)
About 3.5 minutes on a 2-core machine with the defaults, most of it generating and building 3,000 units.
Usage: .venv/bin/python bench/packet_build.py [--rows 2000] [--units 3000] [--rows-per-unit 333]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from national_scale import build
from sqlalchemy import text

from tasks.context import load_programme
from tasks.packets import build as packet_build
from tasks.packets import bundle

AS_OF = dt.date(2027, 5, 6)
# Phase → the functions whose time it adds up (module, attribute); the rest of a build is "other".
PHASES = {
    "load sources": [(packet_build, "load_sources")],
    "load ledger rows": [(packet_build, "load_export_entries_for_units")],
    "ledger.xlsx": [(packet_build, "write_packet_ledger")],
    "index.html": [(packet_build, "unit_document"), (packet_build, "render_unit_index")],
    "zip+manifest": [(bundle, "packet_files"), (packet_build, "write_json"), (bundle, "write_zip")],
    "province index": [(packet_build, "_write_province")],
}

PERSONS = """
INSERT INTO ledgerperson (entry_id, worker_name, phone, id_number, address)
SELECT id, '职工' || id, '138' || substr('0000000' || id, -8, 8),
       '34010219900101' || substr('000' || id, -4, 4),
       '安徽省合肥市蜀山区长江西路' || (id % 999) || '号'
FROM ledgerentry WHERE category = 'legal_aid' AND id % 3 = 0
"""


def generated(folder: Path, name: str, units: int, rows: int):
    start = time.perf_counter()
    engine = build(f"sqlite:///{folder / f'{name}.db'}", units, rows)
    with engine.begin() as conn:
        persons = conn.execute(text(PERSONS)).rowcount
    print(f"  generated {units:,} units, {rows:,} ledger rows ({persons:,} with personal data) "
          f"in {time.perf_counter() - start:.1f} s")
    return engine


@contextmanager
def phase_timer() -> Iterator[dict[str, float]]:
    """Seconds per phase while inside, by wrapping the library's functions (the library is unchanged)."""
    spent: dict[str, float] = defaultdict(float)
    originals = []
    inside: list[str] = []  # a wrapped call inside another (write_json in the province index) counts once

    def wrap(phase: str, fn: Callable) -> Callable:
        def timed(*args, **kwargs):
            if inside:
                return fn(*args, **kwargs)
            inside.append(phase)
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[phase] += time.perf_counter() - start
                inside.pop()
        return timed

    for phase, targets in PHASES.items():
        for module, attr in targets:
            originals.append((module, attr, getattr(module, attr)))
            setattr(module, attr, wrap(phase, getattr(module, attr)))
    try:
        yield spent
    finally:
        for module, attr, fn in originals:
            setattr(module, attr, fn)


def build_once(engine, out: Path) -> tuple[float, int, dict[str, float]]:
    """One build into `out`: seconds, units built, seconds per phase."""
    ref = load_programme(engine, 2026)
    with phase_timer() as spent:
        start = time.perf_counter()
        report = packet_build.build_packets(engine, ref, AS_OF, out)
        took = time.perf_counter() - start
    return took, len(report.units), dict(spent)


def one_unit(folder: Path, rows: int) -> None:
    print(f"1. one unit with {rows:,} ledger rows")
    engine = generated(folder, "one", 1, rows)
    build_once(engine, folder / "warm-up")  # imports, templates, caches
    took, units, spent = build_once(engine, folder / "one-out")
    engine.dispose()
    print(f"  build: {took:.3f} s for {units} unit → {took / units * 1000:.1f} ms per unit")
    for phase, seconds in [*spent.items(), ("other", took - sum(spent.values()))]:
        print(f"    {phase:<16} {seconds * 1000:8.1f} ms  ({seconds / took:5.1%})")


def per_unit(folder: Path, units: int, rows_per_unit: int, repeats: int) -> float:
    """ms per unit of the median of `repeats` builds (each into a fresh folder)."""
    engine = generated(folder, f"scale-{units}", units, units * rows_per_unit)
    runs = sorted((build_once(engine, folder / f"scale-{units}-out-{n}") for n in range(repeats)),
                  key=lambda run: run[0])
    engine.dispose()
    took, built, spent = runs[len(runs) // 2]
    ms = took / built * 1000
    split = ", ".join(f"{phase} {seconds / built * 1000:.1f}" for phase, seconds in spent.items())
    of = f"median of {repeats} builds" if repeats > 1 else "one build"
    print(f"  {built:5,} units: {took:6.1f} s ({of}) → {ms:5.1f} ms per unit\n"
          f"      ms per unit: {split}")
    return ms


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000, help="ledger rows of the single unit")
    parser.add_argument("--units", type=int, default=3000, help="units of the large scaling size")
    parser.add_argument("--rows-per-unit", type=int, default=333)
    args = parser.parse_args()
    small = max(1, args.units // 10)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        one_unit(Path(tmp), args.rows)
        print(f"2. scaling, {args.rows_per_unit} ledger rows per unit")
        ms_small = per_unit(Path(tmp), small, args.rows_per_unit, repeats=3)
        ms_large = per_unit(Path(tmp), args.units, args.rows_per_unit, repeats=1)
    print(f"  per-unit cost at {args.units:,} vs {small:,} units: {ms_large / ms_small:.2f}× (1.0 = linear)")
    print(f"total bench time {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
