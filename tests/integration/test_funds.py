"""Expenditures: import against the contract, never twice, refusal stores nothing; the fund check's alerts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import typer
from sqlmodel import func, select
from typer.testing import CliRunner

from flows.cli.funds import register
from flows.cli.templates import template_funds
from models.db import session_scope
from models.errors import InputError, Refusal
from models.tables import AuditEvent, Contract, Expenditure, Notification
from tasks.context import load_context
from tasks.files import sha256_file
from tasks.forms.funds_xlsx import FundsRow, read_funds, write_funds_template
from tasks.funds import funds_by_unit, legal_aid_by_unit, store_expenditures
from tasks.funds_check import CHECK
from tasks.submissions import Received
from tasks.tick import run_check
from tests.support.database import database_fingerprint
from tests.support.demo import feixi_through_the_gate

AT = dt.datetime(2026, 5, 8, 9, tzinfo=dt.UTC)
AS_OF = dt.date(2026, 12, 31)
FEIXI, LUJIANG = "340123", "340124"
WINDOW = (dt.date(2026, 4, 1), dt.date(2027, 5, 31))

PAYMENTS = [
    {"unit_code": FEIXI, "spent_on": dt.date(2026, 7, 6), "amount": 16800,
     "purpose": "法律服务费（合同首付）", "voucher": "PZ-07-01", "notes": "银行转账"},
    {"unit_code": FEIXI, "spent_on": dt.date(2026, 10, 12), "amount": 16800,
     "purpose": "法律服务费（进度款）", "voucher": "PZ-10-03"},
    {"unit_code": FEIXI, "spent_on": dt.date(2026, 11, 20), "amount": 2500, "purpose": "法律援助补贴"},
]




@pytest.fixture
def feixi(engine, programme, tmp_path: Path) -> Contract:
    """Hefei's demo unit 肥西县 with its contract (56,000 yuan, subsidy 50,000) signed before July."""
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    with session_scope(engine) as session:
        contract = session.exec(select(Contract).where(Contract.unit_code == FEIXI)).one()
    assert contract.signed_on < dt.date(2026, 7, 6)
    assert (contract.amount_fen, contract.subsidy_fen) == (5_600_000, 5_000_000)
    return contract


def _file(tmp_path: Path, rows: list[dict], name: str = "经费支出.xlsx") -> Path:
    path = tmp_path / name
    write_funds_template(path, rows=rows)
    return path


def _import(engine, programme, path: Path, as_of: dt.date = AS_OF) -> tuple[int, int]:
    rows, problems = read_funds(path, as_of=as_of, window=WINDOW, known_units={FEIXI, LUJIANG})
    if problems:
        raise InputError(problems)
    got = Received(path, sha256_file(path), as_of, dt.datetime.combine(as_of, dt.time(9), dt.UTC), "测试")
    with session_scope(engine) as session:
        return store_expenditures(session, programme, rows, got)


def _stored(engine) -> list[Expenditure]:
    with session_scope(engine) as session:
        return list(session.exec(select(Expenditure).order_by(Expenditure.spent_on)))


def test_an_import_stores_each_payment_against_the_contract_with_its_source(engine, programme, feixi,
                                                                            tmp_path):
    path = _file(tmp_path, PAYMENTS)
    assert _import(engine, programme, path) == (3, 0)
    stored = _stored(engine)
    assert [(e.unit_code, e.amount_fen, e.purpose, e.voucher, e.source_row) for e in stored] == [
        (FEIXI, 1_680_000, "法律服务费（合同首付）", "PZ-07-01", 2),
        (FEIXI, 1_680_000, "法律服务费（进度款）", "PZ-10-03", 3),
        (FEIXI, 250_000, "法律援助补贴", "", 4)]
    assert {e.contract_id for e in stored} == {feixi.id}
    assert {(e.source_file, e.source_sha256) for e in stored} == {(str(path), sha256_file(path))}
    with session_scope(engine) as session:
        [audit] = session.exec(select(AuditEvent).where(AuditEvent.action == "funds.imported")).all()
    details = json.loads(audit.details_json)
    assert (details["added"], details["unchanged"], details["amount_added_fen"]) == (3, 0, 3_610_000)
    assert details["notes"] == {"2": "银行转账"} and details["sha256"] == sha256_file(path)


def test_importing_again_or_a_longer_copy_never_duplicates(engine, programme, feixi, tmp_path):
    assert _import(engine, programme, _file(tmp_path, PAYMENTS)) == (3, 0)
    assert _import(engine, programme, _file(tmp_path, PAYMENTS)) == (0, 3)
    more = [*PAYMENTS, {"unit_code": FEIXI, "spent_on": dt.date(2026, 12, 15), "amount": 20000,
                        "purpose": "法律服务费（尾款）", "voucher": "PZ-12-09"}]
    assert _import(engine, programme, _file(tmp_path, more, "经费支出-12月.xlsx")) == (1, 3)
    with session_scope(engine) as session:
        assert session.exec(select(func.count()).select_from(Expenditure)).one() == 4
        audits = session.exec(select(func.count()).select_from(AuditEvent)
                              .where(AuditEvent.action == "funds.imported")).one()
    assert audits == 3


