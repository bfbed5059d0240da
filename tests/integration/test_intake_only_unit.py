"""The intake service bound to one unit (a county's web upload, `ReceivedFile.only_unit`) never registers
for another: content naming another unit, another unit's rows, or a city's 推荐表 are refused with the
database unchanged; a file naming no unit is the bound unit's (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from config.divisions import county_by_name
from models.db import session_scope
from models.intake import ReceivedFile
from models.tables import LedgerEntry, WorkPlan
from tasks.demo.documents import demo_plan, demo_recommendation
from tasks.demo.scenario import UNITS
from tasks.forms.funds_xlsx import write_funds_template
from tasks.forms.ledger_xlsx import write_ledger_template
from tasks.forms.recommendation_docx import write_recommendation_docx
from tasks.forms.workplan import write_workplan_docx
from tasks.intake import intake
from tests.support.database import database_fingerprint
from tests.web.conftest import recommend
from tests.web.services import wire

FEIXI = county_by_name("340100", "肥西县")
WANZHI = county_by_name("340200", "湾沚区")
JULY_3 = dt.date(2026, 7, 3)
AT = dt.datetime(2026, 7, 3, 2, tzinfo=dt.UTC)


@pytest.fixture
def both(engine, programme, tmp_path, monkeypatch):
    """肥西县 and 湾沚区 recommended; the services on this test's database."""
    wire(engine, tmp_path / "home", monkeypatch)
    for county in (FEIXI, WANZHI):
        recommend(engine, programme, county)
    return engine


def bound(path: Path, unit: str) -> ReceivedFile:
    return ReceivedFile(name=path.name, content=path.read_bytes(), received_on=JULY_3, registered_at=AT,
                        registered_by="门户 clerk", unit_hint=unit, only_unit=unit)


def test_a_work_plan_naming_another_unit_is_refused_and_one_naming_none_is_the_bound_units(both,
                                                                                         tmp_path):
    plan = tmp_path / "方案.docx"
    [unit] = [u for u in UNITS if u.county == "肥西县"]
    write_workplan_docx(plan, demo_plan(FEIXI, unit, 1), unit_name="合肥市肥西县总工会")
    before = database_fingerprint(both)
    got = intake(bound(plan, WANZHI.code))
    assert got.refused
    said = f"文件中写明的单位（{FEIXI.code}）不是本单位（{WANZHI.code}），只能报送本单位的材料"
    assert said in got.lines()[1]
    assert database_fingerprint(both) == before
    blank = tmp_path / "工作方案.docx"
    write_workplan_docx(blank)                 # names no unit: the bound unit's, refused for its content
    done = intake(bound(blank, WANZHI.code))
    assert (done.refused, done.held, done.unit) == (True, False, WANZHI.code)
    assert "第一部分仍是模板说明文字" in done.lines()[1]
    with session_scope(both) as session:
        assert session.exec(select(WorkPlan.unit_code)).all() == []


def test_a_citys_recommendation_form_is_not_a_countys_to_send(both, tmp_path):
    form = tmp_path / "推荐.docx"
    write_recommendation_docx(form, demo_recommendation(FEIXI, dt.date(2026, 5, 8)))
    before = database_fingerprint(both)
    got = intake(bound(form, FEIXI.code))
    assert got.refused and "推荐表（附件1）由市总工会报送" in "\n".join(got.lines())
    assert database_fingerprint(both) == before


def test_another_units_rows_are_refused_in_funds_and_skipped_in_a_ledger(both, tmp_path):
    funds = tmp_path / "经费.xlsx"
    write_funds_template(funds, rows=[
        {"unit_code": FEIXI.code, "spent_on": JULY_3, "amount": 100, "purpose": "法律服务费"},
        {"unit_code": WANZHI.code, "spent_on": JULY_3, "amount": 100, "purpose": "法律服务费"}])
    before = database_fingerprint(both)
    got = intake(bound(funds, FEIXI.code))
    assert got.refused and [(p.row, p.column) for p in got.problems] == [(3, "单位代码")]
    assert database_fingerprint(both) == before
    ledger = tmp_path / "台账.xlsx"
    write_ledger_template(ledger, rows={"publicity": [
        {"ledger_id": f"P{i}", "unit_code": code, "occurred_on": dt.date(2026, 6, 10 + i),
         "title": f"讲座 {i}", "venue": "enterprise", "format": "lecture", "participants": 40}
        for i, code in enumerate((FEIXI.code, WANZHI.code))]})
    done = intake(bound(ledger, FEIXI.code))
    assert done.ok and done.counts.new == 1
    assert [(p.row, p.column) for p in done.problems] == [(3, "单位代码")]
    with session_scope(both) as session:
        assert session.exec(select(LedgerEntry.unit_code)).all() == [FEIXI.code]
