"""The city's on-site oversight: periods per cadence, the city reminded, the province told."""

from __future__ import annotations

import datetime as dt

import pytest

from models.enums import OversightState
from models.findings import Finding
from models.oversight import (
    OVERSIGHT_RULE,
    STATE_LABELS,
    Period,
    determine_oversight_chases,
    open_oversight_subjects,
    period_due,
    period_name,
    period_of,
    period_records,
    periods,
)
from models.status import UnitStatus, evaluate_slots
from notifications.render import render
from tests.unit.factories import d, filed_slot, programme_config, ready_slot, work_calendar

START, END = d("2026-05-01"), d("2027-04-30")
UNIT = "340123"
SEPT_REMINDER = d("2026-09-16")
PROVINCE_DAY = d("2026-10-08")
Q2_VISIT = "2026-06-12"  # the unit implements from 2026-06-10: its Q2 visit was made


def statuses(as_of: dt.date, slot=None) -> list[UnitStatus]:
    return evaluate_slots([slot or ready_slot()], programme_config(), work_calendar(), as_of)


def chases(as_of: dt.date, visits: tuple[str, ...] = (), slot=None) -> list[Finding]:
    """The findings on as_of for one unit (2026Q2 visited) with these further visits."""
    dates = {UNIT: [d(v) for v in (Q2_VISIT, *visits)]}
    cfg, cal = programme_config(), work_calendar()
    return determine_oversight_chases(statuses(as_of, slot), dates, cfg, cal, as_of)


def test_quarters_are_clipped_to_the_implementation_window() -> None:
    assert periods("quarterly", START, END) == [
        Period("2026Q2", d("2026-05-01"), d("2026-06-30")),
        Period("2026Q3", d("2026-07-01"), d("2026-09-30")),
        Period("2026Q4", d("2026-10-01"), d("2026-12-31")),
        Period("2027Q1", d("2027-01-01"), d("2027-03-31")),
        Period("2027Q2", d("2027-04-01"), d("2027-04-30")),
    ]


def test_months_run_from_may_2026_to_april_2027() -> None:
    months = periods("monthly", START, END)
    assert [p.label for p in months] == [
        "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12",
        "2027-01", "2027-02", "2027-03", "2027-04"]
    assert months[0] == Period("2026-05", d("2026-05-01"), d("2026-05-31"))
    assert months[9] == Period("2027-02", d("2027-02-01"), d("2027-02-28"))
    assert months[-1] == Period("2027-04", d("2027-04-01"), d("2027-04-30"))


def test_half_years_are_clipped_at_both_ends() -> None:
    assert periods("half_yearly", START, END) == [
        Period("2026H1", d("2026-05-01"), d("2026-06-30")),
        Period("2026H2", d("2026-07-01"), d("2026-12-31")),
        Period("2027H1", d("2027-01-01"), d("2027-04-30")),
    ]


@pytest.mark.parametrize("cadence, label, name", [
    ("monthly", "2026-05", "2026年5月"), ("quarterly", "2026Q3", "2026年第3季度"),
    ("half_yearly", "2026H2", "2026年下半年"), ("half_yearly", "2027H1", "2027年上半年"),
])
def test_periods_have_chinese_names(cadence: str, label: str, name: str) -> None:
    assert period_name(cadence, label) == name


def test_period_of_finds_the_clipped_period_and_nothing_outside_the_window() -> None:
    assert period_of(d("2026-08-15"), "quarterly", START, END) == Period("2026Q3", d("2026-07-01"),
                                                                          d("2026-09-30"))
    assert period_of(d("2026-05-01"), "half_yearly", START, END).label == "2026H1"
    assert period_of(d("2026-04-30"), "quarterly", START, END) is None
    assert period_of(d("2027-05-01"), "monthly", START, END) is None


