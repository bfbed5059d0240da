"""统一社会信用代码 (GB 32100-2015): length, character set and the check character."""

from __future__ import annotations

import pytest

from models.credit_code import CHARSET, check_character, credit_code_problem

VALID = ["91350100M000100Y43", "91110000802100433B", "91440300708461136T"]


@pytest.mark.parametrize("code", VALID)
def test_real_codes_are_valid(code):
    assert credit_code_problem(code) is None


@pytest.mark.parametrize("code", VALID)
def test_the_check_character_is_computed_from_the_first_seventeen(code):
    assert check_character(code[:17]) == code[17]


@pytest.mark.parametrize("code", [" 91350100m000100y43 ", "91350100M000100Y43\t"])
def test_lower_case_and_surrounding_blanks_are_tolerated(code):
    assert credit_code_problem(code) is None


@pytest.mark.parametrize(
    ("code", "length"), [("91350100M000100Y4", 17), ("91350100M000100Y433", 19), ("", 0)]
)
def test_a_code_of_the_wrong_length_is_refused_with_its_length(code, length):
    assert credit_code_problem(code) == f"统一社会信用代码应为 18 位，实为 {length} 位"


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_the_five_forbidden_letters_are_refused_by_name(letter):
    problem = credit_code_problem("91350100M000100" + letter + "43")
    assert problem is not None
    assert f"含不允许的字符：{letter}" in problem


@pytest.mark.parametrize("wrong", ["0", "4", "A", "Y"])
def test_a_wrong_check_character_says_which_one_was_expected(wrong):
    problem = credit_code_problem("91350100M000100Y4" + wrong)
    assert problem == f"统一社会信用代码校验位错误：第 18 位应为 3，实为 {wrong}"


def test_every_body_has_exactly_one_check_character_in_the_charset():
    body = "52340123MJ1234500"
    valid = [c for c in CHARSET if credit_code_problem(body + c) is None]
    assert valid == [check_character(body)]
