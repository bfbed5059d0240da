"""实际成效 assessment rules: score range, notes, dates, assessor, methods (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from models.effect_rules import effect_problems, join_methods, parse_methods, split_methods

START, TODAY = dt.date(2027, 5, 1), dt.date(2027, 5, 20)


def _reasons(**change) -> list[str]:
    given = {"effect": 82.5, "notes": "座谈 12 名职工，知晓率高", "assessed_on": dt.date(2027, 5, 10),
             "by": "省总工会评估组 李四"} | change
    return [f"{p.file}：{p.reason}" for p in effect_problems(**given, evaluation_start=START, today=TODAY)]


def test_a_complete_assessment_in_the_evaluation_phase_has_no_problem() -> None:
    assert _reasons() == []
    assert _reasons(effect=0.0, assessed_on=START) == [] and _reasons(effect=100.0, assessed_on=TODAY) == []


@pytest.mark.parametrize("change, expected", [
    ({"effect": 100.5}, "--effect 100.5：实际成效评分须在 0 至 100 之间"),
    ({"effect": -1.0}, "--effect -1：实际成效评分须在 0 至 100 之间"),
    ({"effect": float("nan")}, "实际成效评分须在 0 至 100 之间"),
    ({"notes": "  "}, "--notes：须填写评估意见"),
    ({"assessed_on": dt.date(2027, 4, 30)}, "--on 2027-04-30：早于总结评估阶段开始日期 2027-05-01"),
    ({"assessed_on": dt.date(2027, 5, 21)}, "--on 2027-05-21：晚于今天 2027-05-20"),
    ({"by": ""}, "--by：须填写评估人"),
])
def test_each_bad_field_is_named_with_its_reason(change, expected) -> None:
    [reason] = _reasons(**change)
    assert expected in reason


def test_methods_are_taken_by_code_or_chinese_label_without_repeats_and_stored_as_a_comma_list() -> None:
    codes, problems = parse_methods(["site_visit", "座谈访谈", "site_visit"])
    assert codes == ("site_visit", "interview") and problems == []
    assert join_methods(codes) == "site_visit,interview"
    assert split_methods("site_visit,interview") == codes and split_methods("") == ()


def test_an_unknown_method_is_refused_listing_the_choices() -> None:
    codes, [problem] = parse_methods(["phone_call"])
    assert codes == () and problem.file == "--method phone_call"
    assert "site_visit（实地调研）" in problem.reason and "interview（座谈访谈）" in problem.reason
