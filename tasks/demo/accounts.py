"""The demo's portal accounts: one per role, each with a new random password printed once.

Idempotent: a re-run of `legalcap simulate --demo` gives the same four accounts new passwords (an account
that exists is reset, so every old session ends); only the argon2 hashes are stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from models.db import session_scope
from tasks import web_users

DEMO_BY = "演示数据"
CITY, COUNTY = "340100", "340123"   # 合肥市 and the unit it recommends in the demo, 肥西县


@dataclass(frozen=True)
class DemoAccount:
    """One demo login: who it is and the password to print once."""

    username: str
    display_name: str
    role: str
    scope: str | None
    password: str


ACCOUNTS = (("demo-province", "省总工会（演示）", "province", None),
            ("demo-city", "合肥市总工会（演示）", "city", f"city-{CITY}"),
            ("demo-county", "肥西县总工会（演示）", "unit", f"unit-{COUNTY}"),
            ("demo-evaluator", "评估组（演示）", "evaluator", None))


def demo_accounts(engine: Engine, at: dt.datetime) -> list[DemoAccount]:
    """Create the four accounts, or reset their passwords when they exist; the passwords, once."""
    out = []
    with session_scope(engine) as session:
        for username, name, role, scope in ACCOUNTS:
            password = web_users.random_password()
            if web_users.find_user(session, username) is None:
                web_users.add_user(session, username=username, display_name=name, role=role, scope=scope,
                                   password=password, at=at, by=DEMO_BY)
            else:
                web_users.reset_password(session, username, password, at=at, by=DEMO_BY)
            out.append(DemoAccount(username, name, role, scope, password))
    return out


def account_lines(accounts: list[DemoAccount]) -> list[str]:
    """What the demo prints: one line per account, then how to open the portal."""
    lines = ["门户演示账号（密码只显示这一次；再次运行 legalcap simulate --demo 会重新生成）："]
    lines += [f"  {a.display_name:<14} 用户名 {a.username:<15} 密码 {a.password}" for a in accounts]
    lines.append("下一步：运行 legalcap web，用浏览器打开 http://127.0.0.1:8080/ 登录。")
    return lines
