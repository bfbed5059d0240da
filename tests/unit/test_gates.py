"""The preparation gate: every criterion met with evidence, or unmet with what is missing."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from models.enums import ARCHIVE_LABELS, ArchiveKind
from models.facts import ContractFact, Duty, Selection, SlotFacts
from models.gates import Criterion, GateResult, preparation_gate
from tests.unit.factories import (
    ALL_ARCHIVE_KINDS,
    FILED_ON,
    READY_ON,
    d,
    empty_slot,
    evidence,
    filed_slot,
    ready_slot,
    resubmitted_slot,
    returned_slot,
    submitted_slot,
    team,
)

DEADLINE = dt.date(2026, 5, 12)
CRITERIA = (
    "materials_submitted", "filed", "compliant_method", "archive_complete",
    "team", "duty_schedule", "contract_signed", "task_list",
)


def criterion(slot: SlotFacts, code: str) -> Criterion:
    (found,) = [c for c in preparation_gate(slot, DEADLINE).criteria if c.code == code]
    return found


def without_archive(*kinds: ArchiveKind) -> SlotFacts:
    return ready_slot(archive_kinds=tuple(k for k in ALL_ARCHIVE_KINDS if k not in kinds))


UNMET = [
    # (case, slot, criterion, pieces the `missing` text must contain, pieces it must not)
    ("nothing submitted", empty_slot(), "materials_submitted",
     ["未收到", "推荐表（附件1）", "工作方案（附件2）", "截止 2026-05-12"], []),
    ("no work plan", submitted_slot(work_plan=False), "materials_submitted",
     ["工作方案（附件2）"], ["推荐表"]),
    ("no recommendation form", submitted_slot(recommendation=False), "materials_submitted",
     ["推荐表（附件1）"], ["工作方案"]),
    ("returned", returned_slot(reason="工作方案超过1500字"), "materials_submitted",
     ["已退回", "工作方案超过1500字", "待市总工会重新报送"], []),
    ("not yet reviewed", submitted_slot(), "filed", ["待省总工会审核备案"], []),
    ("returned", returned_slot(), "filed", ["材料被退回", "重新报送"], []),
    ("no selection", filed_slot(), "compliant_method",
     ["未登记遴选结果", "比价", "议标", "竞争性谈判", "询价比选"], []),
    ("direct award", ready_slot(method="direct_award"), "compliant_method",
     ["direct_award", "不在合规方式之列"], []),
    ("no archive", filed_slot(), "archive_complete",
     ["缺少：", *ARCHIVE_LABELS.values()], []),
    ("award notice missing", without_archive(ArchiveKind.award_notice), "archive_complete",
     ["中标公示"], ["采购公告", "服务合同", "过程沟通记录"]),
    ("contract and log missing",
     without_archive(ArchiveKind.service_contract, ArchiveKind.communication_log),
     "archive_complete", ["服务合同、过程沟通记录"], ["中标公示", "评审记录"]),
    ("no team", filed_slot(), "team", ["团队现有 0 人", "至少需 3 人"], []),
    ("team of two", ready_slot(team_size=2), "team", ["团队现有 2 人", "至少需 3 人"], []),
    ("no duty schedule", filed_slot(), "duty_schedule", ["未登记坐班安排"], []),
    ("no contract", filed_slot(), "contract_signed", ["未登记服务合同"], []),
    ("no task list", filed_slot(), "task_list", ["未登记任务清单"], []),
]


@pytest.mark.parametrize(
    "slot, code, present, absent",
    [row[1:] for row in UNMET],
    ids=[f"{row[2]}-{row[0]}" for row in UNMET],
)
def test_an_unmet_criterion_says_what_is_missing(
    slot: SlotFacts, code: str, present: list[str], absent: list[str]
) -> None:
    found = criterion(slot, code)
    assert not found.met
    assert found.met_on is None
    for piece in present:
        assert piece in found.missing
    for piece in absent:
        assert piece not in found.missing


MET = [
    # (criterion, evidence description piece, met_on)
    ("materials_submitted", "推荐表（附件1）", d("2026-05-21")),
    ("filed", "审核通过并备案", d("2026-05-26")),
    ("compliant_method", "比价，中选：安徽某某律师事务所", d("2026-06-05")),
    ("archive_complete", "award_notice", d("2026-06-05")),
    ("team", "律师：成员1", d("2026-06-05")),
    ("duty_schedule", "工作日轮流坐班", d("2026-06-05")),
    ("contract_signed", "金额 50,000.00 元", READY_ON),
    ("task_list", "法治宣传教育 10 场", d("2026-06-05")),
]


@pytest.mark.parametrize("code, piece, met_on", MET, ids=[row[0] for row in MET])
def test_a_met_criterion_carries_its_evidence_and_date(
    code: str, piece: str, met_on: dt.date
) -> None:
    found = criterion(ready_slot(), code)
    assert found.met
    assert found.missing == ""
    assert found.met_on == met_on
    assert any(piece in e.description for e in found.evidence)


def test_the_gate_lists_all_eight_criteria_in_order() -> None:
    gate = preparation_gate(empty_slot(), DEADLINE)
    assert gate.gate == "preparation"
    assert tuple(c.code for c in gate.criteria) == CRITERIA
    assert gate.unmet == list(CRITERIA)


def test_a_fully_ready_unit_meets_the_gate() -> None:
    gate = preparation_gate(ready_slot(), DEADLINE)
    assert gate.met
    assert gate.unmet == []


def test_a_team_of_two_does_not_meet_the_gate() -> None:
    gate = preparation_gate(ready_slot(team_size=2), DEADLINE)
    assert not gate.met
    assert gate.unmet == ["team"]
    assert gate.met_on is None


@pytest.mark.parametrize("size, met", [(0, False), (2, False), (3, True), (5, True)])
def test_the_team_criterion_needs_at_least_three_people(size: int, met: bool) -> None:
    found = criterion(ready_slot(team_size=size), "team")
    assert found.met is met
    assert len(found.evidence) == size


@pytest.mark.parametrize(
    "method, label",
    [
        ("price_comparison", "比价"),
        ("negotiated_bid", "议标"),
        ("competitive_negotiation", "竞争性谈判"),
        ("inquiry_selection", "询价比选"),
    ],
)
def test_each_compliant_method_meets_the_criterion_with_its_label(
    method: str, label: str
) -> None:
    found = criterion(ready_slot(method=method), "compliant_method")
    assert found.met
    assert found.evidence[0].description.startswith(f"{label}，")
    assert found.evidence[0].sha256 == "d" * 64


def test_the_selection_evidence_keeps_file_and_hash() -> None:
    slot = replace(filed_slot(), selection=Selection("negotiated_bid", d("2026-06-01"), "某所",
                                                     "sel.pdf", "e" * 64))
    (ev,) = criterion(slot, "compliant_method").evidence
    assert (ev.file, ev.sha256, ev.date) == ("sel.pdf", "e" * 64, d("2026-06-01"))


@pytest.mark.parametrize("kind", list(ArchiveKind))
def test_each_missing_archive_kind_is_named_in_chinese(kind: ArchiveKind) -> None:
    found = criterion(without_archive(kind), "archive_complete")
    assert not found.met
    assert found.missing == f"缺少：{ARCHIVE_LABELS[kind]}"
    assert len(found.evidence) == 6


def test_fixed_weekday_duty_names_the_weekdays() -> None:
    slot = ready_slot(duty=Duty("fixed_weekdays", "二、四", d("2026-06-01")))
    (ev,) = criterion(slot, "duty_schedule").evidence
    assert ev.description == "每周固定坐班：周二、四"


def test_the_contract_amount_is_shown_in_yuan() -> None:
    slot = replace(filed_slot(), contract=ContractFact(d("2026-06-02"), 6_250_050, "某所"))
    (ev,) = criterion(slot, "contract_signed").evidence
    assert ev.description == "与某所签订，金额 62,500.50 元"


@pytest.mark.parametrize(
    "resubmitted_on, met",
    [
        (FILED_ON - dt.timedelta(days=1), False),
        (FILED_ON, False),
        (FILED_ON + dt.timedelta(days=1), True),
        (FILED_ON + dt.timedelta(days=10), True),
    ],
    ids=["before_return", "on_return_day", "day_after", "ten_days_after"],
)
def test_a_returned_filing_leaves_materials_unmet_until_resubmitted_after_the_return(
    resubmitted_on: dt.date, met: bool
) -> None:
    slot = resubmitted_slot(resubmitted_on, returned_on=FILED_ON)
    found = criterion(slot, "materials_submitted")
    assert found.met is met
    assert found.met_on == (resubmitted_on if met else None)


def test_a_returned_filing_is_not_filed_even_after_resubmission() -> None:
    found = criterion(resubmitted_slot(FILED_ON + dt.timedelta(days=3)), "filed")
    assert not found.met
    assert found.evidence[0].description.startswith("退回：")
    assert found.evidence[0].by == "省总工会权益保障部"


@pytest.mark.parametrize(
    "last, change",
    [
        ("contract_signed", lambda s: s),
        ("team", lambda s: replace(s, team=[*s.team, *team(1, d("2026-06-20"))])),
        ("archive_complete", lambda s: replace(s, archive={
            **s.archive, "minutes": evidence("minutes", d("2026-06-22"))})),
        ("task_list", lambda s: replace(s, task_items=[
            *s.task_items, evidence("企业用工体检 3 家", d("2026-06-25"))])),
        ("duty_schedule", lambda s: replace(s, duty=Duty("rotation", "", d("2026-06-18")))),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_the_gate_is_met_on_the_latest_criterion_date(last: str, change) -> None:
    gate = preparation_gate(change(ready_slot()), DEADLINE)
    assert gate.met
    latest = max(c.met_on for c in gate.criteria)
    assert gate.met_on == latest
    assert criterion(change(ready_slot()), last).met_on == latest


def test_an_unmet_gate_has_no_met_on_date() -> None:
    assert preparation_gate(filed_slot(), DEADLINE).met_on is None


def test_a_criterion_serialises_with_its_evidence() -> None:
    gate = GateResult("preparation", preparation_gate(ready_slot(), DEADLINE).criteria)
    data = gate.criteria[0].as_dict()
    assert data["code"] == "materials_submitted"
    assert data["met"] is True
    assert data["missing"] is None
    assert data["evidence"][0]["file"] == "rec.xlsx"
    assert data["evidence"][1]["by"] is None