def test_a_voucher_given_later_names_the_payment_already_stored(engine, programme, feixi, tmp_path):
    _import(engine, programme, _file(tmp_path, PAYMENTS))
    with_voucher = [*PAYMENTS[:2], {**PAYMENTS[2], "voucher": "PZ-11-07"}]
    assert _import(engine, programme, _file(tmp_path, with_voucher, "补凭证号.xlsx")) == (0, 3)
    assert [e.voucher for e in _stored(engine)] == ["PZ-07-01", "PZ-10-03", "PZ-11-07"]
    without = [{k: v for k, v in row.items() if k != "voucher"} for row in PAYMENTS]
    assert _import(engine, programme, _file(tmp_path, without, "无凭证号.xlsx")) == (0, 3)


@pytest.mark.parametrize(("row", "column", "reason"), [
    ({**PAYMENTS[0], "amount": 18000}, "凭证号", "凭证号“PZ-07-01”已登记为 2026-07-06、16,800.00 元"),
    ({**PAYMENTS[0], "unit_code": LUJIANG, "voucher": "LJ-1"}, "单位代码", "单位 340124 尚未登记服务合同"),
    ({**PAYMENTS[0], "spent_on": dt.date(2026, 5, 6), "voucher": "PZ-05"}, "支出日期",
     "早于服务合同签订日期"),
])
def test_a_refused_file_leaves_the_database_unchanged(engine, programme, feixi, tmp_path, row, column,
                                                      reason):
    _import(engine, programme, _file(tmp_path, PAYMENTS))
    before = database_fingerprint(engine)
    bad = [*PAYMENTS[1:], {"unit_code": FEIXI, "spent_on": dt.date(2026, 12, 1), "amount": 100,
                           "purpose": "法律援助补贴", "voucher": "NEW"}, row]
    with pytest.raises(InputError) as refused:
        _import(engine, programme, _file(tmp_path, bad, "有问题.xlsx"))
    [problem] = refused.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("经费支出", 5, column)
    assert reason in problem.reason
    assert database_fingerprint(engine) == before


def test_a_unit_without_a_contract_cannot_record_spending(engine, programme, tmp_path):
    before = database_fingerprint(engine)
    rows = [FundsRow(2, FEIXI, dt.date(2026, 7, 6), 100, "法律援助补贴"),
            FundsRow(3, FEIXI, dt.date(2026, 7, 7), 200, "法律援助补贴")]
    got = Received(tmp_path / "x.xlsx", "0" * 64, AS_OF, AT, "测试")
    with pytest.raises(InputError, match="尚未登记服务合同") as refused, session_scope(engine) as session:
        store_expenditures(session, programme, rows, got)
    [problem] = refused.value.problems
    assert problem.row == 2 and "涉及第 2、3 行" in problem.reason
    assert database_fingerprint(engine) == before


def test_funds_by_unit_sums_the_payments_made_by_the_date(engine, programme, feixi, tmp_path):
    _import(engine, programme, _file(tmp_path, PAYMENTS[:2], "经费支出-10月.xlsx"), dt.date(2026, 10, 12))
    _import(engine, programme, _file(tmp_path, PAYMENTS))   # received on AS_OF: adds the 法律援助补贴 row
    with session_scope(engine) as session:
        assert funds_by_unit(session, programme.id, feixi.signed_on - dt.timedelta(days=1)) == {}
        assert funds_by_unit(session, programme.id, dt.date(2026, 7, 5)) == {FEIXI: (0, 5_000_000, 5_600_000)}
        assert funds_by_unit(session, programme.id, dt.date(2026, 10, 12))[FEIXI] == (3_360_000, 5_000_000,
                                                                                      5_600_000)
        assert funds_by_unit(session, programme.id, AS_OF)[FEIXI].spent_fen == 3_360_000  # 法律援助补贴 apart
        assert legal_aid_by_unit(session, programme.id, AS_OF) == {FEIXI: 250_000}


def _notifications(engine, rule: str) -> list[Notification]:
    with session_scope(engine) as session:
        return list(session.exec(select(Notification).where(Notification.rule == rule)
                                 .order_by(Notification.audience)))


