"""Who may use which route: one declarative table and the one dependency that enforces it.

Every route of the app has a row (a test fails for a route without one). A request is refused
before its handler runs: no login → the login page; a POST without the session's CSRF token → 403;
a role the row does not allow → 403; a unit out of the account's reach → 404 (never the data).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from fastapi import Request
from sqlalchemy.engine import Connection
from starlette.concurrency import run_in_threadpool

from config.divisions import anhui_counties
from models.web_rules import Reach, Role, unit_in_reach
from models.web_users import WebUser
from web.security import CSRF_FIELD, csrf_ok
from web.unit_cache import cursor_row, fingerprint_on

ANYONE = frozenset(Role)
PUBLIC: frozenset[Role] = frozenset()
PROVINCE = frozenset({Role.province})


@dataclass(frozen=True)
class Rule:
    """One route: its name, path and methods, the roles allowed (empty: public) and its reach."""

    name: str
    path: str
    methods: frozenset[str]
    roles: frozenset[Role]
    reach: Reach = Reach.none


def _rule(name: str, path: str, methods: str, roles: frozenset[Role], reach: Reach = Reach.none) -> Rule:
    return Rule(name, path, frozenset(methods.split()), roles, reach)


RULES: tuple[Rule, ...] = (
    _rule("static", "/static", "GET", PUBLIC),
    _rule("favicon", "/favicon.ico", "GET", PUBLIC),   # packet pages name no icon of their own
    _rule("login_form", "/login", "GET", PUBLIC),
    _rule("login", "/login", "POST", PUBLIC),
    _rule("logout", "/logout", "POST", ANYONE),
    _rule("home", "/", "GET", ANYONE),
    _rule("password_form", "/password", "GET", ANYONE),
    _rule("password_change", "/password", "POST", ANYONE),
    _rule("unit_page", "/units/{code}", "GET", ANYONE, Reach.unit),
    _rule("unit_template", "/units/{code}/templates/{kind}", "GET", frozenset({Role.unit}), Reach.unit),
    _rule("city_home", "/city", "GET", frozenset({Role.city})),
    _rule("province_home", "/province", "GET", frozenset({Role.province})),
    _rule("province_statistics", "/province/statistics.xlsx", "GET", frozenset({Role.province})),
    _rule("evaluator_home", "/evaluator", "GET", frozenset({Role.evaluator})),
    # county uploads and receipts, a city's visit, the evaluators' packets and forms (HW2)
    _rule("unit_upload", "/units/{code}/upload", "POST", frozenset({Role.unit}), Reach.unit),
    _rule("unit_rejects", "/units/{code}/receipts/{receipt}/rejects.xlsx", "GET", frozenset({Role.unit}),
          Reach.unit),
    _rule("city_visit", "/units/{code}/visits", "POST", frozenset({Role.city}), Reach.unit),
    _rule("evaluator_packet", "/evaluator/packets/{name:path}", "GET", frozenset({Role.evaluator})),
    _rule("evaluator_unit", "/evaluator/units/{code}", "GET", frozenset({Role.evaluator}), Reach.unit),
    _rule("evaluator_effect", "/evaluator/units/{code}/effect", "POST", frozenset({Role.evaluator}),
          Reach.unit),
    _rule("evaluator_verdict", "/evaluator/units/{code}/verdict", "POST", frozenset({Role.evaluator}),
          Reach.unit),
    _rule("evaluator_recheck", "/evaluator/units/{code}/recheck", "POST", frozenset({Role.evaluator}),
          Reach.unit),
    # the province's table, review, held mail, statistics and accounts (HW3)
    _rule("province_statistics_page", "/province/statistics", "GET", PROVINCE),
    _rule("province_refresh", "/province/refresh", "POST", PROVINCE),   # 立即刷新 the table (HP)
    _rule("province_reviews", "/province/reviews", "GET", PROVINCE),
    _rule("province_review", "/province/reviews/{code}", "POST", PROVINCE, Reach.unit),
    _rule("province_mail", "/province/mail", "GET", PROVINCE),
    _rule("province_mail_assign", "/province/mail/{message}/assign", "POST", PROVINCE, Reach.unit),
    _rule("province_mail_dismiss", "/province/mail/{message}/dismiss", "POST", PROVINCE),
    _rule("province_users", "/province/users", "GET", PROVINCE),
    _rule("province_user_add", "/province/users", "POST", PROVINCE),
    _rule("province_user_disable", "/province/users/{username}/disable", "POST", PROVINCE),
    _rule("province_user_reset", "/province/users/{username}/password", "POST", PROVINCE),
)
RULES_BY_NAME = {rule.name: rule for rule in RULES}


@dataclass(frozen=True)
class Viewer:
    """The signed-in account as the pages need it."""

    id: int
    username: str
    display_name: str
    role: Role
    scope: str | None


class LoginRequired(Exception):
    """No valid session: go to the login page (`expired`: it timed out)."""

    def __init__(self, expired: bool = False) -> None:
        self.expired = expired


class Forbidden(Exception):
    """Refused with 403 and a Chinese reason."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


