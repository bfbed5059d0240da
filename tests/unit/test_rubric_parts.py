"""完成情况's parts, 实际成效 and the provisional total, the month-end pace in 按期报送 (rules, no DB)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from config.programme import CompletionParts
from models.rubric import score_unit, timeliness_score, weighted_total
from models.rubric_completion import (
    NO_TASK_LIST,
    PartScore,
    TaskTarget,
    cases_part,
    completion_parts,
    other_kinds_part,
    task_list_part,
    venues_part,
    weighted_mean,
)
from models.rubric_effect import effect_score
from models.supervision import Case
from tests.unit.factories import d
from tests.unit.test_rubric import AS_OF, VENUES, assessed, perfect, quotas, rubric


def case(no: str, *, opinion: str | None = "2027-05-01", due: str | None = "2027-05-15",
         replied: str | None = None, recommendation: str | None = None, complaint: str | None = None) -> Case:
    documents = {name: d(on) for name, on in (("complaint", complaint), ("opinion", opinion),
                                              ("recommendation", recommendation)) if on}
    return Case("340123", no, "", documents, d(due) if due else None, d(replied) if replied else None)


def component(score, code: str):
    return next(c for c in score.components if c.code == code)


def test_venues_part_is_distinct_venues_reached_over_five_and_names_the_missing() -> None:
    score, reason = venues_part(VENUES[:3], VENUES[3:])
    assert score == pytest.approx(60.0)
    assert reason == "覆盖 3/5 类，未覆盖：进工地、进校园"
    assert venues_part(VENUES, ()) == (100.0, "覆盖 5/5 类，全部覆盖")
    assert venues_part((), VENUES)[0] == 0.0


def test_cases_carried_to_a_reply_or_a_recommendation_count_and_an_open_reply_window_is_left_out() -> None:
    cases = (case("A", replied="2027-05-10"),                          # replied: carried
             case("B", due="2027-05-10", recommendation="2027-05-12"),  # 建议书: carried
             case("C", due="2027-05-10"),                               # overdue, no reply: not carried
             case("D", opinion=None, due=None, complaint="2027-05-02"),  # not yet at 意见书: not carried
             case("E", due="2027-05-25"))                               # inside its window: left out
    score, reason = cases_part(cases, AS_OF)
    assert score == pytest.approx(50.0)
    assert reason == "已获答复或制发建议书 2/4 件（1 件在答复期内，不计）"


def test_a_reply_recorded_after_as_of_is_not_known_yet() -> None:
    late = case("A", due="2027-05-25", replied="2027-05-22")
    assert cases_part((late,), AS_OF) == (None, "1 件均在答复期内，暂不计")
    assert cases_part((replace(late, reply_due=d("2027-05-19")),), AS_OF)[0] == 0.0


def test_no_case_scores_nothing_with_the_reason() -> None:
    assert cases_part((), AS_OF) == (0.0, "尚无劳动法律监督案件，不计分")


def test_each_task_target_is_compared_with_its_ledger_count_capped_and_averaged() -> None:
    tasks = (TaskTarget("publicity", "普法宣传", 10), TaskTarget("labour_supervision", "一函两书", 10),
             TaskTarget("employment_health_check", "企业用工体检", 4), TaskTarget("other", "其他", 0))
    counts = {"publicity": 15, "labour_supervision": 5, "employment_health_check": 1}
    score, reason = task_list_part(tasks, counts)
    assert score == pytest.approx(100 * (1 + 0.5 + 0.25) / 3)
    assert reason == "普法宣传 15/10；一函两书 5/10；企业用工体检 1/4；1 项未设数量目标，不计"


def test_no_task_list_scores_nothing_and_a_list_without_targets_cannot_be_checked() -> None:
    assert task_list_part((), {"publicity": 3}) == (0.0, NO_TASK_LIST)
    assert task_list_part((TaskTarget("publicity", "普法", 0),), {"publicity": 3})[0] == 0.0


def test_other_kinds_is_the_share_of_collective_bargaining_and_legality_review_done() -> None:
    assert other_kinds_part({"collective_bargaining": 2, "legality_review": 1})[0] == 100.0
    score, reason = other_kinds_part({"collective_bargaining": 2})
    assert score == 50.0 and reason == "参与集体协商 2 次；合法性审查 0 次，未开展：合法性审查"
    assert other_kinds_part({})[0] == 0.0


def test_completion_is_the_weighted_mean_of_its_parts_by_the_configured_weights() -> None:
    parts = completion_parts(CompletionParts(), quotas((5, 10)), (VENUES[:1], VENUES[1:]), (), (), {}, AS_OF)
    assert [(p.code, p.weight, p.score) for p in parts] == [
        ("quotas", 0.5, 50.0), ("venues", 0.1, 20.0), ("cases", 0.15, 0.0), ("task_list", 0.15, 0.0),
        ("other_kinds", 0.1, 0.0)]
    assert weighted_mean(parts) == pytest.approx(0.5 * 50 + 0.1 * 20)
    only_quotas = CompletionParts(quotas=1, venues=0, cases=0, task_list=0, other_kinds=0)
    assert weighted_mean(completion_parts(only_quotas, quotas((5, 10)), ((), ()), (), (), {}, AS_OF)) == 50.0


def test_a_part_not_measured_yet_is_left_out_and_the_others_renormalised() -> None:
    parts = (PartScore("quotas", "三项指标", 0.5, 80.0, ""), PartScore("cases", "一函两书", 0.5, None, ""))
    assert weighted_mean(parts) == 80.0


def test_completion_in_the_score_shows_every_part_with_its_reason() -> None:
    inputs = replace(perfect(), venues_reached=VENUES[:2], venues_missing=VENUES[2:], tasks=())
    completion = component(score_unit(inputs, rubric()), "completion")
    assert completion.score == pytest.approx(100 - 0.1 * 60 - 0.15 * 100)
    assert "普法“五进”覆盖 40.0（覆盖 2/5 类" in completion.reason
    assert f"任务清单目标 0.0（{NO_TASK_LIST}）" in completion.reason
    assert [p.reason for p in completion.parts][3] == NO_TASK_LIST


def test_the_effect_is_the_evaluators_score_with_methods_date_evaluator_and_shortened_notes() -> None:
    long = replace(assessed(72.5), notes="一" * 60)
    score, reason = effect_score(long)
    assert score == 72.5
    assert reason == f"2027-05-18 评估（实地调研、座谈访谈），省总工会评估组评定 72.5 分：{'一' * 40}…"
    assert effect_score(None)[0] is None and "待评审" in effect_score(None)[1]


def test_without_the_effect_the_total_is_provisional_over_the_scored_components_renormalised() -> None:
    # quotas part 50 → completion 75: (0.35 × 75 + (0.15 + 0.1 + 0.1 + 0.1) × 100) / 0.8 = 89.0625
    score = score_unit(replace(perfect(), quotas=quotas((5, 10)), effect=None), rubric())
    effect = component(score, "effect")
    assert effect.score is None and effect.score_text == "待评审" and effect.as_dict()["weighted"] is None
    assert score.provisional and score.total == 89.1 and score.total_text == "89.1（暂定）"
    assert score.as_dict()["provisional"] is True


def test_a_provisional_total_above_promote_at_is_capped_at_pass_with_the_reason() -> None:
    score = score_unit(replace(perfect(), effect=None), rubric())
    assert score.total == 100.0 and score.suggested == "pass" and score.suggested_label == "合格"
    assert score.note == "推广须先评审实际成效"
    low = score_unit(replace(perfect(), effect=None, quotas=quotas((0, 10)),
                             archive_missing=tuple("一二三四五六七"), periods_kept=0), rubric())
    assert low.provisional and low.total == 53.1 and low.suggested == "rectify" and low.note == ""


def test_once_the_effect_is_entered_the_total_is_final_and_may_be_promote() -> None:
    score = score_unit(perfect(), rubric())
    assert not score.provisional and score.suggested == "promote" and score.total_text == "100.0"


def test_an_archived_config_without_an_effect_weight_is_never_provisional() -> None:
    old = rubric().model_copy(update={"weights": rubric().weights.model_copy(update={
        "completion": 0.4, "fund_use": 0.2, "effect": 0.0, "archive": 0.15, "timeliness": 0.15})})
    score = score_unit(replace(perfect(), effect=None), old)
    assert not score.provisional and score.total == 100.0 and score.suggested == "promote"
    assert component(score, "effect").reason == "本年度评分配置未设实际成效权重，不计入总分"


def test_weighted_total_renormalises_only_when_a_weighted_component_is_pending() -> None:
    weights = {"a": 0.5, "b": 0.3, "c": 0.2}
    assert weighted_total({"a": 80.0, "b": 50.0, "c": 100.0}, weights) == (75.0, False)
    assert weighted_total({"a": 80.0, "b": 50.0, "c": None}, weights) == (68.8, True)   # 55 / 0.8
    assert weighted_total({"a": None, "b": None, "c": None}, weights) == (0.0, True)


def test_the_month_end_pace_record_is_one_more_timeliness_item() -> None:
    duty = perfect().duties
    score, reason = timeliness_score(duty, AS_OF, (3, 4))
    assert score == pytest.approx((100 + 100 + 75) / 3)
    assert reason.endswith("月末进度达标 3/4 个月")
    assert timeliness_score(duty, AS_OF, (0, 0)) == timeliness_score(duty, AS_OF)
    assert "月末进度" not in timeliness_score(duty, AS_OF)[1]
    assert timeliness_score((), AS_OF, (0, 5)) == (0.0, "月末进度达标 0/5 个月")


def test_the_pace_record_reaches_the_total_through_the_inputs() -> None:
    score = score_unit(replace(perfect(), pace_months=(1, 2)), rubric())
    assert component(score, "timeliness").score == pytest.approx(250 / 3, abs=0.05)
    assert score.total == pytest.approx(100 - 0.1 * (100 - 250 / 3), abs=0.05)
