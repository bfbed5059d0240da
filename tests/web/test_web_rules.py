"""Portal rules without a database: roles and scopes, password policy, lockout per account and address."""

from __future__ import annotations

import datetime as dt

import pytest

from config.divisions import anhui_cities, anhui_counties
from models.errors import Refusal
from models.web_rules import (
    LockoutPolicy,
    Role,
    address_locked_until,
    after_failure,
    check_username,
    locked,
    parse_role,
    parse_scope,
    password_problem,
    scope_tag,
)

COUNTIES = {c.code: c.name for c in anhui_counties()}
CITIES = anhui_cities()
T0 = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
POLICY = LockoutPolicy(attempts=5, minutes=15)


@pytest.mark.parametrize(("role", "text", "code"), [
    (Role.unit, "unit-340123", "340123"), (Role.unit, "340123", "340123"),
    (Role.city, "city-340100", "340100"), (Role.province, None, None), (Role.evaluator, "", None),
])
def test_a_scope_names_a_division_code(role: Role, text: str | None, code: str | None) -> None:
    assert parse_scope(role, text, COUNTIES, CITIES) == code


@pytest.mark.parametrize(("role", "text", "words"), [
    (Role.unit, None, "须写明范围"), (Role.unit, "unit-999999", "不是安徽省的县（区）代码"),
    (Role.unit, "city-340100", "须写明范围"), (Role.city, "city-340123", "不是安徽省的市代码"),
    (Role.province, "unit-340123", "不限定范围"),
])
def test_a_wrong_scope_is_refused_in_chinese(role: Role, text: str | None, words: str) -> None:
    with pytest.raises(Refusal, match=words):
        parse_scope(role, text, COUNTIES, CITIES)


def test_roles_are_parsed_by_name_and_tagged_like_notifications() -> None:
    assert parse_role(" Unit ") is Role.unit
    with pytest.raises(Refusal, match="角色应为"):
        parse_role("admin")
    assert scope_tag("unit", "340123") == "unit-340123"
    assert scope_tag("city", "340100") == "city-340100"
    assert scope_tag("province", None) == "province"


@pytest.mark.parametrize(("password", "ok"), [
    ("short9", False), ("1234567890123", False), ("zhangsan-2026", False), (" leading-space1", False),
    ("合肥市肥西县工会2026", True), ("correct horse battery", True),
])
def test_password_policy(password: str, ok: bool) -> None:
    assert (password_problem(password, "zhangsan") is None) is ok


def test_usernames_are_lower_case_and_plain() -> None:
    assert check_username(" FeiXi.Clerk ") == "feixi.clerk"
    with pytest.raises(Refusal):
        check_username("../etc")


def test_an_account_locks_on_the_fifth_failure_for_fifteen_minutes() -> None:
    count, until = 0, None
    for _ in range(4):
        count, until = after_failure(count, T0, POLICY)
    assert (count, until) == (4, None)
    count, until = after_failure(count, T0, POLICY)
    assert until == T0 + dt.timedelta(minutes=15)
    assert locked(until, T0 + dt.timedelta(minutes=14))
    assert not locked(until, T0 + dt.timedelta(minutes=15))


def test_an_address_locks_after_five_failures_until_the_newest_is_fifteen_minutes_old() -> None:
    failures = [T0 + dt.timedelta(minutes=m) for m in range(5)]
    later = T0 + dt.timedelta(minutes=5)
    assert address_locked_until(failures[:4], later, POLICY) is None
    assert address_locked_until(failures, later, POLICY) == failures[-1] + POLICY.duration
    assert address_locked_until(failures, T0 + dt.timedelta(minutes=18), POLICY) is not None
    assert address_locked_until(failures, T0 + dt.timedelta(minutes=19), POLICY) is None
    spread = [T0 + dt.timedelta(minutes=10 * m) for m in range(5)]   # one every 10 minutes: no burst
    assert address_locked_until(spread, spread[-1], POLICY) is None