class NotFound(Exception):
    """404: the page does not exist, or it is about a unit the account may not see."""


CSRF_REFUSED = "安全校验未通过（页面已过期或来源不明），请返回上一页刷新后重新提交"
ROLE_REFUSED = "您的账号无权使用此页面"


@lru_cache(maxsize=1)
def city_of() -> dict[str, str]:
    """County code → city code (Anhui's divisions)."""
    return {c.code: c.city_code for c in anhui_counties()}


async def authorize(request: Request) -> Viewer | None:
    """The one check before every route: login, CSRF on POST, role, and the unit in reach."""
    route = request.scope.get("route")
    rule = RULES_BY_NAME.get(getattr(route, "name", ""))
    if rule is None:
        raise Forbidden(ROLE_REFUSED)   # a route without a row is closed, not open
    viewer = None
    if rule.roles:
        inline = reads_inline(request)
        viewer = load_viewer(request) if inline else await run_in_threadpool(load_viewer, request)
        if viewer is None:
            raise LoginRequired(expired=request.state.session_expired)
    form = await request.form() if request.method == "POST" else None
    if form is not None and not csrf_ok(request.state.session, form.get(CSRF_FIELD)):
        raise Forbidden(CSRF_REFUSED)
    if viewer is None:
        return None
    if viewer.role not in rule.roles:
        raise Forbidden(ROLE_REFUSED)
    if rule.reach is Reach.unit:
        code = request.path_params.get("code") or (form.get("unit_code") if form else None)
        if not isinstance(code, str) or not unit_in_reach(viewer.role, viewer.scope, code, city_of()):
            raise NotFound()
    request.state.viewer = viewer
    return viewer


VIEWER_COLUMNS = "id, username, display_name, role, scope, active, session_epoch"
MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s", "numeric": ":1", "named": ":user_id"}


def reads_inline(request: Request) -> bool:
    """Whether the viewer is read on the event loop: on SQLite (WAL: a reader never waits for the tick's
    writer) its two indexed reads cost less than a hop to a worker thread and back; a server database's
    round trip goes to a worker thread."""
    return request.app.state.engine.dialect.name == "sqlite"


def load_viewer(request: Request) -> Viewer | None:
    """The session's account if it is active and the session is of its current epoch; else None. A GET
    reads the data fingerprint (web/unit_cache) on the same connection: its kept pages are checked on it."""
    session = request.state.session
    if "u" not in session:
        return None
    with request.app.state.engine.connect() as conn:     # two plain reads on the DBAPI cursor: every request
        user = _user_row(conn, session["u"])
        if user is None or not user[5] or user[6] != session.get("e"):
            return None
        if request.method == "GET":
            request.state.fingerprint = fingerprint_on(conn)
    return Viewer(user[0], user[1], user[2], Role(user[3]), user[4])


def _user_row(conn: Connection, user_id: object) -> tuple | None:
    """(id, username, display_name, role, scope, active, session_epoch) of the account, or None."""
    mark = MARKS[conn.dialect.paramstyle]
    return cursor_row(conn, f"SELECT {VIEWER_COLUMNS} FROM {WebUser.__tablename__} WHERE id = {mark}",
                      {"user_id": user_id} if mark == ":user_id" else (user_id,))


def viewer_of(request: Request) -> Viewer:
    """The account `authorize` let through (routes that need a login)."""
    return request.state.viewer
