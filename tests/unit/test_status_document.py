"""The status document: every slot's gate, phase, submission and quotas as stable JSON."""

from __future__ import annotations

import json

import pytest

from models.status import evaluate_slots, status_document
from tests.unit.factories import (
    d,
    empty_slot,
    filed_slot,
    programme_config,
    ready_slot,
    submitted_slot,
    work_calendar,
)

AS_OF = d("2026-09-01")
UNIT_KEYS = {
    "unit_code", "unit_name", "city_code", "city_name", "phase", "phase_label",
    "phase_since", "submission", "gate", "unmet", "quotas", "venues", "ledger", "gate_overdue", "lacking",
    "legal_aid",
}


@pytest.fixture(scope="module")
def document() -> dict:
    slots = [
        empty_slot("340100", "合肥市"),
        submitted_slot(city_code="340200", city_name="芜湖市", unit_code="340209",
                       unit_name="湾沚区"),
        filed_slot(),
        ready_slot(d("2026-06-10"), quota_counts={"publicity": 2, "labour_supervision": 4}),
    ]
    cfg = programme_config()
    statuses = evaluate_slots(slots, cfg, work_calendar(), AS_OF)
    return status_document(statuses, cfg, cfg.config_hash(), AS_OF)


def unit(document: dict, index: int) -> dict:
    return document["units"][index]


def test_the_document_is_json_serialisable_and_round_trips(document: dict) -> None:
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    assert json.loads(text) == document
    assert "采购档案七类齐全" in text


def test_the_document_names_the_programme_and_its_config_hash(document: dict) -> None:
    assert document["programme"] == {
        "year": 2026,
        "name": programme_config().name,
        "config_hash": programme_config().config_hash(),
    }
    assert document["as_of"] == "2026-09-01"
    assert len(document["units"]) == 4


@pytest.mark.parametrize("index", range(4))
def test_every_unit_has_the_agreed_keys(document: dict, index: int) -> None:
    entry = unit(document, index)
    assert set(entry) == UNIT_KEYS
    assert entry["venues"]["of"] == 5 and entry["venues"]["count"] == len(entry["venues"]["reached"])
    assert len(entry["gate"]["criteria"]) == 8
    for criterion in entry["gate"]["criteria"]:
        assert isinstance(criterion["met"], bool)
        assert isinstance(criterion["evidence"], list)


def test_a_slot_without_a_unit_has_no_unit_code_and_lacks_materials(document: dict) -> None:
    entry = unit(document, 0)
    assert entry["unit_code"] is None
    assert entry["city_code"] == "340100"
    assert "materials_submitted" in entry["unmet"]
    assert entry["phase"] == "preparation"
    assert entry["phase_label"] == "筹备部署"
    assert entry["submission"] == {"status": "missing", "due": "2026-05-12", "received_on": None}
    assert entry["quotas"] == []


def test_a_submitted_unit_is_waiting_for_filing(document: dict) -> None:
    entry = unit(document, 1)
    assert (entry["unit_code"], entry["city_code"]) == ("340209", "340200")
    assert entry["submission"]["status"] == "submitted"
    assert entry["submission"]["received_on"] == "2026-05-08"
    assert entry["unmet"][0] == "filed"
    assert "materials_submitted" not in entry["unmet"]
    materials = entry["gate"]["criteria"][0]
    assert materials["met"] is True
    assert materials["evidence"][0]["sha256"] == "a" * 64


def test_a_filed_unit_shows_the_filing_evidence_and_what_remains(document: dict) -> None:
    entry = unit(document, 2)
    filed = next(c for c in entry["gate"]["criteria"] if c["code"] == "filed")
    assert filed["met"] is True
    assert filed["met_on"] == "2026-05-15"
    assert filed["evidence"][0]["by"] == "省总工会权益保障部"
    assert entry["unmet"] == [
        "compliant_method", "archive_complete", "team", "duty_schedule",
        "contract_signed", "task_list",
    ]
    assert entry["gate"]["met"] is False
    assert entry["gate"]["met_on"] is None


def test_a_ready_unit_is_implementing_with_quota_progress(document: dict) -> None:
    entry = unit(document, 3)
    assert entry["phase"] == "implementation"
    assert entry["phase_since"] == "2026-06-10"
    assert entry["gate"] == {**entry["gate"], "name": "preparation", "met": True,
                             "met_on": "2026-06-10"}
    assert entry["unmet"] == []
    quotas = {q["code"]: q for q in entry["quotas"]}
    assert list(quotas) == ["publicity", "labour_supervision", "mediation_base"]
    # paced from the gate day (2026-06-10): about 2.7 expected, 2 done is less than one item short
    assert (quotas["publicity"]["count"], quotas["publicity"]["expected"]) == (2, 2.7)
    assert quotas["publicity"]["status"] == "on_track"
    assert quotas["labour_supervision"]["status"] == "on_track"
    assert quotas["mediation_base"]["count"] == 0


def test_a_filed_unit_past_the_gate_deadline_is_implementing_overdue_and_says_what_it_lacks(
    document: dict,
) -> None:
    entry = unit(document, 2)
    assert (entry["phase"], entry["phase_label"], entry["phase_since"], entry["gate_overdue"]) == (
        "implementation", "组织实施（筹备逾期）", "2026-05-01", True)
    assert entry["lacking"] == ["合规遴选结果", "采购公告", "报名材料", "评审记录", "比价议标纪要",
                                "中标公示", "服务合同", "过程沟通记录", "服务团队（人数不足）", "坐班安排",
                                "任务清单"]
    assert [q["code"] for q in entry["quotas"]] == ["publicity", "labour_supervision", "mediation_base"]
    ready = unit(document, 3)
    assert (ready["gate_overdue"], ready["lacking"]) == (False, [])