def test_the_due_day_is_the_last_working_day_of_the_period() -> None:
    cal = work_calendar()
    assert period_due(Period("2026Q3", d("2026-07-01"), d("2026-09-30")), cal) == d("2026-09-30")
    assert period_due(Period("2026-05", d("2026-05-01"), d("2026-05-31")), cal) == d("2026-05-29")


def test_the_real_calendar_puts_the_reminder_mid_september_and_the_notice_after_national_day() -> None:
    cal = work_calendar()
    assert cal.add_workdays(d("2026-09-30"), -10) == SEPT_REMINDER
    assert cal.add_workdays(d("2026-09-30"), 1) == PROVINCE_DAY


def test_a_city_with_no_visit_in_q3_is_reminded_in_september() -> None:
    assert chases(SEPT_REMINDER - dt.timedelta(days=1)) == []
    [city] = chases(SEPT_REMINDER)
    assert (city.rule, city.subject, city.rung, city.period) == (OVERSIGHT_RULE, UNIT, 0, "2026Q3")
    assert city.audience == "city-340100" and not city.urgent
    assert city.template == "oversight_due" and city.evidence_date == SEPT_REMINDER
    assert city.context["due"] == "2026-09-30" and city.context["workdays_left"] == 10
    title, body = render(city)
    assert title == "【督导提醒】合肥市：本季度尚未到肥西县实地督导，2026-09-30 前须完成"
    assert "还剩 10 个工作日" in body
    assert "legalcap " not in body and "发送至省总工会邮箱 ahghflb@163.com，邮件主题写“督导记录-" in body


def test_the_city_reminder_holds_until_the_quarter_ends() -> None:
    assert [f.audience for f in chases(d("2026-09-30"))] == ["city-340100"]
    assert chases(d("2026-09-30"))[0].key(2026) == chases(SEPT_REMINDER)[0].key(2026)


def test_the_province_is_told_on_the_first_working_day_after_national_day() -> None:
    assert chases(d("2026-10-07")) == []
    [province] = chases(PROVINCE_DAY)
    assert (province.subject, province.rung, province.period) == (UNIT, 1, "2026Q3")
    assert province.audience == "province" and province.evidence_date == PROVINCE_DAY
    assert province.context["workdays_left"] == -1
    title, body = render(province)
    assert title == "【督导未完成】合肥市2026年第3季度未到肥西县实地督导"
    assert body.startswith("省总工会权益保障部：") and "已逾期 1 个工作日" in body


def test_the_province_notice_keeps_its_key_for_the_rest_of_the_quarter() -> None:
    keys = {f.key(2026) for day in ("2026-10-08", "2026-11-16", "2026-12-01") for f in chases(d(day))}
    assert keys == {"2026:city_oversight:340123:1:2026Q3:province"}


def test_a_visit_inside_the_quarter_stops_both_the_reminder_and_the_notice() -> None:
    assert chases(SEPT_REMINDER, ("2026-08-20",)) == []
    assert chases(PROVINCE_DAY, ("2026-08-20",)) == []


def test_a_visit_in_the_previous_quarter_does_not_count_for_this_one() -> None:
    [city] = chases(SEPT_REMINDER, ("2026-06-30",))
    assert city.period == "2026Q3" and city.context["visits"] == 0


def test_a_missed_previous_quarter_is_told_to_the_province_once_the_next_one_runs() -> None:
    dates = {UNIT: [d("2026-08-20")]}
    found = determine_oversight_chases(statuses(SEPT_REMINDER), dates, programme_config(), work_calendar(),
                                       SEPT_REMINDER)
    assert [(f.audience, f.period, f.evidence_date) for f in found] == [
        ("province", "2026Q2", d("2026-07-01"))]


def test_a_visit_not_yet_made_on_the_date_does_not_count() -> None:
    assert [f.period for f in chases(SEPT_REMINDER, ("2026-09-20",))] == ["2026Q3"]


