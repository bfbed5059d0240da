"""Portal security through the app: CSRF, session expiry, login limits, headers, another county's page."""

from __future__ import annotations

import re

from sqlmodel import select

from models.db import session_scope
from models.web_users import WebUser
from tasks.web_users import disable_user
from tests.web.conftest import FEIXI, PASSWORD, START, WANZHI, Portal, csrf_of, post_form
from web.security import COOKIE


def test_a_post_without_or_with_a_wrong_csrf_token_is_refused_in_chinese(portal: Portal) -> None:
    client = portal.login("feixi")
    form = {"old_password": PASSWORD, "new_password": "新密码-abcdefg", "new_password2": "新密码-abcdefg"}
    for sent in (form, form | {"csrf_token": "forged"}):
        refused = client.post("/password", data=sent)
        assert refused.status_code == 403
        assert "安全校验未通过" in refused.text
    anonymous = portal.client()
    assert anonymous.post("/login", data={"username": "feixi", "password": PASSWORD}).status_code == 403
    # the token of another session does not do either
    other = portal.client()
    stolen = csrf_of(other, "/login")
    assert anonymous.post("/login", data={"username": "feixi", "password": PASSWORD,
                                          "csrf_token": stolen}).status_code == 403
    with session_scope(portal.engine) as s:
        assert s.exec(select(WebUser).where(WebUser.username == "feixi")).one().last_login_at is not None


def test_an_idle_or_too_old_session_goes_back_to_the_login_page(portal: Portal) -> None:
    client = portal.login("feixi")
    portal.clock.advance(minutes=29)
    assert client.get(f"/units/{FEIXI.code}").status_code == 200
    portal.clock.advance(minutes=31)
    expired = client.get(f"/units/{FEIXI.code}")
    back = f"/login?expired=1&next=%2Funits%2F{FEIXI.code}"
    assert (expired.status_code, expired.headers["location"]) == (303, back)
    assert "登录已超时" in client.get("/login?expired=1").text
    client = portal.login("feixi")
    statuses = []
    for _ in range(37):   # active every 20 minutes: in for 12 hours, out after
        portal.clock.advance(minutes=20)
        statuses.append(client.get("/password").status_code)
    assert statuses == [200] * 36 + [303]


def test_a_disabled_account_loses_its_open_session(portal: Portal) -> None:
    client = portal.login("feixi")
    with session_scope(portal.engine) as s:
        disable_user(s, "feixi", at=START, by="测试")
    assert client.get(f"/units/{FEIXI.code}").status_code == 303


def login_status(client, username: str, password: str) -> tuple[int, str]:
    response = post_form(client, "/login", {"username": username, "password": password}, "/login")
    return response.status_code, response.text


def test_five_wrong_passwords_lock_the_account_from_every_address(portal: Portal) -> None:
    first, second = portal.client("10.0.0.1"), portal.client("10.0.0.2")
    for _ in range(4):
        assert login_status(first, "feixi", "wrong-password")[0] == 401
    assert login_status(second, "feixi", "wrong-password")[0] == 401
    status, text = login_status(portal.client("10.0.0.3"), "feixi", PASSWORD)
    assert status == 429 and "该账号登录失败次数过多" in text
    portal.clock.advance(minutes=15)
    assert login_status(portal.client("10.0.0.3"), "feixi", PASSWORD)[0] == 303


def test_five_failures_from_one_address_lock_that_address_for_every_account(portal: Portal) -> None:
    client = portal.client("10.0.0.9")
    for name in ("prov", "eval", "hefei", "wuhu", "nobody"):
        assert login_status(client, name, "wrong-password")[0] == 401
    status, text = login_status(client, "feixi", PASSWORD)
    assert status == 429 and "此地址登录失败次数过多" in text
    assert login_status(portal.client("10.0.0.8"), "feixi", PASSWORD)[0] == 303
    portal.clock.advance(minutes=16)
    assert login_status(portal.client("10.0.0.9"), "feixi", PASSWORD)[0] == 303


def test_the_session_cookie_is_signed_httponly_samesite_and_holds_no_password(portal: Portal) -> None:
    client = portal.client()
    response = client.get("/login")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    client.cookies.set(COOKIE, client.cookies[COOKIE][:-3] + "abc")   # tampered: a new anonymous session
    assert client.get(f"/units/{FEIXI.code}").status_code == 303
    secure = portal.settings.model_copy(update={"web_cookie_secure": True})
    portal.settings = secure
    assert "Secure" in portal.client().get("/login").headers["set-cookie"]
    with session_scope(portal.engine) as s:
        hashes = [u.password_hash for u in s.exec(select(WebUser))]
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)


def test_pages_carry_the_security_headers(portal: Portal) -> None:
    page = portal.login("feixi").get(f"/units/{FEIXI.code}")
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["cache-control"] == "no-store"
    assert not re.search(r"https?://(?!testserver)", page.text), "a resource from outside"


def test_a_county_cannot_read_another_countys_page_or_template(portal: Portal) -> None:
    client = portal.login("feixi")
    own = client.get(f"/units/{FEIXI.code}")
    assert own.status_code == 200 and "肥西县" in own.text
    for path in (f"/units/{WANZHI.code}", f"/units/{WANZHI.code}/templates/ledger",
                 f"/units/{FEIXI.code}/../{WANZHI.code}", f"/units/{WANZHI.code}%2F"):
        other = client.get(path)
        assert other.status_code == 404, path
        assert "湾沚" not in other.text


def test_the_signing_key_is_kept_private_in_the_home_or_must_be_long(tmp_path) -> None:
    import pytest

    from config.settings import Settings
    from models.errors import Refusal
    from web.security import SECRET_FILE, secret_key

    settings = Settings(home=tmp_path)
    key = secret_key(settings)
    path = tmp_path / SECRET_FILE
    assert len(key) >= 32 and path.stat().st_mode & 0o777 == 0o600
    assert secret_key(Settings(home=tmp_path)) == key   # sessions survive a restart
    with pytest.raises(Refusal, match="至少 32 位"):
        secret_key(Settings(home=tmp_path, web_secret_key="short"))
