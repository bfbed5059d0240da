"""The aggregated pace-record loader gives exactly the record the row-by-row reading gave, on generated
ledgers (seeded), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

import pytest
from sqlmodel import select

from config.divisions import anhui_counties
from models.db import session_scope
from models.pace_history import LedgerItem, pace_record
from models.received_on import SHANGHAI
from models.tables import LedgerEntry
from tasks.ledger_snapshot import known_rows
from tasks.pace_history import pace_records

WINDOW_START = dt.date(2026, 5, 1)
CATEGORIES = (("publicity", ""), ("labour_supervision", "notice"), ("labour_supervision", "opinion"),
              ("legal_aid", "mediation"), ("legal_aid", "arbitration"), ("other", ""))


def _row_by_row(session, programme_id: int, as_of: dt.date) -> dict[str, list[LedgerItem]]:
    """The former loader: every quota-relevant row read into Python, its Beijing import day there."""
    out: dict[str, list[LedgerItem]] = {}
    for row in session.exec(select(LedgerEntry).where(*known_rows(programme_id, as_of))):
        at = row.imported_at if row.imported_at.tzinfo else row.imported_at.replace(tzinfo=dt.UTC)
        day = at.astimezone(SHANGHAI).date()
        out.setdefault(row.unit_code, []).append(
            LedgerItem(row.category, row.subtype or "", row.case_no or "", row.occurred_on, day))
    return out


def _imported(rng: random.Random, on: dt.date) -> dt.datetime:
    """Mostly the same Beijing day, some late (days or months), some right at Beijing midnight (16:00 UTC)."""
    late = rng.choice((0, 0, 0, 1, 3, 40, 120))
    day = on + dt.timedelta(days=late)
    utc = dt.datetime.combine(day, dt.time(0), dt.UTC)
    edge = rng.choice((dt.timedelta(hours=-8), dt.timedelta(hours=15, minutes=59, seconds=59),
                       dt.timedelta(hours=16), dt.timedelta(hours=2, minutes=30)))
    return utc + edge


def _ledger(rng: random.Random, programme_id: int, units: list[str]) -> list[LedgerEntry]:
    """Each unit at its own density: quota items, documents of shared cases, rows that never count."""
    rows = []
    for unit in units:
        density, cases = rng.uniform(0.01, 0.25), [f"J{n}" for n in range(rng.randint(1, 12))]
        for n in range(rng.randint(0, 120)):
            on = WINDOW_START + dt.timedelta(days=int(rng.uniform(-20, 380) * rng.random() ** density))
            category, subtype = rng.choice(CATEGORIES)
            case_no = rng.choice([*cases, ""]) if category == "labour_supervision" else ""
            rows.append(LedgerEntry(
                programme_id=programme_id, unit_code=unit, category=category, subtype=subtype,
                case_no=case_no, occurred_on=on, title=f"{category} {n}", imported_at=_imported(rng, on),
                fingerprint=hashlib.sha256(f"{unit}-{n}".encode()).hexdigest()))
    return rows


@pytest.mark.parametrize("seed", [7, 2026])
def test_aggregated_records_equal_row_by_row_records(engine, programme, seed):
    rng = random.Random(seed)
    units = [c.code for c in rng.sample(sorted(anhui_counties(), key=lambda c: c.code), 24)]
    with session_scope(engine) as session:
        session.add_all(_ledger(rng, programme.id, units))
    starts = {unit: WINDOW_START + dt.timedelta(days=rng.randint(0, 200)) for unit in units}
    cfg, calendar = programme.cfg, programme.calendar
    for as_of in (dt.date(2026, 6, 30), dt.date(2026, 11, 15), dt.date(2027, 4, 30), dt.date(2027, 6, 1)):
        with session_scope(engine) as session:
            fast = pace_records(session, programme.id, cfg, calendar, as_of, starts)
            rows = _row_by_row(session, programme.id, as_of)
        slow = {unit: pace_record(rows.get(unit, ()), cfg, calendar, start, as_of)
                for unit, start in starts.items()}
        assert fast == slow, as_of
    assert any(r.behind_months for r in fast.values()) and any(r.kept for r in fast.values())
