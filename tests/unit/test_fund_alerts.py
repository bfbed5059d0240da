"""Fund use as pure rules: above the subsidy said once; unspent chased monthly from the alert date."""

from __future__ import annotations

import datetime as dt

import pytest

from models.funds import (
    OVER_RULE,
    UNSPENT_RULE,
    FundsPosition,
    determine_fund_alerts,
    open_over_subsidy_subjects,
    open_unspent_subjects,
    yuan,
)
from models.status import evaluate_slots
from notifications.render import render
from tests.unit.factories import d, filed_slot, programme_config, ready_slot, work_calendar

UNIT, CITY = "340123", "340100"
SUBSIDY, CONTRACT = 5_000_000, 5_600_000


def _statuses(as_of: dt.date, slot=None):
    return evaluate_slots([slot or ready_slot(d("2026-06-10"))], programme_config(), work_calendar(), as_of)


def _alerts(as_of: str, spent_fen: int, *, slot=None, subsidy: int = SUBSIDY, contract: int = CONTRACT):
    day = d(as_of)
    funds = {UNIT: FundsPosition(spent_fen, subsidy, contract)}
    return determine_fund_alerts(_statuses(day, slot), funds, programme_config(), work_calendar(), day)


def _rule(findings, rule: str):
    return [f for f in findings if f.rule == rule]


@pytest.mark.parametrize(("fen", "text"), [(0, "0.00"), (5, "0.05"), (1_234_567, "12,345.67"),
                                           (5_000_000, "50,000.00"), (-60_000, "-600.00")])
def test_amounts_are_shown_in_yuan_with_separators_and_two_decimals(fen, text):
    assert yuan(fen) == text


def test_spending_above_the_subsidy_tells_the_unit_and_its_city_once_a_year():
    findings = _alerts("2026-10-15", 5_600_000)
    over = _rule(findings, OVER_RULE)
    assert {f.audience for f in over} == {f"unit-{UNIT}", f"city-{CITY}"}
    assert {(f.subject, f.rung, f.period, f.urgent) for f in over} == {(UNIT, 0, "2026", False)}
    later = _rule(_alerts("2027-01-20", 5_900_000), OVER_RULE)
    assert {f.key(2026) for f in later} == {f.key(2026) for f in over}  # same keys: the outbox keeps one


def test_the_over_subsidy_message_says_the_excess_is_the_units_own():
    [unit_msg] = [f for f in _alerts("2026-10-15", 5_612_345) if f.audience == f"unit-{UNIT}"]
    title, body = render(unit_msg)
    assert "56,123.45" in title and "6,123.45" in title
    assert "超出部分由项目实施单位承担" in body and "50,000.00" in body
    assert body.startswith("肥西县总工会（合肥市）")
    [city_msg] = [f for f in _alerts("2026-10-15", 5_612_345) if f.audience == f"city-{CITY}"]
    assert render(city_msg)[1].startswith("合肥市总工会")


def test_spending_beyond_the_contract_amount_is_pointed_out_too():
    [f, _] = _alerts("2026-10-15", 5_700_000)
    assert "超过服务合同金额 56,000.00 元（超出 1,000.00 元）" in render(f)[1]
    [g, _] = _alerts("2026-10-15", 5_100_000)
    assert "服务合同金额" not in render(g)[1]


@pytest.mark.parametrize("spent", [0, 4_999_999, 5_000_000])
def test_spending_up_to_the_subsidy_is_not_over(spent):
    assert _rule(_alerts("2026-10-15", spent), OVER_RULE) == []


def test_the_subsidy_of_the_contract_counts_else_the_programmes():
    assert _rule(_alerts("2026-10-15", 4_100_000, subsidy=4_000_000, contract=4_000_000), OVER_RULE)
    assert _rule(_alerts("2026-10-15", 5_100_000, subsidy=0), OVER_RULE)  # 50,000 from the config
    assert not _rule(_alerts("2026-10-15", 4_900_000, subsidy=0), OVER_RULE)


def test_no_unspent_alert_before_the_alert_date():
    assert _rule(_alerts("2027-01-29", 0), UNSPENT_RULE) == []
    assert _rule(_alerts("2026-12-01", 1_000_000), UNSPENT_RULE) == []


