"""居民身份证号码 (GB 11643): length, digits, province, birth date and the MOD 11-2 check character."""

from __future__ import annotations

import datetime as dt

import pytest

from models.id_number import id_check_character, id_number_checker, id_number_problem


def valid(body17: str) -> str:
    return body17 + id_check_character(body17)


def test_the_example_number_of_the_standard_is_valid_and_its_check_character_is_x() -> None:
    assert id_check_character("11010519491231002") == "X"
    assert id_number_problem("11010519491231002X") is None


@pytest.mark.parametrize("body", ["34012319850612123", "34082219991231004", "81000020000229001",
                                  "65010219700101995"])
def test_numbers_built_with_their_check_character_are_valid(body: str) -> None:
    assert id_number_problem(valid(body)) is None


def test_a_lower_case_x_and_surrounding_spaces_are_accepted() -> None:
    assert id_number_problem(" 11010519491231002x ") is None


def test_a_wrong_check_character_names_the_right_one() -> None:
    number = valid("34012319850612123")
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    reason = id_number_problem(wrong)
    assert reason is not None
    assert "校验位" in reason and f"应为 {number[17]}" in reason


def test_a_birth_date_that_does_not_exist_is_refused() -> None:
    reason = id_number_problem(valid("34012319990230123"))
    assert reason is not None and "19990230" in reason and "出生日期" in reason


def test_a_birth_date_after_today_is_refused() -> None:
    reason = id_number_problem(valid("34012320260701123"), today=dt.date(2026, 6, 1))
    assert reason is not None and "不合理" in reason


def test_an_unknown_province_prefix_is_refused() -> None:
    reason = id_number_problem(valid("99012319850612123"))
    assert reason is not None and "“99”" in reason


@pytest.mark.parametrize(("text", "fragment"), [
    ("3401231985061212", "18 位"),
    ("3401231985061212345", "18 位"),
    ("34012319850612A234", "前 17 位"),
    ("34012319850612123Y", "数字或 X"),
    ("", "18 位"),
])
def test_malformed_numbers_are_refused_with_a_reason(text: str, fragment: str) -> None:
    reason = id_number_problem(text)
    assert reason is not None and fragment in reason


def test_the_check_character_needs_seventeen_digits() -> None:
    with pytest.raises(ValueError):
        id_check_character("3401231985061212")


def test_leap_days_exist_only_in_leap_years() -> None:
    assert id_number_problem(valid("34012320000229123")) is None
    assert id_number_problem(valid("34012319960229123")) is None
    for body in ("34012319000229123", "34012319970229123"):
        reason = id_number_problem(valid(body))
        assert reason is not None and "不是有效日期" in reason


def test_a_birth_before_1900_is_refused() -> None:
    reason = id_number_problem(valid("34012318991231123"))
    assert reason is not None and "不合理" in reason


def test_the_fast_checker_agrees_with_the_reasons() -> None:
    today = dt.date(2026, 6, 1)
    good = valid("34012319850612123")
    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")
    numbers = [good, wrong_check, "11010519491231002X", valid("34012319990230123"),
               valid("99012319850612123"), valid("34012320000229123"), valid("34012319000229123"),
               valid("34012320260602123"), valid("34012320260601123"), valid("34012318991231123"),
               "3401231985061212", "34012319850612A23X", "34012319850612123Y"]
    checker = id_number_checker(today)
    verdicts = [checker(n) for n in numbers]
    assert verdicts == [id_number_problem(n, today=today) is None for n in numbers]
    assert verdicts.count(True) == 4
