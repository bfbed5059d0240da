"""The permission table, route by route and role by role, through the app (SQLite and PostgreSQL)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from fastapi.routing import APIRoute
from starlette.routing import Mount

from tests.web.conftest import FEIXI, PASSWORD, WANZHI, Portal, csrf_of, post_form
from web.app import create_app
from web.permissions import RULES, RULES_BY_NAME

OWN = f"/units/{FEIXI.code}"
TEMPLATE = f"{OWN}/templates/ledger"
ALL = ("prov", "eval", "hefei", "wuhu", "feixi", "wanzhi")


def only(allowed: dict[str, int], others: int = 403) -> dict[str, int]:
    return {name: allowed.get(name, others) for name in ALL}


# (route name, method, path) → account → the status it gets; anonymous visitors are checked apart.
EXPECTED: dict[tuple[str, str, str], dict[str, int]] = {
    ("login_form", "GET", "/login"): only({}, 200),
    ("home", "GET", "/"): only({}, 303),
    ("password_form", "GET", "/password"): only({}, 200),
    ("unit_page", "GET", OWN): only({"prov": 200, "eval": 200, "hefei": 200, "feixi": 200}, 404),
    ("unit_page", "GET", f"/units/{WANZHI.code}"): only({"prov": 200, "eval": 200, "wuhu": 200,
                                                          "wanzhi": 200}, 404),
    ("unit_page", "GET", "/units/999999"): only({}, 404),
    ("unit_template", "GET", TEMPLATE): only({"feixi": 200, "wanzhi": 404}),
    ("city_home", "GET", "/city"): only({"hefei": 200, "wuhu": 200}),
    ("province_home", "GET", "/province"): only({"prov": 200}),
    ("province_statistics", "GET", "/province/statistics.xlsx"): only({"prov": 200}),
    ("evaluator_home", "GET", "/evaluator"): only({"eval": 200}),
    ("unit_rejects", "GET", f"{OWN}/receipts/1/rejects.xlsx"): only({"feixi": 404, "wanzhi": 404}),
    ("evaluator_packet", "GET", "/evaluator/packets/index.html"): only({"eval": 404}),   # none built yet
    ("evaluator_unit", "GET", f"/evaluator/units/{FEIXI.code}"): only({"eval": 200}),
    ("province_statistics_page", "GET", "/province/statistics"): only({"prov": 200}),
    ("province_reviews", "GET", "/province/reviews"): only({"prov": 200}),
    ("province_mail", "GET", "/province/mail"): only({"prov": 200}),
    ("province_users", "GET", "/province/users"): only({"prov": 200}),
    ("static", "GET", "/static/site.css"): only({}, 200),
    ("favicon", "GET", "/favicon.ico"): only({}, 200),
}
# POSTs go with the session's CSRF token; a 400 means the handler ran (the form was refused).
POSTS: dict[tuple[str, str], tuple[dict[str, str], int | dict[str, int]]] = {
    ("unit_upload", f"{OWN}/upload"): ({}, only({"feixi": 303, "wanzhi": 404})),   # no file: a receipt
    ("city_visit", f"{OWN}/visits"): ({"visited_on": "x"}, only({"hefei": 400, "wuhu": 404})),
    ("evaluator_effect", f"/evaluator/units/{FEIXI.code}/effect"): ({"effect": "x"}, only({"eval": 400})),
    ("evaluator_verdict", f"/evaluator/units/{FEIXI.code}/verdict"): ({"due": "x"}, only({"eval": 400})),
    ("evaluator_recheck", f"/evaluator/units/{FEIXI.code}/recheck"): ({"result": "x"}, only({"eval": 400})),
    ("province_review", f"/province/reviews/{FEIXI.code}"): ({"decision": "return"}, only({"prov": 400})),
    ("province_refresh", "/province/refresh"): ({}, only({"prov": 303})),   # 立即刷新, back to the table
    ("province_mail_assign", "/province/mail/1/assign"): ({"unit_code": FEIXI.code}, only({"prov": 400})),
    ("province_mail_dismiss", "/province/mail/1/dismiss"): ({"reason": "垃圾邮件"}, only({"prov": 400})),
    ("province_user_add", "/province/users"): ({"username": ""}, only({"prov": 400})),
    ("province_user_disable", "/province/users/nobody/disable"): ({}, only({"prov": 400})),
    ("province_user_reset", "/province/users/nobody/password"): ({}, only({"prov": 400})),
    ("password_change", "/password"): ({"old_password": "x", "new_password": "a", "new_password2": "b"}, 400),
    ("logout", "/logout"): ({}, 303),
    ("login", "/login"): ({"password": PASSWORD}, 303),   # each account signs in (again) as itself
}


def test_every_route_has_a_row_with_its_path_and_methods(portal: Portal) -> None:
    app = create_app(portal.settings, engine=portal.engine)
    seen = set()
    for route in app.routes:
        assert isinstance(route, APIRoute | Mount), f"unexpected route type {route!r}"
        rule = RULES_BY_NAME.get(route.name)
        assert rule is not None, f"route {route.name} {route.path} has no row in web/permissions.RULES"
        assert rule.path == route.path
        if isinstance(route, APIRoute):
            assert rule.methods == route.methods
        seen.add(route.name)
    assert seen == set(RULES_BY_NAME), "rows without a route"


def test_the_expectations_cover_every_row() -> None:
    covered = {name for name, _, _ in EXPECTED} | {name for name, _ in POSTS}
    assert covered == {rule.name for rule in RULES}


def test_each_role_gets_what_the_table_says_on_every_route(portal: Portal) -> None:
    clients = {name: portal.login(name) for name in ALL}
    got = {key: {name: clients[name].get(key[2]).status_code for name in ALL} for key in EXPECTED}
    assert got == EXPECTED
    for (_, path), (form, status) in POSTS.items():
        for name in ALL:
            client = clients[name] if path != "/logout" else portal.login(name)
            sent = form | {"username": name} if path == "/login" else form
            want = status[name] if isinstance(status, dict) else status
            assert post_form(client, path, sent, "/password").status_code == want, (name, path)


def test_a_visitor_without_a_session_is_sent_to_the_login_page(portal: Portal) -> None:
    client = portal.client()
    for (name, method, path) in EXPECTED:
        response = client.request(method, path)
        if RULES_BY_NAME[name].roles:
            back = f"?{urlencode({'next': path})}" if method == "GET" and path != "/" else ""
            assert (response.status_code, response.headers["location"]) == (303, f"/login{back}"), path
        else:
            assert response.status_code == 200, path


def test_a_unit_code_in_a_form_is_held_to_the_same_reach_and_a_route_without_a_row_is_closed(
        portal: Portal, monkeypatch: pytest.MonkeyPatch) -> None:
    from models.web_rules import Reach
    from web import permissions
    from web.permissions import ANYONE, Rule

    probe = Rule("probe", "/probe", frozenset({"POST"}), ANYONE, Reach.unit)
    monkeypatch.setattr(permissions, "RULES_BY_NAME", RULES_BY_NAME | {"probe": probe})
    client = portal.login("feixi")
    app = client.app
    app.add_api_route("/probe", lambda: {"ok": True}, methods=["POST"], name="probe")
    app.add_api_route("/unlisted", lambda: {"ok": True}, methods=["GET"], name="unlisted")
    token = csrf_of(client, "/password")
    assert client.post("/probe", data={"csrf_token": token, "unit_code": FEIXI.code}).status_code == 200
    assert client.post("/probe", data={"csrf_token": token, "unit_code": WANZHI.code}).status_code == 404
    assert client.post("/probe", data={"csrf_token": token}).status_code == 404
    assert client.get("/unlisted").status_code == 403
