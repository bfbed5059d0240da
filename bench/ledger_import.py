"""Ledger import of a 100,000-row workbook against a bare python-calamine read of the same file.

The workbook holds 100 synthetic units' rows: 60% 法治宣传教育, 40% 职工法律援助 with a worker's name,
phone and ID number (check digit valid). Times, median of 3, each import into a fresh SQLite database:
  - baseline: python-calamine opens the file and turns every sheet into Python lists
  - import:   `ledger import` minus the CLI: read + validate every row, then store it (personal data apart)
  - re-import of the same file into the loaded database (nothing added, nothing updated)
Prints the ratio import / baseline (target <= 1.5x).   Usage: bench/ledger_import.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from python_calamine import CalamineWorkbook

from config.loader import default_config_path, load_programme_config
from models.db import session_scope
from tasks.context import load_programme
from tasks.demo.ledger_rows import FORMATS, VENUES, worker
from tasks.forms.ledger_xlsx import read_ledger, write_ledger_template
from tasks.ledger import store_ledger_rows
from tasks.programme import start_programme
from tasks.runtime import engine_for
from tasks.submissions import Received
from tasks.synthetic import seed_synthetic_units, synthetic_codes

AT = dt.datetime(2026, 5, 8, 9, tzinfo=dt.UTC)
AS_OF = dt.date(2026, 12, 1)
UNITS = 100


def _rows(n: int) -> dict[str, list[dict]]:
    units = [u for _, u in synthetic_codes(UNITS)]
    days = [dt.date(2026, 6, 1) + dt.timedelta(days=i) for i in range(180)]
    rows: dict[str, list[dict]] = {"publicity": [], "legal_aid": []}
    for i in range(n):
        base = {"unit_code": units[i % UNITS], "occurred_on": days[i % 180], "ledger_id": f"R{i:06d}"}
        if i % 5 < 3:
            rows["publicity"].append({**base, "title": f"普法活动 {i}", "venue": VENUES[i % 5],
                                      "format": FORMATS[i % 3], "participants": 20 + i % 60})
        else:
            rows["legal_aid"].append({**base, "title": "职工法律援助", "service": "consultation",
                                      "amount": 1000 + i % 5000, **worker("340123", i)})  # a real area code
    return rows


def _database(folder: Path, name: str):
    engine = engine_for(f"sqlite:///{folder / name}")
    with session_scope(engine) as session:
        start_programme(session, load_programme_config(default_config_path(2026)), source="bench", at=AT,
                        by="bench")
        seed_synthetic_units(session, 1, UNITS, received_on=dt.date(2026, 5, 8), at=AT)
    return engine


def _import(engine, path: Path) -> tuple[int, int]:
    ref = load_programme(engine, 2026)
    window = (ref.cfg.phases.implementation.start, ref.cfg.phases.implementation.end)
    units = {u for _, u in synthetic_codes(UNITS)}
    rows, problems = read_ledger(path, as_of=AS_OF, window=window, known_units=units)
    if problems:
        raise SystemExit(f"the generated workbook has problems: {problems[:3]}")
    got = Received(path, "0" * 64, AS_OF, AT, "bench")
    with session_scope(engine) as session:
        report = store_ledger_rows(session, ref, rows, got)
    return report.added, report.unchanged


def _read_only(path: Path) -> int:
    units = {u for _, u in synthetic_codes(UNITS)}
    window = (dt.date(2026, 5, 1), dt.date(2027, 4, 30))
    rows, _ = read_ledger(path, as_of=AS_OF, window=window, known_units=units)
    return len(rows)


def _bare_read(path: Path) -> int:
    book = CalamineWorkbook.from_path(str(path))
    return sum(len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names)


def _median(fn, repeats: int = 3) -> float:
    samples = []
    for i in range(repeats):
        start = time.perf_counter()
        fn(i)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "ledger.xlsx"
        start = time.perf_counter()
        write_ledger_template(path, rows=_rows(args.rows))
        took, size = time.perf_counter() - start, path.stat().st_size / 1e6
        print(f"wrote {args.rows:,} rows ({size:.1f} MB) in {took:.1f} s")
        engines = [_database(folder, f"import-{i}.db") for i in range(3)]
        base = _median(lambda i: _bare_read(path))
        read = _median(lambda i: _read_only(path))
        ours = _median(lambda i: _import(engines[i], path))
        again = _median(lambda i: _import(engines[i], path))
        print(f"bare python-calamine read:   {base * 1000:8.1f} ms")
        print(f"read + validate every row:   {read * 1000:8.1f} ms  ({read / base:.2f}x the bare read)")
        print(f"ledger import (fresh db):    {ours * 1000:8.1f} ms  ({args.rows / ours:,.0f} rows/s; "
              f"storing {(ours - read) * 1000:.0f} ms)")
        print(f"re-import (nothing changes): {again * 1000:8.1f} ms")
        print(f"ratio import / bare read: {ours / base:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
