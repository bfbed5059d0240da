"""Portal rules without I/O: roles and their scope, password policy, login lockout."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from models.errors import Problem, Refusal


class Role(StrEnum):
    province = "province"
    city = "city"
    unit = "unit"
    evaluator = "evaluator"


ROLE_LABELS = {Role.province: "省总工会", Role.city: "市总工会", Role.unit: "县（区）工会",
               Role.evaluator: "评估组"}
SCOPED = {Role.unit: "unit", Role.city: "city"}   # role → the tag prefix of its scope (unit-340123)
MIN_PASSWORD_LENGTH = 10
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


@dataclass(frozen=True)
class LockoutPolicy:
    """After `attempts` failures (per account, or per address in `window`) wait `minutes`."""

    attempts: int = 5
    minutes: int = 15

    @property
    def duration(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.minutes)


def parse_role(text: str) -> Role:
    """A role by its English name (province, city, unit, evaluator)."""
    try:
        return Role(text.strip().lower())
    except ValueError:
        raise Refusal(problems=[Problem(f"--role {text}", "角色应为省总工会、市总工会、县区工会或评估组",
                                        hint="（province、city、unit 或 evaluator）")]) from None


def parse_scope(role: Role, text: str | None, counties: dict[str, str], cities: dict[str, str]) -> str | None:
    """The division code of a scope (`unit-340123` → 340123, `city-340100` → 340100), checked against
    Anhui's divisions; none for province and evaluator. `counties`/`cities`: code → name."""
    given = (text or "").strip().lower()
    if role not in SCOPED:
        if given:
            refused = Problem(f"--scope {text}", f"{ROLE_LABELS[role]}账号不限定范围，请不要填写",
                              hint="（去掉 --scope）")
            raise Refusal(problems=[refused])
        return None
    prefix = SCOPED[role]
    example = "unit-340123" if role is Role.unit else "city-340100"
    code = given.removeprefix(f"{prefix}-")
    if not given or not re.fullmatch(r"\d{6}", code):
        raise Refusal(problems=[Problem(f"--scope {text or '（未填写）'}",
                                        f"{ROLE_LABELS[role]}账号须写明范围，如 {example}")])
    known = counties if role is Role.unit else cities
    if code not in known:
        what = "县（区）" if role is Role.unit else "市"
        raise Refusal(problems=[Problem(f"--scope {text}", f"{code} 不是安徽省的{what}代码")])
    return code


def scope_tag(role: str, scope: str | None) -> str:
    """The Apprise-style tag of an account (`unit-340123`, `city-340100`, `province`, `evaluator`)."""
    return f"{SCOPED[Role(role)]}-{scope}" if Role(role) in SCOPED else role


class Reach(StrEnum):
    """Whether a route names a unit (path `{code}` or form field `unit_code`) that must be in reach."""

    none = "none"    # no unit in the request
    unit = "unit"    # unit role: its own; city: its city's units; province and evaluator: any Anhui unit


def unit_in_reach(role: str, scope: str | None, unit_code: str, city_of: Mapping[str, str]) -> bool:
    """May this account see this unit? `city_of`: county code → its city's code."""
    the_role = Role(role)
    if the_role is Role.unit:
        return unit_code == scope
    if the_role is Role.city:
        return city_of.get(unit_code) == scope
    return unit_code in city_of


def check_username(name: str) -> str:
    """A login name: 2–64 of a–z, 0–9, dot, dash, underscore (stored lower case)."""
    value = name.strip().lower()
    if not USERNAME.fullmatch(value):
        raise Refusal(f"用户名“{name}”：须为 2 至 64 位小写字母、数字、点、短横线或下划线")
    return value


def password_problem(password: str, username: str = "") -> str | None:
    """Why a new password is refused, in Chinese; None when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"密码至少 {MIN_PASSWORD_LENGTH} 位"
    if password.isdigit():
        return "密码不能全部是数字"
    if password.strip() != password:
        return "密码首尾不能有空格"
    if username and username.lower() in password.lower():
        return "密码不能包含用户名"
    return None


def check_password(password: str, username: str = "") -> str:
    """The password, or a refusal naming what is wrong with it."""
    problem = password_problem(password, username)
    if problem:
        raise Refusal(problem)
    return password


def locked(locked_until: dt.datetime | None, now: dt.datetime) -> bool:
    return locked_until is not None and now < locked_until


def after_failure(failed_attempts: int, now: dt.datetime, policy: LockoutPolicy
                  ) -> tuple[int, dt.datetime | None]:
    """An account's failure count and lock after one more failure (the count restarts once locked)."""
    count = failed_attempts + 1
    if count >= policy.attempts:
        return 0, now + policy.duration
    return count, None


def address_locked_until(failures: Iterable[dt.datetime], now: dt.datetime, policy: LockoutPolicy
                         ) -> dt.datetime | None:
    """When an address may try again: `attempts` failures within `minutes` of its newest failure lock it
    until that one is `minutes` old; None when it may try now. `failures`: its failed attempts' times."""
    past = sorted(t for t in failures if t <= now)
    if not past or now >= past[-1] + policy.duration:
        return None
    newest = past[-1]
    burst = [t for t in past if t > newest - policy.duration]
    return newest + policy.duration if len(burst) >= policy.attempts else None


NOT_AFTER_LOGIN = ("/login", "/logout")
MAX_NEXT = 1000


def safe_next(value: str) -> str:
    """The page to go back to after login if it is a path on this portal ('' otherwise: no open redirect)."""
    value = value or ""
    if not value.startswith("/") or value.startswith("//") or len(value) > MAX_NEXT:
        return ""
    if "\\" in value or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        return ""
    path = value.split("?", 1)[0]
    return "" if path in ("/", *NOT_AFTER_LOGIN) else value
