"""Deliver 2 on a real database: a top-up is shown and never penalised or missing; other uses are flagged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from models.db import session_scope
from models.errors import InputError
from models.tables import Contract
from tasks.context import load_context
from tasks.files import sha256_file
from tasks.forms.funds_xlsx import read_funds, write_funds_template
from tasks.funds import store_expenditures
from tasks.packets.sources import load_sources
from tasks.packets.unit_document import unit_document
from tasks.rubric import score_units
from tasks.submissions import Received
from tests.support.demo import feixi_through_the_gate

FEIXI = "340123"
AS_OF = dt.date(2027, 5, 20)
WINDOW = (dt.date(2026, 4, 1), dt.date(2027, 5, 31))
DEMO = [(dt.date(2026, 7, 6), 16800, "法律服务费（合同首付）"),
        (dt.date(2026, 10, 12), 16800, "法律服务费（进度款）"),
        (dt.date(2027, 2, 8), 11200, "法律服务费（进度款）"),
        (dt.date(2027, 4, 28), 11200, "法律服务费（尾款）")]


@pytest.fixture
def feixi(engine, programme, tmp_path: Path):
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    with session_scope(engine) as session:
        contract = session.exec(select(Contract).where(Contract.unit_code == FEIXI)).one()
    assert (contract.amount_fen, contract.subsidy_fen) == (5_600_000, 5_000_000)
    return programme


def _import(engine, programme, tmp_path: Path, payments: list[tuple[dt.date, int, str]]) -> None:
    path = tmp_path / "经费支出.xlsx"
    write_funds_template(path, rows=[
        {"unit_code": FEIXI, "spent_on": on, "amount": yuan, "purpose": purpose, "voucher": f"PZ-{n}"}
        for n, (on, yuan, purpose) in enumerate(payments)])
    rows, problems = read_funds(path, as_of=AS_OF, window=WINDOW, known_units={FEIXI})
    if problems:
        raise InputError(problems)
    got = Received(path, sha256_file(path), AS_OF, dt.datetime.combine(AS_OF, dt.time(9), dt.UTC), "测试")
    with session_scope(engine) as session:
        store_expenditures(session, programme, rows, got)


def _fund_use(engine, programme):
    with session_scope(engine) as session:
        score = score_units(session, load_context(engine, programme, AS_OF))[FEIXI]
    return next(c for c in score.components if c.code == "fund_use")


def _missing(engine, programme) -> list[str]:
    src = load_sources(engine, programme, AS_OF)
    [(_, st)] = [(code, st) for code, st in src.packet_units() if code == FEIXI]
    doc = unit_document(st, [], src, title="t", version="v", documents=[], archive_hrefs={})
    return doc.missing


def test_a_56000_yuan_contract_topped_up_by_the_unit_scores_full_marks_and_is_not_missing(engine, feixi,
                                                                                         tmp_path) -> None:
    _import(engine, feixi, tmp_path, [*DEMO, (dt.date(2026, 12, 1), 2500, "法律援助补贴")])
    fund_use = _fund_use(engine, feixi)
    assert fund_use.score == 100.0
    assert "单位自筹 6,000.00 元" in fund_use.reason and "法律援助补贴 2,500.00 元另列" in fund_use.reason
    assert not [m for m in _missing(engine, feixi) if "经费" in m]


def test_subsidy_money_spent_on_something_else_is_flagged_and_listed_for_the_evaluator(engine, feixi,
                                                                                      tmp_path) -> None:
    _import(engine, feixi, tmp_path, [*DEMO[:2], (dt.date(2026, 11, 2), 3000, "办公用品采购")])
    fund_use = _fund_use(engine, feixi)
    assert fund_use.score == pytest.approx(67.2)
    assert "2026-11-02 办公用品采购 3,000.00 元：非购买法律服务用途" in fund_use.reason
    flagged = "经费支出需核实：2026-11-02 办公用品采购 3,000.00 元：非购买法律服务用途"
    assert flagged in _missing(engine, feixi)
