"""The evaluation rubric: each component's curve, the weighted total, and the suggested verdict.

Weights of the shipped 2026 config: completion 0.35, fund_use 0.15, effect 0.2, archive 0.1,
oversight 0.1, timeliness 0.1 (completion's own parts: tests/unit/test_rubric_parts.py).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from config.programme import Rubric
from models.effect import EffectAssessment
from models.fund_use import FundUse, Payment, assess_fund_use
from models.rubric import (
    DatedDuty,
    QuotaCount,
    RubricInputs,
    TaskTarget,
    archive_score,
    completion_score,
    oversight_score,
    score_unit,
    suggest,
    timeliness_score,
)
from models.supervision import Case
from tests.unit.factories import d, programme_config

SUBSIDY = 5_000_000
AS_OF = d("2027-05-20")
YEAR = (d("2026-04-01"), d("2027-05-31"))


def spent(fen: int) -> FundUse:
    """One vouchered legal-service payment of `fen`."""
    return assess_fund_use((Payment(d("2026-07-01"), fen, "法律服务费（一次付清）", "PZ-1"),), SUBSIDY, YEAR)


def rubric() -> Rubric:
    return programme_config().rubric


def quotas(*pairs: tuple[int, int]) -> tuple[QuotaCount, ...]:
    return tuple(QuotaCount(f"配额{n}", "件", count, target) for n, (count, target) in enumerate(pairs))


VENUES = ("进企业", "进园区", "进社区", "进工地", "进校园")
COUNTS = {"publicity": 12, "labour_supervision": 10, "collective_bargaining": 1, "legality_review": 2}


def replied_case(no: str = "JD-1") -> Case:
    return Case("340123", no, "某公司", {"opinion": d("2026-09-01")}, d("2026-09-15"), d("2026-09-10"))


def assessed(effect: float = 100.0) -> EffectAssessment:
    return EffectAssessment("340123", effect, "职工知晓率高，企业整改到位", d("2027-05-18"), "省总工会评估组",
                            ("site_visit", "interview"))


def perfect() -> RubricInputs:
    """A unit that did everything: every component scores 100."""
    return RubricInputs(
        "340123", "肥西县", "合肥市", AS_OF, quotas((12, 10), (10, 10), (5, 5)), spent(SUBSIDY),
        (), 7, 4, 4,
        (DatedDuty("推荐材料", d("2026-05-12"), d("2026-05-08")),
         DatedDuty("工作总结", d("2027-05-14"), d("2027-05-10"))),
        VENUES, (), (replied_case(),), (TaskTarget("publicity", "普法宣传 10 场", 10),), COUNTS, assessed())


@pytest.mark.parametrize("pairs, score", [
    (((10, 10), (10, 10), (5, 5)), 100.0),
    (((20, 10), (0, 10), (5, 5)), 200 / 3),      # a surplus in one quota does not make up another
    (((5, 10), (5, 10), (0, 5)), 100 / 3),
    (((0, 0), (0, 10), (0, 5)), 100 / 3),          # a target of 0 is complete
], ids=["all_met", "capped_at_one", "halves_and_nothing", "zero_target"])
def test_completion_averages_each_quota_capped_at_its_target(pairs, score) -> None:
    got, reason = completion_score(quotas(*pairs))
    assert got == pytest.approx(score)
    assert "配额0" in reason and "件" in reason


def test_archive_counts_kinds_present_of_seven_and_names_the_missing() -> None:
    assert archive_score((), 7) == (100.0, "采购档案 7/7 类，齐全")
    score, reason = archive_score(("过程沟通记录", "中标公示"), 7)
    assert score == pytest.approx(500 / 7) and reason == "采购档案 5/7 类，缺：过程沟通记录、中标公示"


@pytest.mark.parametrize("kept, owed, score", [(4, 4, 100.0), (3, 4, 75.0), (0, 4, 0.0), (0, 0, 0.0),
                                               (2, 0, 100.0)])
def test_oversight_is_kept_over_owed_and_no_visit_recorded_earns_nothing(kept, owed, score) -> None:
    got, reason = oversight_score(kept, owed)
    assert got == score
    assert ("尚无市总工会实地督导记录，不计分" in reason) == (kept == 0)


def test_timeliness_scores_on_time_late_and_overdue_and_leaves_out_what_is_not_due() -> None:
    duties = (DatedDuty("推荐材料", d("2026-05-12"), d("2026-05-12")),
              DatedDuty("筹备部署关口", d("2026-06-30"), d("2026-07-05")),
              DatedDuty("工作总结", d("2027-05-14"), None),
              DatedDuty("成果报告", d("2027-06-14"), None))
    score, reason = timeliness_score(duties, d("2027-05-20"))
    assert score == pytest.approx((100 + 50 + 0) / 3)
    assert "推荐材料按期" in reason and "筹备部署关口逾期 5 天" in reason
    assert "工作总结逾期未完成" in reason and "成果报告未到期" in reason
    assert timeliness_score(duties[2:], d("2027-05-01"))[0] == 100.0


def test_a_duty_done_after_as_of_is_not_yet_known() -> None:
    duty = DatedDuty("工作总结", d("2027-05-14"), d("2027-05-12"))
    assert timeliness_score((duty,), d("2027-05-11"))[0] == 100.0  # not due yet, left out
    assert timeliness_score((duty,), d("2027-05-15"))[0] == 100.0
    assert timeliness_score((replace(duty, done_on=d("2027-05-16")),), d("2027-05-15"))[0] == 0.0


@pytest.mark.parametrize("total, verdict", [
    (100.0, "promote"), (90.0, "promote"), (89.9, "pass"), (60.0, "pass"), (59.9, "rectify"),
    (0.0, "rectify"),
])
def test_the_suggestion_follows_promote_at_and_pass_at(total, verdict) -> None:
    assert (rubric().promote_at, rubric().pass_at) == (90, 60)
    assert suggest(total, rubric()) == verdict


def test_a_perfect_unit_scores_100_and_is_suggested_for_promotion() -> None:
    score = score_unit(perfect(), rubric())
    assert score.total == 100.0 and score.suggested == "promote" and score.suggested_label == "推广"
    codes = [c.code for c in score.components]
    assert codes == ["completion", "fund_use", "effect", "archive", "oversight", "timeliness"]
    assert all(c.score == 100.0 and c.reason for c in score.components)
    assert not score.provisional and score.note == ""


def test_the_total_is_the_weighted_sum_of_the_components() -> None:
    # quotas part 60 → completion 0.5 × 60 + 0.5 × 100 = 80 (×0.35 = 28), fund use 100 (15),
    # effect 100 (20), archive 0 (0), oversight 50 (5), timeliness 100 (10)
    inputs = replace(perfect(), quotas=quotas((6, 10)), archive_missing=tuple("一二三四五六七"),
                     periods_kept=2, periods_owed=4)
    score = score_unit(inputs, rubric())
    assert score.total == 78.0 and score.suggested == "pass"
    weighted = {c.code: c.as_dict()["weighted"] for c in score.components}
    assert weighted == {"completion": 28.0, "fund_use": 15.0, "effect": 20.0, "archive": 0.0,
                        "oversight": 5.0, "timeliness": 10.0}


@pytest.mark.parametrize("periods_kept, suggested", [(4, "promote"), (3, "pass")])
def test_exactly_at_promote_at_is_promotion_and_just_below_is_not(periods_kept, suggested) -> None:
    # everything 100 but the archive (0 × 0.1) → 90; oversight 3/4 takes 2.5 more
    inputs = replace(perfect(), archive_missing=tuple("一二三四五六七"), periods_kept=periods_kept,
                     periods_owed=4)
    score = score_unit(inputs, rubric())
    assert score.total == {4: 90.0, 3: 87.5}[periods_kept]
    assert score.suggested == suggested


def test_spending_above_the_subsidy_costs_nothing_and_is_shown_as_the_units_own_money() -> None:
    base = replace(perfect(), quotas=quotas((6, 10)), periods_kept=0, periods_owed=4)
    assert score_unit(base, rubric()).total == 83.0
    over = score_unit(replace(base, fund_use=spent(SUBSIDY * 3 // 2)), rubric())
    assert over.total == 83.0
    assert "单位自筹 25,000.00 元" in next(c.reason for c in over.components if c.code == "fund_use")


def test_as_dict_is_plain_json() -> None:
    doc = score_unit(perfect(), rubric()).as_dict()
    assert doc["unit_code"] == "340123" and doc["suggested_label"] == "推广"
    first = doc["components"][0]
    assert {k: first[k] for k in ("code", "label", "weight", "score", "weighted", "pending")} == {
        "code": "completion", "label": "完成情况", "weight": 0.35, "score": 100.0, "weighted": 35.0,
        "pending": False}
    assert [p["code"] for p in first["parts"]] == ["quotas", "venues", "cases", "task_list", "other_kinds"]
    assert all(p["reason"] for p in first["parts"]) and doc["provisional"] is False
