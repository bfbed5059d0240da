"""Phase 3 chases: missing reports on the submission ladder, open rectifications on theirs; verdict facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from models.enums import Phase
from models.ladders import rung_date
from models.rectification import (
    RECTIFICATION_RULE,
    determine_rectification_chases,
    open_rectification_subjects,
)
from models.report_chases import REPORT_RULE, determine_report_chases, open_report_subjects
from models.status import UnitStatus, evaluate_slots
from models.verdicts import VerdictFact, effective_verdict, recheck_state, standing_verdicts
from notifications.render import render
from tests.unit.factories import d, programme_config, ready_slot, work_calendar

UNIT = "340123"
SUMMARY_DUE = d("2027-05-14")
DECIDED, DUE = d("2027-05-20"), d("2027-06-30")


def statuses(as_of: dt.date, verdict: str | None = None) -> list[UnitStatus]:
    slot = replace(ready_slot(), verdict=verdict)
    return evaluate_slots([slot], programme_config(), work_calendar(), as_of)


def report_rungs() -> list[dt.date]:
    return [rung_date(r, SUMMARY_DUE, work_calendar()) for r in programme_config().ladders.submission.rungs]


def rectification_rungs(due: dt.date = DUE) -> list[dt.date]:
    return [rung_date(r, due, work_calendar()) for r in programme_config().ladders.rectification.rungs]


def report_chases(as_of: dt.date, kinds: frozenset[str] = frozenset(), verdict: str | None = None):
    cfg, cal = programme_config(), work_calendar()
    return determine_report_chases(statuses(as_of, verdict), {UNIT: kinds}, cfg, cal, as_of)


def rectify(due: dt.date = DUE, decided: dt.date = DECIDED, **extra) -> VerdictFact:
    return VerdictFact(1, UNIT, "rectify", decided, "省总工会 李评审", due, "台账不全", **extra)


def rectification_chases(as_of: dt.date, fact: VerdictFact | None = None):
    cfg, cal = programme_config(), work_calendar()
    verdicts = {UNIT: fact or rectify()}
    return determine_rectification_chases(statuses(as_of, "rectify"), verdicts, cfg, cal, as_of)


def test_the_report_ladder_climbs_from_the_unit_to_its_city_to_the_province() -> None:
    first, second, third = report_rungs()
    assert report_chases(first - dt.timedelta(days=1)) == []
    seen = {day: sorted((f.rung, f.audience, f.urgent) for f in report_chases(day)) for day in report_rungs()}
    assert seen == {first: [(0, "unit-340123", False)],
                    second: [(1, "city-340100", True), (1, "unit-340123", True)],
                    third: [(2, "province", False)]}
    f = report_chases(first)[0]
    assert (f.rule, f.subject, f.period, f.template) == (REPORT_RULE, UNIT, "2026", "report_submission")


def test_the_report_message_names_only_what_is_missing_and_the_due_date() -> None:
    first = report_rungs()[0]
    [both] = report_chases(first)
    [results] = report_chases(first, frozenset({"summary"}))
    assert both.context["missing"] == ["工作总结", "成果报告"] and results.context["missing"] == ["成果报告"]
    title, body = render(results)
    assert title == "【报送提醒】肥西县：成果报告 2027-05-14 前须报送"
    assert "尚未收到：成果报告。" in body and "截止日期：2027-05-14（还剩 5 个工作日）" in body
    assert "legalcap " not in body and "发送至省总工会邮箱 ahghflb@163.com，邮件主题写“总结评估-" in body
    province_title, _ = render(report_chases(report_rungs()[2])[0])
    assert province_title == "【报告未报送】肥西县（合肥市）：工作总结、成果报告逾期未报送"


def test_both_reports_in_stops_the_report_chase() -> None:
    day = report_rungs()[1]
    both = frozenset({"summary", "results"})
    assert report_chases(day, both) == []
    cfg = programme_config()
    assert open_report_subjects(statuses(day), {UNIT: both}, cfg, day) == set()
    assert open_report_subjects(statuses(day), {}, cfg, day) == {UNIT}


def test_a_closed_unit_or_one_still_implementing_is_not_chased_for_reports() -> None:
    assert statuses(report_rungs()[1], "pass")[0].phase.phase == Phase.closed
    assert report_chases(report_rungs()[1], verdict="pass") == []
    assert report_chases(d("2027-04-30")) == []


def test_the_rectification_ladder_fires_on_each_rung_until_the_due_date_passes() -> None:
    first, second, third = rectification_rungs()
    assert rectification_chases(first - dt.timedelta(days=1)) == []
    seen = {day: sorted((f.rung, f.audience) for f in rectification_chases(day))
            for day in (first, second, third)}
    assert seen == {first: [(0, "unit-340123")], second: [(1, "city-340100"), (1, "unit-340123")],
                    third: [(2, "city-340100"), (2, "province"), (2, "unit-340123")]}
    assert all(f.urgent for f in rectification_chases(third))
    f = rectification_chases(first)[0]
    assert (f.rule, f.subject, f.period) == (RECTIFICATION_RULE, UNIT, "2027-06-30")
    assert f.template == "rectification"


def test_the_rectification_message_says_the_due_date_and_the_requirement() -> None:
    title, body = render(rectification_chases(rectification_rungs()[0])[0])
    assert title == "【整改提醒】肥西县：整改须于 2027-06-30 前完成"
    assert "整改要求：台账不全" in body and "整改期限：2027-06-30（还剩 10 个工作日）" in body
    late = next(f for f in rectification_chases(rectification_rungs()[2]) if f.audience == "province")
    title, body = render(late)
    assert title == "【整改逾期】肥西县（合肥市）：整改期限 2027-06-30 已过，尚未通过复查"
    assert "legalcap verdict recheck --unit 340123" in body


def test_a_recorded_recheck_stops_the_rectification_chase() -> None:
    day = rectification_rungs()[2]
    passed = rectify(rechecked_on=day, rechecked_by="李复查", recheck_passed=True)
    assert rectification_chases(day, passed) == []
    assert open_rectification_subjects({UNIT: passed}) == set()
    assert open_rectification_subjects({UNIT: rectify()}) == {(UNIT, "2027-06-30")}


def test_a_new_due_date_after_a_failed_recheck_starts_the_ladder_again() -> None:
    again = rectify(due=d("2027-08-31"), decided=d("2027-07-02"))
    first = rectification_rungs(d("2027-08-31"))[0]
    assert rectification_chases(first - dt.timedelta(days=1), again) == []
    [f] = rectification_chases(first, again)
    assert (f.rung, f.period) == (0, "2027-08-31")


def test_rungs_that_fell_before_the_decision_are_not_sent() -> None:
    first, second, _ = rectification_rungs()
    late_decision = rectify(decided=first + dt.timedelta(days=1))
    assert rectification_chases(first + dt.timedelta(days=1), late_decision) == []
    assert {f.rung for f in rectification_chases(second, late_decision)} == {1}


def test_promote_and_pass_are_never_chased() -> None:
    day = rectification_rungs()[2]
    for verdict in ("promote", "pass"):
        fact = VerdictFact(1, UNIT, verdict, DECIDED, "省总工会")
        assert rectification_chases(day, fact) == []


@pytest.mark.parametrize("verdict, passed, rechecked_on, as_of, expected", [
    ("rectify", True, "2027-07-01", "2027-07-01", "pass"),
    ("rectify", True, "2027-07-01", "2027-06-30", "rectify"),
    ("rectify", False, "2027-07-01", "2027-07-02", "rectify"),
    ("rectify", None, None, "2027-07-02", "rectify"),
    ("promote", None, None, "2027-07-02", "promote"),
])
def test_a_rectification_that_passed_its_recheck_counts_as_passed(verdict, passed, rechecked_on, as_of,
                                                                   expected) -> None:
    on = d(rechecked_on) if rechecked_on else None
    assert effective_verdict(verdict, passed, on, d(as_of)) == expected


def test_the_standing_verdict_is_the_latest_and_ignores_later_rechecks() -> None:
    first = rectify(rechecked_on=d("2027-07-02"), rechecked_by="李复查", recheck_passed=False)
    again = replace(rectify(due=d("2027-08-31"), decided=d("2027-07-02")), row_id=2)
    assert standing_verdicts([again, first], d("2027-05-19")) == {}
    before = standing_verdicts([again, first], d("2027-07-01"))[UNIT]
    assert before.row_id == 1 and before.recheck_passed is None
    assert recheck_state(before, d("2027-07-01")) == "overdue"
    assert recheck_state(before, d("2027-06-30")) == "open"
    assert standing_verdicts([again, first], d("2027-07-02"))[UNIT].row_id == 2
    assert recheck_state(first, d("2027-07-02")) == "failed"
    assert recheck_state(VerdictFact(3, UNIT, "pass", DECIDED, "x"), DECIDED) == ""
