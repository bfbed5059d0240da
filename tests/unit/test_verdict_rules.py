"""What may be recorded as a verdict or a re-check, decided without a database or a clock."""

from __future__ import annotations

import datetime as dt

import pytest

from models.enums import RecheckState, VerdictKind
from models.status import UnitStatus, evaluate_slots
from models.verdict_rules import (
    failed_recheck_notes,
    history_problem,
    option_problems,
    phase_problem,
    recheck_notes,
    recheck_problems,
    superseded,
    verdict_kind,
)
from models.verdicts import VerdictFact, recheck_state
from tests.unit.factories import d, filed_slot, programme_config, ready_slot, work_calendar

UNIT = "340123"
ON, DUE = d("2027-05-20"), d("2027-06-30")
EVALUATION_START = programme_config().phases.evaluation.start


def _status(slot, as_of: dt.date) -> UnitStatus:
    [st] = evaluate_slots([slot], programme_config(), work_calendar(), as_of)
    return st


def _fact(verdict: str = "rectify", decided: dt.date = ON, due: dt.date | None = DUE, **extra) -> VerdictFact:
    return VerdictFact(7, UNIT, verdict, decided, "省总工会 李评审", due, "台账不全", **extra)


def _reasons(problems) -> list[str]:
    return [p.reason for p in problems]


def test_verdict_kinds_are_the_three_codes_and_nothing_else() -> None:
    assert [verdict_kind(t) for t in ("promote", "pass", "rectify")] == list(VerdictKind)
    assert verdict_kind("推广") is None and verdict_kind("Pass") is None


def test_a_rectification_needs_a_due_date_after_the_decision() -> None:
    [no_due] = option_problems("rectify", ON, None, "李评审")
    assert (no_due.reason, no_due.hint) == ("整改须给出整改期限", "（--due YYYY-MM-DD）")
    assert _reasons(option_problems("rectify", ON, ON, "李评审")) == [f"整改期限须晚于决定日期 {ON}"]
    assert option_problems("rectify", ON, DUE, "李评审") == []


def test_promote_and_pass_take_no_due_date_and_every_verdict_names_its_decider() -> None:
    assert _reasons(option_problems("pass", ON, DUE, " ")) == ["推广、合格不设整改期限", "须填写评定人"]
    assert option_problems("promote", ON, None, "李评审") == []
    [unknown] = option_problems("excellent", ON, None, "李评审")
    assert unknown.file == "--verdict excellent" and "rectify（整改）" in unknown.reason


def test_a_gate_overdue_unit_can_be_ordered_to_rectify_but_not_promoted_or_passed() -> None:
    day = EVALUATION_START + dt.timedelta(days=3)
    overdue = _status(filed_slot(), day)
    assert overdue.phase.gate_overdue
    assert phase_problem(overdue, UNIT, EVALUATION_START, day, "rectify") is None
    for verdict in ("promote", "pass"):
        problem = phase_problem(overdue, UNIT, EVALUATION_START, day, verdict)
        assert problem is not None and problem.file == f"--verdict {verdict}"
        assert "未通过筹备部署关口（缺：合规遴选结果、采购公告" in problem.reason
        assert "不能评定为推广或合格" in problem.reason


def test_before_the_evaluation_an_unmet_gate_is_named_plainly() -> None:
    day = d("2026-06-15")
    problem = phase_problem(_status(filed_slot(), day), UNIT, EVALUATION_START, day, "rectify")
    assert problem is not None and "未通过筹备部署关口（缺：合规遴选结果" in problem.reason


def test_a_unit_through_the_gate_is_judged_only_from_the_evaluation_start() -> None:
    slot = ready_slot(d("2026-06-10"))
    early = EVALUATION_START - dt.timedelta(days=1)
    problem = phase_problem(_status(slot, early), UNIT, EVALUATION_START, early)
    assert problem is not None and f"总结评估自 {EVALUATION_START} 起" in problem.reason
    assert phase_problem(_status(slot, EVALUATION_START), UNIT, EVALUATION_START, EVALUATION_START) is None
    assert "尚未被推荐" in phase_problem(None, UNIT, EVALUATION_START, ON).reason


def test_a_verdict_cannot_precede_the_latest_nor_follow_an_open_rectification() -> None:
    earlier = ON - dt.timedelta(days=1)
    assert "早于该单位已记录的评定" in history_problem(_fact(decided=ON), "pass", earlier).reason
    assert "有待复查的整改（期限 2027-06-30）" in history_problem(_fact(), "pass", ON).reason
    closed = _fact(rechecked_on=DUE, rechecked_by="王", recheck_passed=False)
    assert history_problem(closed, "rectify", DUE) is None


def test_the_standing_promote_or_pass_is_not_recorded_twice_but_another_kind_may_follow() -> None:
    passed = _fact("pass", due=None)
    assert "已于 2027-05-20 评定为“合格”，未重复记录" in history_problem(passed, "pass", ON).reason
    assert history_problem(passed, "promote", ON) is None
    assert history_problem(None, "pass", ON) is None


def test_a_recheck_needs_an_open_rectification_decided_by_its_date() -> None:
    assert _reasons(recheck_problems(None, UNIT, True, DUE, None, "王")) == ["没有待复查的整改"]
    passed = _fact("pass", due=None)
    assert _reasons(recheck_problems(passed, UNIT, True, DUE, None, "王")) == ["没有待复查的整改"]
    early = ON - dt.timedelta(days=1)
    assert _reasons(recheck_problems(_fact(), UNIT, True, early, None, "王")) == [f"早于整改决定日期 {ON}"]
    assert recheck_problems(_fact(), UNIT, True, DUE, None, "王") == []


@pytest.mark.parametrize(("passed", "due", "reasons"), [
    (True, d("2027-07-31"), ["复查通过不设新的整改期限"]),
    (False, None, ["复查未通过须给出新的整改期限"]),
    (False, DUE, [f"新的整改期限须晚于复查日期 {DUE}"]),
    (False, d("2027-07-31"), []),
])
def test_a_failed_recheck_needs_a_new_due_date_after_it_and_a_passed_one_none(passed, due, reasons) -> None:
    assert _reasons(recheck_problems(_fact(), UNIT, passed, DUE, due, "王")) == reasons


def test_recheck_notes_are_appended_and_a_failed_one_opens_a_rectification_with_its_own() -> None:
    assert recheck_notes("台账不全", DUE, " 已补齐 ") == f"台账不全；复查（{DUE}）：已补齐"
    assert recheck_notes("台账不全", DUE, "  ") == "台账不全"
    assert failed_recheck_notes("") == "复查未通过，继续整改"
    assert failed_recheck_notes("仍缺合同") == "复查未通过，继续整改；仍缺合同"


def test_the_audit_names_what_a_new_verdict_supersedes() -> None:
    assert superseded(_fact()) == {"id": 7, "verdict": "rectify", "decided_on": "2027-05-20"}
    assert superseded(None) is None


def test_recheck_states_are_typed_and_keep_their_stored_strings() -> None:
    assert recheck_state(_fact(), DUE) is RecheckState.open
    assert recheck_state(_fact(), DUE + dt.timedelta(days=1)) == "overdue"
    assert recheck_state(_fact("pass", due=None), DUE) == ""
