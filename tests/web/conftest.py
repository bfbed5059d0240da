"""Portal fixtures: a cheap argon2 for speed (still argon2id), two recommended units, accounts of every
role, and a TestClient over the app on the test's database (SQLite and PostgreSQL) with a settable clock."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy.engine import Engine

from config.divisions import County, county_by_name
from config.settings import Settings
from models.db import session_scope
from models.preparation import Recommendation
from tasks import web_users
from tasks.context import ProgrammeRef
from web.app import create_app

CHEAP = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=8 * 1024, parallelism=1),))
FEIXI = county_by_name("340100", "肥西县")
WANZHI = county_by_name("340200", "湾沚区")
TODAY = dt.date(2026, 6, 15)
START = dt.datetime(2026, 6, 15, 1, 0, tzinfo=dt.UTC)
PASSWORD = "门户测试密码-2026"
# username → (role, scope, display name)
ACCOUNTS = {
    "prov": ("province", None, "省总工会 王处长"),
    "eval": ("evaluator", None, "评估组 李老师"),
    "hefei": ("city", "city-340100", "合肥市总工会"),
    "wuhu": ("city", "city-340200", "芜湖市总工会"),
    "feixi": ("unit", f"unit-{FEIXI.code}", "肥西县总工会"),
    "wanzhi": ("unit", f"unit-{WANZHI.code}", "湾沚区总工会"),
}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests hash many passwords: the same algorithm at a lower cost."""
    monkeypatch.setattr(web_users, "password_hasher", lambda: CHEAP)


@dataclass
class Clock:
    """The app's clock, moved by tests (session expiry, lockout) instead of waiting."""

    now: dt.datetime = START

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@dataclass
class Portal:
    engine: Engine
    programme: ProgrammeRef
    clock: Clock
    settings: Settings
    clients: list[TestClient] = field(default_factory=list)

    def client(self, address: str = "10.0.0.1") -> TestClient:
        """A new browser at `address`: its own cookies."""
        app = create_app(self.settings, engine=self.engine, clock=self.clock, today=lambda: TODAY)
        app.state.province_wait = 60.0   # the province table's first computation: wait for it (no timing)
        client = TestClient(app, base_url="http://testserver", follow_redirects=False,
                            client=(address, 50000))
        self.clients.append(client)
        return client

    def login(self, username: str, password: str = PASSWORD, client: TestClient | None = None) -> TestClient:
        """A client signed in as `username` (asserts the login succeeded)."""
        client = client or self.client()
        response = post_form(client, "/login", {"username": username, "password": password}, "/login")
        assert response.status_code == 303, response.text
        return client


def csrf_of(client: TestClient, path: str) -> str:
    """The CSRF token of the form on a page."""
    match = CSRF.search(client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_form(client: TestClient, path: str, form: dict[str, str], form_page: str):
    """Post a form with the CSRF token read from the page that shows it."""
    return client.post(path, data={"csrf_token": csrf_of(client, form_page), **form})


def recommend(engine: Engine, programme: ProgrammeRef, county: County) -> None:
    """The county's city recommends it (a stored 附件1 row)."""
    with session_scope(engine) as session:
        session.add(Recommendation(
            programme_id=programme.id, city_code=county.city_code, unit_code=county.code,
            unit_name=f"{county.name}总工会", contact_name="张联系", contact_phone="13700000000",
            basic_situation="—", reason="—", city_opinion="同意", source_file="rec.docx", sha256="a" * 64,
            received_on=dt.date(2026, 5, 8), received_at=dt.datetime(2026, 5, 8, 2, tzinfo=dt.UTC)))


def add_accounts(engine: Engine) -> None:
    with session_scope(engine) as session:
        for name, (role, scope, display) in ACCOUNTS.items():
            web_users.add_user(session, username=name, display_name=display, role=role, scope=scope,
                               password=PASSWORD, at=START, by="测试")


@pytest.fixture()
def portal(engine: Engine, programme: ProgrammeRef) -> Iterator[Portal]:
    """A started 2026 programme, 肥西县 and 湾沚区 recommended, accounts of every role."""
    for county in (FEIXI, WANZHI):
        recommend(engine, programme, county)
    add_accounts(engine)
    settings = Settings(web_secret_key="k" * 40)
    portal = Portal(engine, programme, Clock(), settings)
    yield portal
    for client in portal.clients:
        if (table := getattr(client.app.state, "province_table", None)) is not None:
            table.join(60)   # no province-table thread outlives the test's database
        client.close()
