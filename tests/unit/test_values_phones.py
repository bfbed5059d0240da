"""models.values.phones: one phone rule (was three) and one canonical form."""

from __future__ import annotations

import pytest

from models.values import ValueProblem, find_phone, parse_phone


@pytest.mark.parametrize("value, phone", [
    ("13912345678", "13912345678"), (13912345678.0, "13912345678"),
    ("139-1234-5678", "13912345678"), ("+86 139 1234 5678", "13912345678"),
    ("8613912345678", "13912345678"), ("１３９１２３４５６７８", "13912345678"),
    ("0551-62345678", "0551-62345678"), ("055162345678", "0551-62345678"),
    ("(0551)62345678", "0551-62345678"), ("（0551）62345678", "0551-62345678"),
    ("0551 6234 5678", "0551-62345678"), ("0553-1234567", "0553-1234567"),
    ("010-12345678", "010-12345678"), ("01012345678", "010-12345678"),
    ("0551-62345678-801", "0551-62345678-801"), ("0551—62345678", "0551-62345678"),
    (None, None), ("", None),
])
def test_mobiles_and_landlines_are_accepted_in_one_form(value, phone):
    assert parse_phone(value) == phone


@pytest.mark.parametrize("value", ["12345", "1391234567", "23912345678", "12812345678", "139-1234",
                                   "551-62345678", "0551-123456", "电话"])
def test_anything_else_is_refused_naming_both_kinds(value):
    with pytest.raises(ValueProblem) as error:
        parse_phone(value)
    assert f"“{value}”不是有效的电话号码" in str(error.value) and "手机号" in str(error.value)


@pytest.mark.parametrize("text, phone", [
    ("张三13912345678", "13912345678"), ("张三 +86 139 1234 5678", "13912345678"),
    ("李四，电话：0551-12345678", "0551-12345678"), ("张三 1391234567", "1391234567"), ("张三", ""),
])
def test_the_phone_inside_a_contact_text_is_found(text, phone):
    assert find_phone(text) == phone
