"""The province's review (审核、备案) decided without a database: which decision may be taken."""

from __future__ import annotations

import datetime as dt

from models.enums import Decision
from models.errors import said, shown
from models.review_rules import RETURN_RULE, return_finding, review_decision, review_problem
from models.tables import GateDecision, Recommendation
from tests.unit.factories import d

UNIT, ON = "340123", d("2026-05-10")


def _decision(decision: str, on: dt.date = ON) -> GateDecision:
    return GateDecision(programme_id=1, unit_code=UNIT, gate="filing", decision=decision, decided_on=on,
                        decided_at=dt.datetime(2026, 5, 10, 9), decided_by="王审核")


def test_only_approve_and_return_are_review_decisions() -> None:
    assert review_decision("approve") is Decision.approve and review_decision("return") is Decision.return_
    assert review_decision("passed") is None
    assert "不是“passed”" in said(review_problem("passed", "", True, None, ON, UNIT))


def test_a_return_needs_a_reason_and_an_approval_needs_the_work_plan() -> None:
    no_reason = review_problem("return", " ", True, None, ON, UNIT)
    assert said(no_reason) == "退回须说明理由：请加 --reason “…”" and shown(no_reason) == "退回须说明理由"
    assert "尚未收到工作方案" in said(review_problem("approve", "", False, None, ON, UNIT))
    assert review_problem("return", "缺量化指标", False, None, ON, UNIT) is None
    assert review_problem("approve", "", True, None, ON, UNIT) is None


def test_an_approved_unit_is_not_reviewed_again_and_a_review_cannot_be_backdated() -> None:
    approved = _decision("approve")
    again = review_problem("return", "x", True, approved, ON, UNIT)
    assert again is not None and said(again) == f"--unit {UNIT}：已于 2026-05-10 由 王审核 审核备案"
    earlier = ON - dt.timedelta(days=1)
    assert said(review_problem("approve", "", True, _decision("return"), earlier, UNIT)) == \
        f"--on {earlier}：早于上一次审核日期 {ON}"
    assert review_problem("approve", "", True, _decision("return"), ON, UNIT) is None


def test_a_return_tells_the_recommending_city_urgently_one_rung_per_return() -> None:
    rec = Recommendation(programme_id=1, city_code="340100", unit_code=UNIT, unit_name="肥西县总工会",
                         stamped_by="合肥市总工会")
    f = return_finding(rec, "缺量化指标", ON, d("2026-05-15"), 2, 2026)
    assert (f.rule, f.subject, f.rung, f.period, f.audience, f.urgent) == (
        RETURN_RULE, UNIT, 2, "2026", "city-340100", True)
    assert f.context["city_name"] == "合肥市" and f.context["due"] == "2026-05-15"
