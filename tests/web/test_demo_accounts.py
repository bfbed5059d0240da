"""The demo's portal accounts: one per role, argon2-hashed, printed once; a re-run gives new passwords
(SQLite and PostgreSQL), and `simulate --demo` prints them with `legalcap web` as the next step."""

from __future__ import annotations

import re

from sqlmodel import select

from models.db import session_scope
from models.web_rules import LockoutPolicy
from models.web_users import WebUser
from tasks.demo.accounts import account_lines, demo_accounts
from tasks.web_users import authenticate
from tests.e2e.conftest import run_cli
from tests.web.conftest import START


def signs_in(engine, username: str, password: str) -> bool:
    with session_scope(engine) as session:
        return authenticate(session, username, password, "127.0.0.1", at=START,
                            policy=LockoutPolicy(5, 15)).user is not None


def test_one_account_per_role_hashed_and_a_rerun_gives_new_passwords(engine) -> None:
    first = demo_accounts(engine, START)
    assert [(a.role, a.scope) for a in first] == [("province", None), ("city", "city-340100"),
                                                  ("unit", "unit-340123"), ("evaluator", None)]
    with session_scope(engine) as session:
        stored = {u.username: (u.role, u.scope, u.password_hash) for u in session.exec(select(WebUser))}
    assert {name: (role, scope) for name, (role, scope, _) in stored.items()} == {
        "demo-province": ("province", None), "demo-city": ("city", "340100"),
        "demo-county": ("unit", "340123"), "demo-evaluator": ("evaluator", None)}
    for account in first:
        digest = stored[account.username][2]
        assert digest.startswith("$argon2id$") and account.password not in digest
        assert signs_in(engine, account.username, account.password)
    again = demo_accounts(engine, START)
    assert len({a.password for a in first} | {a.password for a in again}) == 8
    assert not signs_in(engine, "demo-county", first[2].password)
    assert signs_in(engine, "demo-county", again[2].password)
    lines = account_lines(again)
    assert all(a.password in "\n".join(lines) for a in again) and "legalcap web" in lines[-1]


def test_simulate_demo_prints_the_accounts_once(tmp_path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = run_cli(home, "simulate", "--demo", "--to", "2026-04-03", timeout=600)
    assert result.returncode == 0, result.stderr
    printed = re.findall(r"用户名 (demo-\S+)\s+密码 (\S+)", result.stdout)
    assert [name for name, _ in printed] == ["demo-province", "demo-city", "demo-county", "demo-evaluator"]
    assert "legalcap web" in result.stdout
    database = (home / "legalcap.db").read_bytes()
    assert all(password.encode() not in database for _, password in printed)
