"""Portal accounts on SQLite and PostgreSQL: argon2 hashes, audit, lockout per account and per address."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from models.db import session_scope
from models.errors import Refusal
from models.records import AuditEvent
from models.web_rules import LockoutPolicy
from models.web_users import WebUser
from tasks.web_users import (
    WRONG,
    add_user,
    authenticate,
    change_password,
    disable_user,
    find_user,
    reset_password,
)

T0 = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
POLICY = LockoutPolicy()
PASSWORD = "肥西县工会-2026年"


def make(engine: Engine, username: str = "feixi", role: str = "unit", scope: str | None = "unit-340123",
         password: str = PASSWORD) -> None:
    with session_scope(engine) as s:
        add_user(s, username=username, display_name="肥西县总工会", role=role, scope=scope,
                 password=password, at=T0, by="测试")


def login(engine: Engine, username: str, password: str, address: str = "10.0.0.1",
          minutes: float = 0) -> str:
    with session_scope(engine) as s:
        result = authenticate(s, username, password, address, at=T0 + dt.timedelta(minutes=minutes),
                              policy=POLICY)
        return result.user.username if result.user else result.reason


def test_the_password_is_stored_as_argon2_never_in_clear_and_the_change_is_audited(engine: Engine) -> None:
    make(engine)
    with session_scope(engine) as s:
        user = s.exec(select(WebUser)).one()
        events = s.exec(select(AuditEvent).where(AuditEvent.action == "web_user.added")).all()
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    assert (user.role, user.scope) == ("unit", "340123")
    assert [(e.actor, e.subject) for e in events] == [("测试", "feixi")]


def test_a_taken_name_or_weak_password_is_refused_and_nothing_is_stored(engine: Engine) -> None:
    make(engine)
    with pytest.raises(Refusal, match="已被使用"):
        make(engine)
    with pytest.raises(Refusal, match="至少 10 位"):
        make(engine, "other", password="short")
    with session_scope(engine) as s:
        assert len(s.exec(select(WebUser)).all()) == 1


def test_five_failures_lock_the_account_even_with_the_right_password(engine: Engine) -> None:
    make(engine)
    for i in range(5):
        assert login(engine, "feixi", "wrong-password", address=f"10.0.0.{i}") == WRONG
    assert "已暂时锁定" in login(engine, "feixi", PASSWORD, address="10.0.1.1", minutes=1)
    assert login(engine, "feixi", PASSWORD, address="10.0.1.1", minutes=16) == "feixi"
    with session_scope(engine) as s:
        assert s.exec(select(AuditEvent).where(AuditEvent.action == "web_user.locked")).first()


def test_five_failures_from_one_address_lock_that_address_for_every_account(engine: Engine) -> None:
    make(engine)
    for i in range(5):
        login(engine, f"nobody{i}", "wrong-password", address="10.9.9.9")
    assert "此地址登录失败次数过多" in login(engine, "feixi", PASSWORD, address="10.9.9.9", minutes=1)
    assert login(engine, "feixi", PASSWORD, address="10.0.0.2", minutes=1) == "feixi"


def test_disable_and_reset_end_sessions_and_are_audited(engine: Engine) -> None:
    make(engine)
    with session_scope(engine) as s:
        reset_password(s, "feixi", "新的密码-abcdef", at=T0, by="省总工会")
    assert login(engine, "feixi", PASSWORD) == WRONG
    assert login(engine, "feixi", "新的密码-abcdef") == "feixi"
    with session_scope(engine) as s:
        user = disable_user(s, "feixi", at=T0, by="省总工会")
        assert user.session_epoch == 2
        actions = [e.action for e in s.exec(select(AuditEvent))]
    assert login(engine, "feixi", "新的密码-abcdef") == WRONG
    assert {"web_user.password_reset", "web_user.disabled"} <= set(actions)


def test_changing_ones_password_needs_the_old_one(engine: Engine) -> None:
    make(engine)
    with session_scope(engine) as s:
        user = find_user(s, "feixi")
        assert user is not None
        with pytest.raises(Refusal, match="原密码不正确"):
            change_password(s, user, "not-the-password", "另一个密码-12345", at=T0)
        change_password(s, user, PASSWORD, "另一个密码-12345", at=T0)
    assert login(engine, "feixi", "另一个密码-12345") == "feixi"
