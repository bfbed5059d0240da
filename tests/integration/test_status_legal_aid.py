"""`status` counts each unit's 法律援助补贴 cases from the ledger known by as_of, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib

from models.db import session_scope
from models.tables import LedgerEntry
from tasks.services.status import status_as_of
from tests.support.demo import feixi_through_the_gate

FEIXI = "340123"
SEPT_1 = dt.date(2026, 9, 1)


def _aid(programme, n: int, service: str, on: dt.date) -> LedgerEntry:
    at = dt.datetime.combine(on, dt.time(2), dt.UTC)
    return LedgerEntry(programme_id=programme.id, unit_code=FEIXI, category="legal_aid", subtype=service,
                       occurred_on=on, title=f"援助 {n}", imported_at=at,
                       fingerprint=hashlib.sha256(f"aid{n}".encode()).hexdigest())


def test_status_counts_the_qualifying_cases_known_by_as_of(engine, programme, tmp_path, monkeypatch):
    monkeypatch.setattr("tasks.services.status.get_engine", lambda: engine)
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    services = ["mediation"] * 7 + ["arbitration", "consultation"]
    with session_scope(engine) as session:
        session.add_all(_aid(programme, n, s, dt.date(2026, 7, 1)) for n, s in enumerate(services))
        session.add(_aid(programme, 99, "litigation", dt.date(2026, 9, 2)))  # after as_of: not yet
    units = status_as_of(SEPT_1, 2026)["units"]
    [aid] = [u["legal_aid"] for u in units if u["unit_code"] == FEIXI]
    assert [line["count"] for line in aid["lines"]] == [2, 1, 0] and aid["cases"] == 3
    assert aid["total_fen"] is None  # the shipped rates await the province
    unrecommended = [u for u in units if u["unit_code"] is None]
    assert unrecommended and all(u["legal_aid"] is None for u in unrecommended)