def test_spending_above_the_subsidy_is_queued_once_for_the_unit_and_the_city(engine, programme, feixi,
                                                                            tmp_path):
    over = [*PAYMENTS, {"unit_code": FEIXI, "spent_on": dt.date(2026, 12, 15), "amount": 20000,
                        "purpose": "法律服务费（尾款）", "voucher": "PZ-12-09"}]  # 53,600 against the subsidy
    _import(engine, programme, _file(tmp_path, over))
    result = run_check(engine, load_context(engine, programme, AS_OF), CHECK)
    assert (result.name, result.findings, result.queued) == ("funds", 2, 2)
    assert result.notes == ["超出补助：肥西县（超出 3,600.00 元）"]
    rows = _notifications(engine, "funds_over_subsidy")
    assert [(n.audience, n.subject, n.period, n.status) for n in rows] == [
        ("city-340100", FEIXI, "2026", "pending"), ("unit-340123", FEIXI, "2026", "pending")]
    assert "超出省补助 3,600.00 元" in rows[0].title and "超出部分由项目实施单位承担" in rows[0].body
    later = run_check(engine, load_context(engine, programme, dt.date(2027, 1, 4)), CHECK)
    assert later.queued == 0 and len(_notifications(engine, "funds_over_subsidy")) == 2


def test_an_unspent_subsidy_is_chased_from_february_and_the_chase_stops_once_spent(engine, programme,
                                                                                  feixi, tmp_path):
    _import(engine, programme, _file(tmp_path, PAYMENTS[:1]))  # 16,800 of 50,000 spent
    january = run_check(engine, load_context(engine, programme, dt.date(2027, 1, 29)), CHECK)
    assert january.queued == 0
    feb_1 = dt.date(2027, 2, 1)
    first = run_check(engine, load_context(engine, programme, feb_1), CHECK)
    assert first.queued == 1 and first.notes == ["补助未使用过多：肥西县（66.4%）"]
    [row] = _notifications(engine, "funds_unspent")
    assert (row.audience, row.period, row.rung, row.status) == ("unit-340123", "2027-02", 0, "pending")
    assert "33,200.00" in row.title
    _import(engine, programme, _file(tmp_path, PAYMENTS, "补登.xlsx"), as_of=feb_1)  # 33,600 spent
    feb_2 = dt.date(2027, 2, 2)
    stopped = run_check(engine, load_context(engine, programme, feb_2), CHECK)
    assert stopped.queued == 0 and stopped.notes == ["已办结，取消未发送提醒 1 条"]
    [row] = _notifications(engine, "funds_unspent")
    assert row.status == "cancelled"


def test_the_commands_import_show_the_status_and_write_the_template(engine, programme, feixi, tmp_path,
                                                                    monkeypatch):
    monkeypatch.setattr("tasks.services.funds_queries.get_engine", lambda: engine)
    monkeypatch.setattr("tasks.services.common.get_engine", lambda: engine)
    app = typer.Typer()
    register(app)
    app.command("template-funds")(template_funds)
    runner = CliRunner()
    template = tmp_path / "模板.xlsx"
    made = runner.invoke(app, ["template-funds", "--out", str(template), "--unit", FEIXI])
    assert made.exit_code == 0 and template.stat().st_size > 5000
    path = _file(tmp_path, PAYMENTS)
    imported = runner.invoke(app, ["funds", "import", str(path), "--as-of", "2026-12-31",
                                   "--by", "肥西县总工会"])
    assert imported.exit_code == 0, imported.output
    assert "新增 3 笔，更新 0 笔，未变 0 笔" in imported.output
    assert ("肥西县（340123）：截至 2026-12-31 累计支出 33,600.00 元，省补助 50,000.00 元，"
            "已使用 67.2%") in imported.output
    assert "补助余额 16,400.00 元" in imported.output
    shown = runner.invoke(app, ["funds", "status", "--as-of", "2026-12-31", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    doc = json.loads(shown.output)
    [unit] = [u for u in doc["units"] if u["unit_code"] == FEIXI]
    assert (unit["contract_fen"], unit["subsidy_fen"], unit["spent_fen"], unit["spent_share"]) == (
        5_600_000, 5_000_000, 3_360_000, 0.672)
    assert (unit["state"], unit["remaining_yuan"], unit["over_fen"]) == ("under", "16,400.00", 0)
    assert (unit["legal_aid_fen"], unit["legal_aid_yuan"], unit["top_up_fen"]) == (250_000, "2,500.00", 0)
    table = runner.invoke(app, ["funds", "status", "--as-of", "2026-12-31"])
    assert table.exit_code == 0 and "肥西县" in table.output and "33,600.00" in table.output
    zero = _file(tmp_path, [{**PAYMENTS[0], "amount": 0}], "零.xlsx")
    refused = runner.invoke(app, ["funds", "import", str(zero), "--as-of", "2026-12-31"])
    assert isinstance(refused.exception, Refusal) and "金额须大于 0" in str(refused.exception)
