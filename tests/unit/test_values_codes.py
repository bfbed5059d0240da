"""models.values: ID numbers (GB 11643), credit codes (GB 32100), division codes; check digits
cross-checked with python-stdnum."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from config.divisions import anhui_cities, anhui_counties
from models.values import ValueProblem, parse_credit_code, parse_division_code, parse_id_number
from models.values.credit_codes import CHARSET, check_character
from models.values.divisions import code_from_name, code_problem
from models.values.id_numbers import id_check_character

TODAY = dt.date(2026, 6, 1)
ID = "11010519491231002X"


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_our_id_check_character_agrees_with_stdnum(body):
    assert id_check_character(body) == ric.calc_check_digit(body + "0")


@given(st.text(alphabet="".join(c for c in CHARSET if c not in "IOZSV"), min_size=17, max_size=17))
def test_our_credit_code_check_character_agrees_with_stdnum(body):
    assert check_character(body) == uscc.calc_check_digit(body)


@pytest.mark.parametrize("value, number", [
    (ID, ID), (ID.lower(), ID), (" 11010519491231002X ", ID),
    ("１１０１０５１９４９１２３１００２Ｘ", ID), ("", None),
])
def test_id_numbers_are_checked_and_upper_cased(value, number):
    assert parse_id_number(value, today=TODAY) == number


@pytest.mark.parametrize("value, reason", [
    (110105194912310020.0, "被存成了数字"), ("110105194912310021", "校验位错误"),
    ("1101051949123100", "应为 18 位"), ("110105194902301234", "出生日期"),
])
def test_bad_id_numbers_get_the_reason(value, reason):
    with pytest.raises(ValueProblem, match=reason):
        parse_id_number(value, today=TODAY)


def test_credit_codes():
    code = "91340100" + "MA2N0000" + "0"
    code += check_character(code)
    assert parse_credit_code(code.lower()) == code and parse_credit_code(" ") is None
    with pytest.raises(ValueProblem, match="校验位错误"):
        parse_credit_code(code[:17] + ("0" if code[17] != "0" else "1"))
    with pytest.raises(ValueProblem, match="不允许的字符"):
        parse_credit_code("91340100MA2N0000IO")


def test_division_codes_must_be_a_known_county():
    known = {"340123"}
    assert parse_division_code("340123", known) == "340123"
    assert parse_division_code("３４０ １２３", known) == "340123"
    assert parse_division_code(340123.0, known) == "340123"
    assert parse_division_code("", known) is None
    with pytest.raises(ValueProblem, match="应为 6 位数字"):
        parse_division_code("34012", known)
    with pytest.raises(ValueProblem, match="不是本项目的实施单位"):
        parse_division_code("340124", known)


def test_the_recommendation_code_rules_take_the_counties_as_data():
    counties, cities = anhui_counties(), anhui_cities()
    assert code_problem("340123", "合肥市", "肥西县总工会", counties, cities) is None
    assert "设区市" in code_problem("340100", "合肥市", "肥西县总工会", counties, cities)
    assert "江苏省" in code_problem("320100", "", "某县总工会", counties, cities)
    assert code_from_name("合肥市肥西县总工会", "合肥市", counties) == ("340123", "")
