"""Deliver 11 for funds and visits: a payment or a visit counts from the day it was received (收到日期)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from models.db import session_scope
from models.tables import Expenditure, OversightVisit
from tasks.files import sha256_file
from tasks.forms.funds_xlsx import read_funds, write_funds_template
from tasks.funds import funds_by_unit, legal_aid_by_unit, payments_by_unit, store_expenditures
from tasks.oversight import load_visits, record_visit
from tasks.submissions import Received
from tests.support.demo import feixi_through_the_gate

FEIXI = "340123"
JULY_1, JULY_15, AUG_3 = dt.date(2026, 7, 1), dt.date(2026, 7, 15), dt.date(2026, 8, 3)
LATER = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)   # the wall clock when it is typed in
WINDOW = (dt.date(2026, 4, 1), dt.date(2027, 5, 31))


@pytest.fixture
def feixi(engine, programme, tmp_path: Path):
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    return programme


def _import_payments(engine, programme, folder: Path, received_on: dt.date) -> None:
    path = folder / "经费支出.xlsx"
    write_funds_template(path, rows=[
        {"unit_code": FEIXI, "spent_on": JULY_1, "amount": 16800, "purpose": "法律服务费（合同首付）",
         "voucher": "PZ-07-01"},
        {"unit_code": FEIXI, "spent_on": JULY_1, "amount": 500, "purpose": "法律援助补贴"}])
    rows, problems = read_funds(path, as_of=received_on, window=WINDOW, known_units={FEIXI})
    assert problems == []
    with session_scope(engine) as session:
        got = Received(path, sha256_file(path), received_on, LATER, "测试")
        store_expenditures(session, programme, rows, got)


def test_a_payment_of_july_1_received_on_august_3_counts_from_august_3(engine, feixi, tmp_path) -> None:
    _import_payments(engine, feixi, tmp_path, AUG_3)
    with session_scope(engine) as session:
        stored = set(session.exec(select(Expenditure.received_on)).all())
        before = (funds_by_unit(session, feixi.id, JULY_15), payments_by_unit(session, feixi.id, JULY_15),
                  legal_aid_by_unit(session, feixi.id, JULY_15))
        after = (funds_by_unit(session, feixi.id, AUG_3), payments_by_unit(session, feixi.id, AUG_3),
                 legal_aid_by_unit(session, feixi.id, AUG_3))
    assert stored == {AUG_3}
    assert before[0][FEIXI].spent_fen == 0 and FEIXI not in before[1] and before[2] == {}
    assert after[0][FEIXI].spent_fen == 1_680_000
    assert [p.amount_fen for p in after[1][FEIXI]] == [1_680_000, 50_000] and after[2] == {FEIXI: 50_000}


def test_a_payment_without_received_on_counts_from_its_own_date_as_before(engine, feixi, tmp_path) -> None:
    _import_payments(engine, feixi, tmp_path, AUG_3)
    with session_scope(engine) as session:
        for e in session.exec(select(Expenditure)):
            e.received_on = None
            session.add(e)
    with session_scope(engine) as session:
        assert funds_by_unit(session, feixi.id, JULY_1)[FEIXI].spent_fen == 1_680_000
        assert FEIXI not in payments_by_unit(session, feixi.id, dt.date(2026, 6, 30))


def _visit(engine, programme, recorded_on: dt.date | None) -> None:
    with session_scope(engine) as session:
        record_visit(session, programme, FEIXI, visited_on=JULY_1, by="合肥市总工会 王督导",
                     notes="实地调研台账与坐班", at=LATER, recorded_on=recorded_on)


def test_a_visit_of_july_1_received_on_august_3_counts_from_august_3(engine, feixi) -> None:
    _visit(engine, feixi, AUG_3)
    with session_scope(engine) as session:
        [stored] = session.exec(select(OversightVisit.received_on)).all()
        before, after = load_visits(session, feixi.id, JULY_15), load_visits(session, feixi.id, AUG_3)
    assert stored == AUG_3
    assert before == {} and after == {FEIXI: [JULY_1]}


def test_a_visit_recorded_without_on_is_received_the_day_it_is_entered(engine, feixi) -> None:
    _visit(engine, feixi, None)
    with session_scope(engine) as session:
        [stored] = session.exec(select(OversightVisit.received_on)).all()
        assert load_visits(session, feixi.id, dt.date(2026, 11, 30)) == {}
        assert load_visits(session, feixi.id, dt.date(2026, 12, 1)) == {FEIXI: [JULY_1]}
    assert stored == dt.date(2026, 12, 1)


def test_packets_list_a_payment_and_a_visit_only_from_the_day_received(engine, feixi, tmp_path) -> None:
    from tasks.packets.sources import load_sources

    _import_payments(engine, feixi, tmp_path, AUG_3)
    _visit(engine, feixi, AUG_3)
    before, after = load_sources(engine, feixi, JULY_15), load_sources(engine, feixi, AUG_3)
    assert FEIXI not in before.visits and FEIXI not in before.expenditures
    assert [row[1] for row in after.visits[FEIXI]] == [JULY_1]
    assert [row[3] for row in after.expenditures[FEIXI]] == [1_680_000, 50_000]
