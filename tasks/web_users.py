"""Portal accounts: create, list, disable, reset and change passwords, and check a login (argon2, lockout).

Every change is written to the audit trail with who made it. Time is a parameter (`at`, aware).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from functools import lru_cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlmodel import Session, col, select

from config.divisions import anhui_cities, anhui_counties
from models.errors import Problem, Refusal
from models.web_rules import (
    LockoutPolicy,
    address_locked_until,
    after_failure,
    check_password,
    check_username,
    locked,
    parse_role,
    parse_scope,
)
from models.web_users import WebLoginAttempt, WebUser
from tasks.audit import record_audit

UTC = dt.UTC


@lru_cache(maxsize=1)
def password_hasher() -> PasswordHash:
    """argon2id with the library's recommended cost (tests may swap in a cheaper argon2)."""
    return PasswordHash((Argon2Hasher(),))


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash to verify against when the name is unknown, so that both answers take as long."""
    return password_hasher().hash("legalcap-no-such-user")


def hash_password(password: str) -> str:
    return password_hasher().hash(password)


def random_password() -> str:
    """A new random password (16 URL-safe characters, never all digits) to be shown once."""
    return "Lc" + secrets.token_urlsafe(12)[:14]


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives naive UTC back: make it aware to compare with `at`."""
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def find_user(session: Session, username: str) -> WebUser | None:
    return session.exec(select(WebUser).where(WebUser.username == username.strip().lower())).first()


def get_user(session: Session, username: str) -> WebUser:
    user = find_user(session, username)
    if user is None:
        raise Refusal(f"没有用户名为“{username}”的账号", hint="（legalcap users list 可查看全部账号）")
    return user


def add_user(session: Session, *, username: str, display_name: str, role: str, scope: str | None,
             password: str, at: dt.datetime, by: str) -> WebUser:
    """A new active account; refused (nothing stored): a taken name, bad role or scope, weak password."""
    name = check_username(username)
    the_role = parse_role(role)
    counties = {c.code: c.name for c in anhui_counties()}
    code = parse_scope(the_role, scope, counties, anhui_cities())
    if not display_name.strip():
        raise Refusal(problems=[Problem("--name", "请填写姓名或单位名称（页面上显示）")])
    check_password(password, name)
    if find_user(session, name) is not None:
        raise Refusal(f"用户名“{name}”已被使用")
    user = WebUser(username=name, display_name=display_name.strip(), role=the_role.value, scope=code,
                   password_hash=hash_password(password), created_at=at, created_by=by)
    session.add(user)
    record_audit(session, at=at, actor=by, action="web_user.added", subject=name,
                 details={"role": the_role.value, "scope": code, "display_name": user.display_name})
    return user


def list_users(session: Session) -> list[WebUser]:
    return list(session.exec(select(WebUser).order_by(col(WebUser.role), col(WebUser.username))))


def disable_user(session: Session, username: str, *, at: dt.datetime, by: str) -> WebUser:
    """Refuse further logins and end the account's open sessions."""
    user = get_user(session, username)
    user.active = False
    user.session_epoch += 1
    session.add(user)
    record_audit(session, at=at, actor=by, action="web_user.disabled", subject=user.username)
    return user


def reset_password(session: Session, username: str, password: str, *, at: dt.datetime, by: str) -> WebUser:
    """A new password set by an administrator: unlocks the account and ends its open sessions."""
    user = get_user(session, username)
    check_password(password, user.username)
    _set_password(user, password)
    session.add(user)
    record_audit(session, at=at, actor=by, action="web_user.password_reset", subject=user.username)
    return user


def change_password(session: Session, user: WebUser, old: str, new: str, *, at: dt.datetime) -> WebUser:
    """The user's own change: the old password must be right and the new one acceptable."""
    if not password_hasher().verify(old, user.password_hash):
        raise Refusal("原密码不正确")
    if old == new:
        raise Refusal("新密码不能与原密码相同")
    check_password(new, user.username)
    _set_password(user, new)
    session.add(user)
    record_audit(session, at=at, actor=user.username, action="web_user.password_changed",
                 subject=user.username)
    return user


def _set_password(user: WebUser, password: str) -> None:
    user.password_hash = hash_password(password)
    user.failed_attempts = 0
    user.locked_until = None
    user.session_epoch += 1


@dataclass(frozen=True)
class Login:
    """The outcome of one login: the account when it succeeded, else the Chinese reason."""

    user: WebUser | None
    reason: str = ""


WRONG = "用户名或密码不正确"
ADDRESS_LOCKED = "此地址登录失败次数过多，请 {minutes} 分钟后再试"
ACCOUNT_LOCKED = "该账号登录失败次数过多，已暂时锁定，请 {minutes} 分钟后再试或联系省总工会重置密码"


def authenticate(session: Session, username: str, password: str, address: str, *, at: dt.datetime,
                 policy: LockoutPolicy) -> Login:
    """Check a login and record the attempt; limited per address and per account."""
    name = username.strip().lower()[:64]
    failures = session.exec(select(WebLoginAttempt.at).where(
        WebLoginAttempt.address == address, col(WebLoginAttempt.succeeded).is_(False),
        col(WebLoginAttempt.at) > at - 2 * policy.duration)).all()
    if address_locked_until([t.replace(tzinfo=t.tzinfo or UTC) for t in failures], at, policy) is not None:
        _attempt(session, address, name, at, False)
        return Login(None, ADDRESS_LOCKED.format(minutes=policy.minutes))
    user = find_user(session, name)
    if user is not None and locked(_aware(user.locked_until), at):
        _attempt(session, address, name, at, False)
        return Login(None, ACCOUNT_LOCKED.format(minutes=policy.minutes))
    ok = password_hasher().verify(password, user.password_hash if user else _dummy_hash())
    if user is None or not ok or not user.active:
        _failed(session, user, address, name, at, policy)
        return Login(None, WRONG)
    user.failed_attempts, user.locked_until, user.last_login_at = 0, None, at
    session.add(user)
    _attempt(session, address, name, at, True)
    return Login(user)


def _failed(session: Session, user: WebUser | None, address: str, name: str, at: dt.datetime,
            policy: LockoutPolicy) -> None:
    _attempt(session, address, name, at, False)
    if user is None or not user.active:
        return
    user.failed_attempts, user.locked_until = after_failure(user.failed_attempts, at, policy)
    session.add(user)
    if user.locked_until is not None:
        record_audit(session, at=at, actor="web", action="web_user.locked", subject=user.username,
                     details={"address": address, "until": user.locked_until.isoformat()})


def _attempt(session: Session, address: str, name: str, at: dt.datetime, ok: bool) -> None:
    session.add(WebLoginAttempt(address=address[:64], username=name, at=at, succeeded=ok))
