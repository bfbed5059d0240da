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


def _ledger_rows(units: list[str], programme_id: int, n: int):
    rng = random.Random(7)
    days = [dt.date(2026, 6, 1) + dt.timedelta(days=i) for i in range(180)]
    cats = ("publicity", "labour_supervision", "legal_aid", "other")
    for i in range(n):
        cat = cats[i % 4]
        fields = json.dumps({"case_no": f"C{i % 5000}"}) if cat == "labour_supervision" else "{}"
        yield {"programme_id": programme_id, "unit_code": units[i % len(units)], "category": cat,
               "subtype": "mediation" if cat == "legal_aid" else "opinion", "venue": "campus",
               "occurred_on": rng.choice(days), "title": "t", "fields_json": fields,
               "fingerprint": f"{i:064d}", "imported_at": AT}


def build(folder: Path, n_units: int, n_rows: int):
    engine = engine_for(f"sqlite:///{folder / 'national.db'}")
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
    return engine


def timed(fn, repeats: int = 3) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        engine = build(Path(tmp), args.units, args.rows)
        took = time.perf_counter() - start
        print(f"generated {args.units} units and {args.rows:,} ledger rows in {took:.1f} s")
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
        print(f"bare GROUP BY unit, category: {base * 1000:8.1f} ms")
        print(f"snapshot (load_context):      {snapshot * 1000:8.1f} ms")
        print(f"implementation checks (all):  {ours * 1000:8.1f} ms  ({len(checks)} checks)")
        print(f"ratio checks / bare: {ours / base:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
