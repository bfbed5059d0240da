"""The database guard's cost per command, and the backup's cost, on a given file and a 1,000,000-row ledger.

Every command checks an existing SQLite file once per process before opening it: header and size
always, PRAGMA quick_check over a read-only connection only when the file's state (size, mtime,
inode) differs from the last one that passed. This prints, per database: the file size, the header
check, quick_check, the whole guard on a changed file and on an unchanged one, integrity_check
(`legalcap db check`) and an online backup with its verification (`legalcap db backup`, the tick's
daily copy).
Usage: bench/db_guard.py [--database FILE ...] [--rows 1000000] [--units 3000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tasks.backup import backup_sqlite, human_size
from tasks.db_guard import header_diagnosis, run_check, stamp_path, verify_existing


def timed_ms(fn, repeats: int = 3) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def measure(path: Path, label: str, scratch: Path) -> None:
    url, target = f"sqlite:///{path}", scratch / "copy.db"

    def changed_file() -> None:
        stamp_path(path).unlink(missing_ok=True)
        verify_existing(url, scratch)

    rows = [
        ("header + size check", timed_ms(lambda: header_diagnosis(path), 20)),
        ("PRAGMA quick_check", timed_ms(lambda: run_check(path))),
        ("guard, file changed since last check", timed_ms(changed_file)),
        ("guard, file unchanged (most commands)", timed_ms(lambda: verify_existing(url, scratch))),
        ("PRAGMA integrity_check (db check)", timed_ms(lambda: run_check(path, "integrity_check"))),
        ("online backup + quick_check of the copy", timed_ms(lambda: backup_sqlite(path, target), 1)),
    ]
    print(f"[{label}] {path} ({human_size(path.stat().st_size)})")
    for name, ms in rows:
        print(f"[{label}] {name:<40} {ms:9.2f} ms")
    stamp_path(path).unlink(missing_ok=True)  # leave the measured file as it was found


def synthetic(folder: Path, units: int, rows: int) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from national_scale import generated

    path = folder / "national.db"
    generated(f"sqlite:///{path}", units, rows).dispose()
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", type=Path, action="append", default=[],
                        help="an existing legalcap.db to measure (e.g. a demo home's)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="synthetic ledger rows (0 skips)")
    parser.add_argument("--units", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for path in args.database:
            measure(path.resolve(), path.name, scratch)
        if args.rows:
            measure(synthetic(scratch, args.units, args.rows), f"{args.rows:,} rows", scratch)


if __name__ == "__main__":
    main()
