"""The month-end pace record read from the ledger in one query, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib

from models.db import session_scope
from models.pace_history import NO_RECORD
from models.tables import LedgerEntry
from tasks.context import load_context
from tasks.pace_history import pace_records, pace_records_of
from tests.support.demo import feixi_through_the_gate

FEIXI, CHANGFENG = "340123", "340121"
MAY_1 = dt.date(2026, 5, 1)
AUG_31 = dt.date(2026, 8, 31)


def _row(programme, unit: str, n: int, category: str, on: dt.date, imported_at: dt.datetime,
         subtype: str = "", case_no: str = "") -> LedgerEntry:
    return LedgerEntry(programme_id=programme.id, unit_code=unit, category=category, subtype=subtype,
                       case_no=case_no, occurred_on=on, title=f"{category} {n}", imported_at=imported_at,
                       fingerprint=hashlib.sha256(f"{unit}{n}".encode()).hexdigest())


def _on_time(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(2), dt.UTC)  # 10:00 Beijing time, the same day


def _steady(programme, unit: str, imported: dt.datetime | None = None) -> list[LedgerEntry]:
    """Two of each quota item a month, May to August (received on their day unless `imported`)."""
    rows, n = [], 0
    for month in (5, 6, 7, 8):
        for day in (8, 20):
            on = dt.date(2026, month, day)
            at = imported or _on_time(on)
            rows += [_row(programme, unit, n, "publicity", on, at),
                     _row(programme, unit, n + 1, "labour_supervision", on, at, "notice", f"J{n}"),
                     _row(programme, unit, n + 2, "labour_supervision", on, at, "opinion", f"J{n}"),
                     _row(programme, unit, n + 3, "legal_aid", on, at, "mediation")]
            n += 4
    return rows


def test_one_query_gives_every_units_record(engine, programme):
    # 长丰县's rows all reach the province at 01:00 of August 1, Beijing time (17:00 UTC on July 31)
    late = dt.datetime(2026, 7, 31, 17, tzinfo=dt.UTC)
    with session_scope(engine) as session:
        session.add_all(_steady(programme, FEIXI) + _steady(programme, CHANGFENG, late))
    with session_scope(engine) as session:
        records = pace_records(session, programme.id, programme.cfg, programme.calendar, AUG_31,
                               {FEIXI: MAY_1, CHANGFENG: MAY_1, "340122": None})
    assert records[FEIXI] == (3, 3, ())  # June, July, August; May within the grace period
    kept, checked, behind = records[CHANGFENG]
    assert (kept, checked, behind) == (1, 3, ("2026-06", "2026-07"))  # known only from August 1
    assert records["340122"] == NO_RECORD


def test_supervision_documents_of_one_case_count_once(engine, programme):
    at = _on_time(MAY_1)
    rows = [_row(programme, FEIXI, n, "labour_supervision", MAY_1, at, doc, "J1")
            for n, doc in enumerate(("notice", "opinion", "recommendation"))]
    with session_scope(engine) as session:
        session.add_all(rows)
    with session_scope(engine) as session:
        [record] = pace_records(session, programme.id, programme.cfg, programme.calendar, AUG_31,
                                {FEIXI: MAY_1}).values()
    assert record.checked == 3 and record.kept == 0


def test_a_tick_context_gives_the_units_paced_from_their_real_start(engine, programme, tmp_path):
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    with session_scope(engine) as session:
        session.add_all(_steady(programme, FEIXI))
    ctx = load_context(engine, programme, AUG_31)
    [feixi] = [st for st in ctx.statuses if st.slot.unit_code == FEIXI]
    with session_scope(engine) as session:
        records = pace_records_of(session, ctx)
    assert feixi.pace_from is not None and feixi.pace_from > MAY_1
    assert records[FEIXI].checked == 2 and records[FEIXI].kept == 2  # its June month-end is in grace
