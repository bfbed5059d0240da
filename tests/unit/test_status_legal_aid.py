"""法律援助补贴 in `status`: qualifying cases per unit, amounts only at the province's configured rates."""

from __future__ import annotations

from rich.console import Console

from config.programme import AidRate
from flows.console import status_table
from models.legal_aid import PENDING, aid_by_unit
from models.status import evaluate_slots, status_document
from tests.unit.factories import UNIT_CODE, d, empty_slot, programme_config, ready_slot, work_calendar

AS_OF = d("2026-09-01")
COUNTS = {UNIT_CODE: {"mediation": 7, "arbitration": 1, "consultation": 12}}
RATES = (AidRate(service="mediation", stage="超出基本服务的协商调解", yuan=500),
         AidRate(service="arbitration", stage="劳动仲裁代理", yuan=2000),
         AidRate(service="litigation", stage="诉讼代理", yuan=3000))


def _document(cfg=None, counts=COUNTS) -> dict:
    cfg = cfg or programme_config()
    slots = [empty_slot("340200", "芜湖市"), ready_slot(d("2026-06-10"))]
    aid = aid_by_unit([UNIT_CODE], counts, cfg.quotas.mediation_base.target, cfg.legal_aid_rates)
    return status_document(evaluate_slots(slots, cfg, work_calendar(), AS_OF), cfg, cfg.config_hash(),
                           AS_OF, aid)


def _printed(doc: dict) -> str:
    out = Console(width=240, record=True)
    out.print(status_table(doc))
    return out.export_text()


def test_a_recommended_unit_shows_its_qualifying_cases_without_amounts_until_rates_are_entered():
    unrecommended, unit = _document()["units"]
    assert unrecommended["legal_aid"] is None
    aid = unit["legal_aid"]
    assert aid["cases"] == 3 and not aid["priced"] and aid["total_fen"] is None
    assert [line["count"] for line in aid["lines"]] == [2, 1, 0]
    printed = _printed(_document())
    assert "3 件（超额调解 2、仲裁 1、诉讼 0）" in printed and PENDING in printed and "元" not in printed


def test_once_the_rates_are_entered_status_shows_the_amount():
    cfg = programme_config().model_copy(update={"legal_aid_rates": RATES})
    doc = _document(cfg)
    assert doc["units"][1]["legal_aid"]["total_fen"] == (2 * 500 + 2000) * 100
    printed = _printed(doc)
    assert "3 件（超额调解 2、仲裁 1、诉讼 0），3,000.00 元" in printed and PENDING not in printed


def test_a_unit_without_legal_aid_rows_shows_zero_cases():
    aid = _document(counts={})["units"][1]["legal_aid"]
    assert aid["cases"] == 0 and "0 件（超额调解 0、仲裁 0、诉讼 0）" in _printed(_document(counts={}))
