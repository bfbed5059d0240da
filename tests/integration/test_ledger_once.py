"""The ledger read once (tasks/ledger_once) gives every consumer the figures of its own queries, and the
province table computed from it is the table the separate queries give (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from config.divisions import anhui_counties
from models.db import session_scope
from models.pace_history import exact_from
from models.tables import LedgerEntry
from tasks.ledger_once import read_ledger
from tasks.ledger_snapshot import load_cases
from tasks.legal_aid import aid_counts
from tasks.pace_history import pace_records, quota_counts
from tasks.services import province_table
from tasks.snapshot import load_slots
from tests.web.conftest import FEIXI, WANZHI, recommend

AS_OF = dt.date(2027, 4, 15)          # in the window end's month: April's items keep their exact day
BEIJING = dt.timezone(dt.timedelta(hours=8))
HUAINAN = next(c for c in anhui_counties() if c.city_code == "340400")


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), BEIJING).astimezone(dt.UTC)


def _r(unit: str, category: str, subtype: str, on: dt.date, **more) -> dict:
    return dict(unit_code=unit, category=category, subtype=subtype, occurred_on=on, **more)


def _rows() -> list[dict]:
    """Edge cases: venues, mediation among legal aid, cases awaiting / replied / recommended, a case
    without a number, rows received late, rows not yet known, a unit with cases only, one with nothing."""
    f, h, d = FEIXI.code, HUAINAN.code, dt.date
    pub, aid, sup = "publicity", "legal_aid", "labour_supervision"
    return [
        _r(f, pub, "lecture", d(2026, 6, 3), venue="enterprise"),
        _r(f, pub, "lecture", d(2026, 6, 30), venue="community"),
        _r(f, pub, "stall", d(2027, 4, 2), venue=""),
        _r(f, pub, "stall", d(2027, 4, 3), venue="enterprise",
           imported_at=_at(d(2027, 4, 9), 23)),                            # received six days later, 23:00
        _r(f, aid, "mediation", d(2026, 7, 1)),
        _r(f, aid, "mediation", d(2027, 4, 14)),
        _r(f, aid, "arbitration", d(2026, 8, 8)),
        _r(f, "collective_bargaining", "wage", d(2026, 9, 9)),
        _r(f, sup, "complaint", d(2026, 9, 1)),                             # no case number
        _r(f, sup, "complaint", d(2026, 9, 2), case_no="A1"),
        _r(f, sup, "opinion", d(2026, 9, 9), case_no="A1", reply_due=d(2026, 10, 9)),   # awaiting a reply
        _r(f, sup, "opinion", d(2026, 9, 3), case_no="A2", reply_due=d(2026, 10, 3)),
        _r(f, sup, "reminder_letter", d(2026, 9, 20), case_no="A2", replied_on=d(2026, 9, 25)),  # replied
        _r(f, sup, "opinion", d(2026, 10, 1), case_no="A3"),
        _r(f, sup, "recommendation", d(2027, 4, 10), case_no="A3"),        # gone on to a recommendation
        _r(f, pub, "lecture", d(2027, 4, 16), venue="school"),              # after as_of
        _r(f, aid, "mediation", d(2027, 4, 15), imported_at=_at(d(2027, 4, 16), 1)),  # received after as_of
        _r(h, sup, "opinion", d(2027, 4, 1), case_no="H1", imported_at=_at(d(2027, 4, 12))),
        _r(h, sup, "complaint", d(2026, 12, 30), case_no="H2"),
    ]


def _store(engine, programme_id: int) -> None:
    with session_scope(engine) as session:
        for i, row in enumerate(_rows()):
            row.setdefault("imported_at", _at(row["occurred_on"]))
            session.add(LedgerEntry(programme_id=programme_id, fingerprint=f"fp{i}", **row))


@pytest.fixture()
def ledger(engine, programme):
    for county in (FEIXI, WANZHI, HUAINAN):
        recommend(engine, programme, county)
    _store(engine, programme.id)
    with session_scope(engine) as session:
        return read_ledger(session, programme.id, AS_OF, exact_from(programme.cfg))


def _per_day(counts) -> dict[str, Counter]:
    out: dict[str, Counter] = {}
    for unit, items in counts.items():
        for code, on, n in items:
            out.setdefault(unit, Counter())[(code, on)] += n
    return out


def test_the_single_read_gives_each_consumer_what_its_own_query_gives(engine, programme, ledger) -> None:
    pid = programme.id
    with session_scope(engine) as session:
        assert load_slots(session, pid, AS_OF, ledger=ledger) == load_slots(session, pid, AS_OF)
        assert ledger.cases == load_cases(session, pid, AS_OF)
        assert ledger.awaiting() == load_cases(session, pid, AS_OF, awaiting_reply=True)
        assert ledger.aid == aid_counts(session, pid, AS_OF)
        assert _per_day(ledger.pace) == _per_day(quota_counts(session, pid, AS_OF, exact_from(programme.cfg)))
        starts = {FEIXI.code: dt.date(2026, 6, 1), HUAINAN.code: dt.date(2026, 6, 1), WANZHI.code: None}
        assert (pace_records(session, pid, programme.cfg, programme.calendar, AS_OF, starts, ledger.pace)
                == pace_records(session, pid, programme.cfg, programme.calendar, AS_OF, starts))


def test_the_figures_are_the_hand_counted_ones(ledger) -> None:
    f, h = FEIXI.code, HUAINAN.code
    assert ledger.case_counts == {f: 3, h: 2}
    assert [(c.unit_code, c.case_no) for c in ledger.awaiting()] == [(f, "A1"), (h, "H1")]
    assert ledger.aid == {f: {"mediation": 2, "arbitration": 1}}
    days = _per_day(ledger.pace)
    assert days[f][("publicity", dt.date(2027, 4, 9))] == 1              # counted from the day received
    assert days[f][("publicity", dt.date(2026, 6, 1))] == 2              # before April: the month's first
    assert days[f][("labour_supervision", dt.date(2026, 9, 1))] == 3     # 2 cases + 1 row without a number
    assert days[f][("labour_supervision", dt.date(2026, 10, 1))] == 1    # a case counts from its first day
    assert days[h] == Counter({("labour_supervision", dt.date(2027, 4, 12)): 1,
                               ("labour_supervision", dt.date(2026, 12, 1)): 1})
    tally = {(row[1], row[2]): row[3] for row in ledger.tally[f]}
    assert sum(n for (category, _), n in tally.items() if category == "publicity") == 4
    assert WANZHI.code not in ledger.tally


def test_the_province_table_from_the_single_read_is_the_table_of_the_separate_queries(
        engine, programme, ledger) -> None:
    new = province_table.province_rows(engine, programme, AS_OF)
    assert new == province_table.province_rows(engine, programme, AS_OF, read_once=False)
    by_unit = {row["unit_code"]: row for row in new}
    assert by_unit[FEIXI.code]["open_cases"] == 1 and by_unit[HUAINAN.code]["open_cases"] == 1
    assert by_unit[WANZHI.code]["ledger"]["last_entry_on"] is None
    assert str(by_unit[HUAINAN.code]["ledger"]["last_entry_on"]) == "2027-04-01"