def test_from_the_alert_date_an_unspent_subsidy_climbs_the_ledger_gap_ladder_each_month():
    cal = work_calendar()
    [first] = _rule(_alerts("2027-02-01", 1_680_000), UNSPENT_RULE)
    assert (first.subject, first.rung, first.period, first.audience) == (UNIT, 0, "2027-02", f"unit-{UNIT}")
    assert first.context["unspent_share"] == "66.4%" and first.context["remaining"] == "33,200.00"
    assert first.context["due"] == "2027-02-01"
    second_day = cal.add_workdays(d("2027-02-01"), 5)
    second = _rule(_alerts(second_day.isoformat(), 1_680_000), UNSPENT_RULE)
    assert {(f.rung, f.audience) for f in second} == {(1, f"unit-{UNIT}"), (1, f"city-{CITY}")}
    day_before = cal.add_workdays(second_day, -1)
    assert {f.rung for f in _rule(_alerts(day_before.isoformat(), 1_680_000), UNSPENT_RULE)} == {0}
    third = _rule(_alerts(cal.add_workdays(d("2027-02-01"), 10).isoformat(), 1_680_000), UNSPENT_RULE)
    assert {(f.rung, f.audience) for f in third} == {(2, "province")}
    [march] = _rule(_alerts("2027-03-01", 1_680_000), UNSPENT_RULE)
    assert (march.rung, march.period) == (0, "2027-03")


@pytest.mark.parametrize(("spent", "alerted"), [
    (0, True), (2_499_999, True),       # more than half unspent
    (2_500_000, False),                 # exactly half unspent: not above the share
    (3_000_000, False), (5_000_000, False), (5_600_000, False),
])
def test_the_unspent_alert_needs_more_than_the_configured_share_unspent(spent, alerted):
    assert programme_config().funds.unspent_alert_share == 0.5
    assert bool(_rule(_alerts("2027-02-01", spent), UNSPENT_RULE)) is alerted


def test_the_unspent_chase_stops_once_the_unit_has_spent_enough():
    statuses = _statuses(d("2027-02-15"))

    def still_open(spent: int, on: str) -> set[str]:
        return open_unspent_subjects(statuses, {UNIT: (spent, SUBSIDY, CONTRACT)}, programme_config(), d(on))

    assert still_open(1_000_000, "2027-02-15") == {UNIT}
    assert still_open(3_000_000, "2027-02-15") == set()
    assert still_open(0, "2027-01-15") == set()
    assert _rule(_alerts("2027-02-15", 3_000_000), UNSPENT_RULE) == []


def test_the_unspent_messages_speak_to_each_audience():
    cal = work_calendar()
    by_audience = {f.audience: f for day in (d("2027-02-01"), cal.add_workdays(d("2027-02-01"), 5),
                                             cal.add_workdays(d("2027-02-01"), 10))
                   for f in _alerts(day.isoformat(), 1_000_000)}
    unit_title, unit_body = render(by_audience[f"unit-{UNIT}"])
    assert "40,000.00" in unit_title and "80.0%" in unit_title and "legalcap " not in unit_body
    assert "发送至省总工会邮箱 ahghflb@163.com，邮件主题写“经费支出-340123肥西县”" in unit_body
    assert render(by_audience[f"city-{CITY}"])[1].startswith("合肥市总工会")
    province_title, province_body = render(by_audience["province"])
    assert province_title.startswith("【经费使用滞后】合肥市肥西县")
    assert province_body.startswith("省总工会权益保障部")


def test_units_in_evaluation_are_still_watched():
    [unspent] = _rule(_alerts("2027-05-06", 1_000_000), UNSPENT_RULE)
    assert unspent.period == "2027-05" and unspent.context["implementation_over"] is True
    assert "已于 2027-04-30 结束" in render(unspent)[1]
    assert _rule(_alerts("2027-05-06", 5_100_000), OVER_RULE)


def test_units_not_yet_implementing_or_without_a_contract_are_not_judged():
    preparing = filed_slot()  # before the gate deadline (after it, a gate-overdue unit implements)
    assert _alerts("2026-06-15", 6_000_000, slot=preparing) == []
    day = d("2027-02-01")
    assert determine_fund_alerts(_statuses(day), {}, programme_config(), work_calendar(), day) == []
    cfg = programme_config()
    assert open_over_subsidy_subjects(_statuses(d("2026-06-15"), preparing),
                                      {UNIT: (6_000_000, SUBSIDY, CONTRACT)}, cfg) == set()