def test_two_visits_are_needed_when_the_programme_asks_for_two() -> None:
    cfg = programme_config().model_copy(update={
        "oversight": programme_config().oversight.model_copy(update={"visits_per_period": 2})})
    dates = {UNIT: [d(Q2_VISIT), d(Q2_VISIT) + dt.timedelta(days=1), d("2026-08-20")]}
    found = determine_oversight_chases(statuses(SEPT_REMINDER), dates, cfg, work_calendar(), SEPT_REMINDER)
    assert [(f.context["visits"], f.context["required"]) for f in found] == [(1, 2)]


def test_units_not_in_implementation_are_ignored() -> None:
    q2_reminder = work_calendar().add_workdays(d("2026-06-30"), -10)  # before the gate deadline
    assert chases(q2_reminder, slot=filed_slot()) == []


def test_a_gate_overdue_units_city_is_chased_all_the_same() -> None:
    [finding] = chases(SEPT_REMINDER, slot=filed_slot())
    assert (finding.audience, finding.period) == ("city-340100", "2026Q3")
    assert [f.audience for f in chases(PROVINCE_DAY, slot=filed_slot())] == ["province"]


def test_a_unit_entering_implementation_late_in_the_quarter_owes_nothing_for_it() -> None:
    late = ready_slot(d("2026-09-21"))
    assert chases(d("2026-09-22"), slot=late) == []
    assert chases(PROVINCE_DAY, slot=late) == []
    q4_reminder = work_calendar().add_workdays(d("2026-12-31"), -10)
    assert [f.period for f in chases(q4_reminder, slot=late)] == ["2026Q4"]


def test_a_missed_last_period_is_told_to_the_province_during_evaluation() -> None:
    cal = work_calendar()
    told_on = cal.add_workdays(d("2027-04-30"), 1)
    assert statuses(told_on)[0].phase.phase == "evaluation"
    [province] = chases(told_on, ("2027-01-10",))
    assert (province.audience, province.period) == ("province", "2027Q2")
    assert chases(told_on, ("2027-04-10",)) == []


def test_open_subjects_are_unit_and_period_until_a_visit_is_recorded() -> None:
    cfg, cal = programme_config(), work_calendar()
    q2 = {UNIT: [d(Q2_VISIT)]}
    assert open_oversight_subjects(statuses(SEPT_REMINDER), q2, cfg, cal, SEPT_REMINDER) == {(UNIT, "2026Q3")}
    visited = {UNIT: [d(Q2_VISIT), d("2026-09-10")]}
    assert open_oversight_subjects(statuses(SEPT_REMINDER), visited, cfg, cal, SEPT_REMINDER) == set()
    assert open_oversight_subjects(statuses(PROVINCE_DAY), q2, cfg, cal, PROVINCE_DAY) == {
        (UNIT, "2026Q3"), (UNIT, "2026Q4")}


def test_period_records_say_kept_missed_or_open_per_period() -> None:
    visits = {UNIT: [d("2026-06-12"), d("2026-08-20")]}
    rows = period_records(statuses(d("2026-11-02")), visits, programme_config(), work_calendar(),
                          d("2026-11-02"))
    assert [(r["period"], r["visits"], r["required"], r["state"]) for r in rows] == [
        ("2026Q2", 1, 1, "kept"), ("2026Q3", 1, 1, "kept"), ("2026Q4", 0, 1, "open")]
    missed = period_records(statuses(d("2026-11-02")), {}, programme_config(), work_calendar(),
                            d("2026-11-02"))
    assert [r["state"] for r in missed] == ["missed", "missed", "open"]
    assert missed[1]["state_label"] == "未督导" and missed[0]["visited_on"] == []


def test_period_states_are_oversight_states_with_a_label_each() -> None:
    rows = period_records(statuses(d("2026-11-02")), {}, programme_config(), work_calendar(), d("2026-11-02"))
    assert {type(r["state"]) for r in rows} == {OversightState}
    assert set(STATE_LABELS) == set(OversightState)
    assert [str(r["state"]) for r in rows] == ["missed", "missed", "open"]  # stored/printed as before
