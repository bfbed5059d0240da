"""National scale: the implementation-phase checks of one tick against a bare GROUP BY (SQLite).

Generates N synthetic units (codes 9xxxxx) already through the preparation gate and M ledger rows
over the implementation year, then times, on one date:
  - baseline: SELECT unit_code, category, count(*) FROM ledgerentry GROUP BY unit_code, category
  - the tick's implementation work: one snapshot read + every implementation check (no sending)
Prints both and the ratio (target <= 2x).   Usage: bench/national_scale.py [--units 3000] [--rows 1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, text

from config.loader import default_config_path, load_programme_config
from models.db import session_scope
from models.enums import ArchiveKind, Phase
from models.tables import (
    ArchiveDocument,
    Contract,
    DutySchedule,
    GateDecision,
    LedgerEntry,
    Provider,
    ProviderSelection,
    TaskListItem,
    TeamMember,
)
from tasks.checks import CHECKS
from tasks.context import load_context, load_programme
from tasks.programme import start_programme
from tasks.runtime import engine_for
from tasks.synthetic import seed_synthetic_units
from tasks.tick import run_check

AT = dt.datetime(2026, 5, 8, 9, tzinfo=dt.UTC)
READY = dt.date(2026, 5, 20)
DAY = dt.date(2026, 12, 1)


def _gate_rows(units: list[str], programme_id: int) -> dict:
    base = [{"programme_id": programme_id, "unit_code": u} for u in units]
    return {
        GateDecision: [{**b, "gate": "filing", "decision": "approve", "decided_on": READY, "decided_at": AT,
                        "decided_by": "bench"} for b in base],
        ProviderSelection: [{**b, "method": "price_comparison", "candidates_json": "[]",
                             "winner_provider_id": 1, "decided_on": READY} for b in base],
        ArchiveDocument: [{**b, "kind": k.value, "path": "x", "sha256": "0" * 64, "size_bytes": 1,
                           "registered_on": READY, "registered_at": AT, "registered_by": "bench"}
                          for b in base for k in ArchiveKind],
        TeamMember: [{**b, "provider_id": 1, "name": f"m{i}", "role": "律师", "recorded_on": READY}
                     for b in base for i in range(3)],
        DutySchedule: [{**b, "kind": "rotation", "set_on": READY} for b in base],
        Contract: [{**b, "provider_id": 1, "amount_fen": 5_000_000, "subsidy_fen": 5_000_000,
                    "signed_on": READY, "service_start": READY, "service_end": dt.date(2027, 4, 30)}
                   for b in base],
        TaskListItem: [{**b, "category": "publicity", "description": "普法", "target": 10,
                        "refined_on": READY} for b in base],
    }


# A year's mix of ledger rows (shares of all rows): legal aid is the bulk (consultations), 一函两书
# documents about a tenth, each case with one to three documents.
MIX = (("publicity", 0.15), ("labour_supervision", 0.10), ("legal_aid", 0.50),
       ("collective_bargaining", 0.08), ("legality_review", 0.10), ("other", 0.07))
SUBTYPES = {"publicity": ("lecture", "on_site", "talk"),
            "labour_supervision": ("reminder_letter", "opinion", "recommendation"),
            "legal_aid": ("consultation", "consultation", "document_drafting", "mediation", "arbitration"),
            "collective_bargaining": ("guide", "participate", "review"),
            "legality_review": ("contract", "internal_document", "litigation"),
            "other": ("training", "case_compilation")}
VENUES = ("enterprise", "industrial_park", "community", "construction_site", "campus")


def _case(category: str, subtype: str, i: int, rng: random.Random, day: dt.date) -> dict:
    """The 一函两书 columns of a row (and their copy in fields_json), as the import writes them."""
    if category != "labour_supervision":
        return {"fields_json": "{}"}
    case = {"case_no": f"JD-{i // 3 % 40:03d}", "employer": f"某公司{i % 97}"}
    replied = day + dt.timedelta(days=10) if subtype == "opinion" and rng.random() < 0.5 else None
    if replied:
        case["replied_on"] = replied.isoformat()
    return {"fields_json": json.dumps(case, ensure_ascii=False), "case_no": case["case_no"],
            "replied_on": replied}


def _ledger_rows(units: list[str], programme_id: int, n: int):
    rng = random.Random(7)
    days = [dt.date(2026, 6, 1) + dt.timedelta(days=i) for i in range(180)]
    categories, weights = zip(*MIX, strict=True)
    for i in range(n):
        category = rng.choices(categories, weights)[0]
        subtype, day = rng.choice(SUBTYPES[category]), rng.choice(days)
        yield {"programme_id": programme_id, "unit_code": rng.choice(units), "category": category,
               "subtype": subtype, "venue": rng.choice(VENUES) if category == "publicity" else "",
               "occurred_on": day, "title": "t", "fingerprint": f"{i:064d}", "imported_at": AT,
               "case_no": "", "replied_on": None, **_case(category, subtype, i, rng, day)}


def build(url: str, n_units: int, n_rows: int):
    """A database at `url` with N units through the gate and M ledger rows."""
    engine = engine_for(url)
    cfg = load_programme_config(default_config_path(2026))
    with session_scope(engine) as session:
        programme, _ = start_programme(session, cfg, source="bench", at=AT, by="bench")
        units = seed_synthetic_units(session, programme.id, n_units, received_on=dt.date(2026, 5, 8), at=AT)
        session.add(Provider(id=1, name="p", credit_code="91350100M000100Y43"))
        for table, rows in _gate_rows(units, programme.id).items():
            session.exec(insert(table), params=rows)
    rows = _ledger_rows(units, programme.id, n_rows)
    while chunk := [r for _, r in zip(range(50_000), rows, strict=False)]:
        with engine.begin() as conn:
            conn.execute(insert(LedgerEntry), chunk)
    if engine.dialect.name == "postgresql":  # what autovacuum does for a live server
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    return engine


def timed(fn, repeats: int = 3) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _run(engine, sql: str) -> None:
    with engine.connect() as conn:
        conn.execute(text(sql)).all()


def measure(engine, label: str) -> float:
    """Print the bare query, the snapshot and all implementation checks; return the ratio."""
    ref = load_programme(engine, 2026)
    checks = [c for c in CHECKS if Phase.implementation in c.phases]

    def bare() -> None:
        with engine.connect() as conn:
            conn.execute(text("SELECT unit_code, category, count(*) FROM ledgerentry "
                              "GROUP BY unit_code, category")).all()

    def tick_checks() -> None:
        ctx = load_context(engine, ref, DAY)
        for check in checks:
            run_check(engine, ctx, check)

    tick_checks()  # first run writes the outbox rows; later runs measure the steady state
    base, ours = timed(bare), timed(tick_checks)
    snapshot = timed(lambda: load_context(engine, ref, DAY))
    ratio = ours / base
    if engine.dialect.name == "sqlite":  # the plan SQLite picks may be slower than a plain scan: show both
        scan = timed(lambda: _run(engine, "SELECT unit_code, category, count(*) FROM ledgerentry NOT INDEXED "
                                          "GROUP BY unit_code, category"))
        print(f"[{label}] bare GROUP BY as a full table scan (NOT INDEXED): {scan * 1000:.1f} ms "
              f"→ ratio {ours / scan:.2f}x")
    ctx = load_context(engine, ref, DAY)
    split = "  ".join(f"{c.name} {timed(lambda c=c: run_check(engine, ctx, c)) * 1000:.0f}" for c in checks)
    print(f"[{label}] per check (ms): {split}")
    print(f"[{label}] bare GROUP BY unit, category: {base * 1000:8.1f} ms")
    print(f"[{label}] snapshot (load_context):      {snapshot * 1000:8.1f} ms")
    print(f"[{label}] implementation checks (all):  {ours * 1000:8.1f} ms  ({len(checks)} checks + snapshot)")
    print(f"[{label}] ratio checks / bare: {ratio:.2f}x (target <= 2x)")
    return ratio


def generated(url: str, units: int, rows: int):
    start = time.perf_counter()
    engine = build(url, units, rows)
    print(f"generated {units} units and {rows:,} ledger rows in {time.perf_counter() - start:.1f} s")
    return engine


def on_sqlite(folder: Path, units: int, rows: int) -> None:
    measure(generated(f"sqlite:///{folder / 'national.db'}", units, rows), "SQLite")


def on_postgresql(units: int, rows: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the test suite's server helper
    from tests.support.postgres import postgresql_server

    with postgresql_server() as server, server.database() as url:
        engine = generated(url, units, rows)
        measure(engine, "PostgreSQL")
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--task-runs", action=argparse.BooleanOptionalAction, default=True,
                        help="also count the Prefect task runs of one daily_tick at 16 and at --units units")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.database in ("sqlite", "both"):
            on_sqlite(Path(tmp), args.units, args.rows)
        if args.database in ("postgresql", "both"):
            on_postgresql(args.units, args.rows)
        if args.task_runs:
            from task_runs import compare_task_runs

            compare_task_runs(Path(tmp), build, DAY, small=16, large=args.units)


if __name__ == "__main__":
    main()
