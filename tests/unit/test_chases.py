"""Phase-1 chases: the recommendation deadline (2026-05-12) and the preparation gate (06-30)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from models.chases import (
    PREPARATION_GATE_RULE,
    RECOMMENDATION_RULE,
    determine_gate_chases,
    determine_submission_chases,
)
from models.facts import SlotFacts
from models.findings import Finding, audience_tag
from models.gates import preparation_gate
from tests.unit.factories import (
    d,
    empty_slot,
    filed_slot,
    programme_config,
    ready_slot,
    returned_slot,
    submitted_slot,
    work_calendar,
)

AFTER_DEADLINE = dt.date(2026, 5, 13)


def submission_chases(slots: list[SlotFacts], as_of: dt.date) -> list[Finding]:
    return determine_submission_chases(slots, programme_config(), work_calendar(), as_of)


def gate_chases(slots: list[SlotFacts], as_of: dt.date) -> list[Finding]:
    deadline = programme_config().deadlines.recommendation
    gates = {s.city_code: preparation_gate(s, deadline) for s in slots}
    return determine_gate_chases(slots, gates, programme_config(), work_calendar(), as_of)


def keys(findings: list[Finding]) -> list[str]:
    return [f.key(2026) for f in findings]


def test_a_city_with_nothing_submitted_is_chased_to_city_and_province_after_the_deadline() -> None:
    findings = submission_chases([empty_slot()], AFTER_DEADLINE)
    assert [f.audience for f in findings] == ["city-340100", "province"]
    for finding in findings:
        assert finding.rule == RECOMMENDATION_RULE
        assert finding.subject == "340100"
        assert finding.rung == 2
        assert finding.urgent
        assert finding.template == "recommendation_deadline"
        assert finding.evidence_date == AFTER_DEADLINE
        assert finding.context["due"] == "2026-05-12"
        assert finding.context["workdays_left"] == -1
        assert finding.context["lacking"] == ["推荐表（附件1）", "工作方案（附件2）"]


def test_a_city_that_submitted_is_not_chased() -> None:
    assert submission_chases([submitted_slot()], AFTER_DEADLINE) == []


def test_a_city_missing_only_the_work_plan_is_told_exactly_that() -> None:
    (city, _) = submission_chases([submitted_slot(work_plan=False)], AFTER_DEADLINE)
    assert city.context["lacking"] == ["工作方案（附件2）"]
    assert city.context["unit_name"] == "肥西县"


@pytest.mark.parametrize(
    "as_of, rung, audiences, left",
    [
        ("2026-05-05", None, [], None),
        ("2026-05-06", 0, ["city-340100"], 5),
        ("2026-05-11", 1, ["city-340100"], 1),
        ("2026-05-13", 2, ["city-340100", "province"], -1),
        ("2026-05-20", 3, ["province"], -6),
    ],
)
def test_the_submission_chase_climbs_the_ladder(
    as_of: str, rung: int | None, audiences: list[str], left: int | None
) -> None:
    findings = submission_chases([empty_slot()], d(as_of))
    assert [f.audience for f in findings] == audiences
    assert {f.rung for f in findings} == ({rung} if rung is not None else set())
    assert {f.context["workdays_left"] for f in findings} == ({left} if findings else set())


def test_only_cities_without_materials_are_chased() -> None:
    slots = [
        empty_slot("340100", "合肥市"),
        submitted_slot(city_code="340200", city_name="芜湖市", unit_code="340209"),
        submitted_slot(city_code="340300", city_name="蚌埠市", unit_code="340321",
                       work_plan=False),
    ]
    findings = submission_chases(slots, AFTER_DEADLINE)
    assert sorted({f.subject for f in findings}) == ["340100", "340300"]
    assert "city-340200" not in {f.audience for f in findings}


def test_idempotency_keys_are_distinct_per_audience_and_stable_across_calls() -> None:
    slots = [empty_slot("340100", "合肥市"), empty_slot("340200", "芜湖市")]
    first = keys(submission_chases(slots, AFTER_DEADLINE))
    second = keys(submission_chases(slots, AFTER_DEADLINE))
    assert first == second
    assert len(set(first)) == len(first) == 4
    assert "2026:recommendation_deadline:340100:2:2026:city-340100" in first
    assert "2026:recommendation_deadline:340100:2:2026:province" in first


def test_a_later_tick_on_the_same_rung_repeats_the_same_keys() -> None:
    on_the_day = keys(submission_chases([empty_slot()], AFTER_DEADLINE))
    days_later = keys(submission_chases([empty_slot()], d("2026-05-18")))
    assert on_the_day == days_later


def test_the_next_rung_gets_new_keys() -> None:
    before = set(keys(submission_chases([empty_slot()], d("2026-05-11"))))
    after = set(keys(submission_chases([empty_slot()], AFTER_DEADLINE)))
    assert before.isdisjoint(after)


@pytest.mark.parametrize(
    "audience, unit_code, tag",
    [
        ("city", "340123", "city-340100"),
        ("unit", "340123", "unit-340123"),
        ("unit", None, "city-340100"),
        ("province", "340123", "province"),
        ("evaluator", None, "evaluator"),
    ],
)
def test_audience_tags(audience: str, unit_code: str | None, tag: str) -> None:
    assert audience_tag(audience, "340100", unit_code) == tag


GATE_AFTER_DEADLINE = d("2026-07-01")


@pytest.mark.parametrize(
    "slot, chased",
    [
        (empty_slot(), False),
        (submitted_slot(), False),
        (returned_slot(), False),
        (filed_slot(), True),
        (ready_slot(team_size=2), True),
        (ready_slot(), False),
    ],
    ids=["nothing", "submitted_not_filed", "returned", "filed_unmet", "team_of_two", "ready"],
)
def test_gate_chases_only_filed_units_whose_gate_is_unmet(slot: SlotFacts, chased: bool) -> None:
    findings = gate_chases([slot], GATE_AFTER_DEADLINE)
    assert bool(findings) is chased


def test_a_filed_unit_past_the_gate_deadline_is_chased_to_unit_city_and_province() -> None:
    findings = gate_chases([filed_slot()], GATE_AFTER_DEADLINE)
    assert [f.audience for f in findings] == ["unit-340123", "city-340100", "province"]
    finding = findings[0]
    assert finding.rule == PREPARATION_GATE_RULE
    assert finding.subject == "340123"
    assert finding.rung == 2
    assert finding.urgent
    assert finding.template == "preparation_gate"
    assert finding.context["workdays_left"] == -1
    assert "服务合同已签订：未登记服务合同" in finding.context["missing"]
    assert not any(m.startswith("省总工会审核备案") for m in finding.context["missing"])


@pytest.mark.parametrize(
    "as_of, rung, audiences",
    [
        ("2026-06-12", None, []),
        ("2026-06-15", 0, ["unit-340123"]),
        ("2026-06-25", 1, ["unit-340123", "city-340100"]),
        ("2026-06-30", 1, ["unit-340123", "city-340100"]),
    ],
)
def test_the_gate_chase_climbs_its_own_ladder(
    as_of: str, rung: int | None, audiences: list[str]
) -> None:
    findings = gate_chases([filed_slot()], d(as_of))
    assert [f.audience for f in findings] == audiences
    assert {f.rung for f in findings} == ({rung} if rung is not None else set())


def test_no_gate_chase_once_the_gate_is_met() -> None:
    late_ready = ready_slot(d("2026-07-03"))
    no_contract_yet = replace(late_ready, contract=None)
    (unit, *_) = gate_chases([no_contract_yet], d("2026-07-02"))
    assert unit.context["missing"] == ["服务合同已签订：未登记服务合同"]
    assert gate_chases([late_ready], d("2026-07-03")) == []


def test_gate_chase_keys_are_distinct_per_audience() -> None:
    found = keys(gate_chases([filed_slot()], GATE_AFTER_DEADLINE))
    assert len(set(found)) == 3
    assert all(k.startswith("2026:preparation_gate_deadline:340123:2:2026:") for k in found)
