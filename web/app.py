"""The portal application: `create_app(settings)` wires sessions, the permission check, pages and errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine
from starlette.exceptions import HTTPException
from starlette.responses import Response

from config.settings import Settings
from models.upload_rules import MB
from models.web_rules import LockoutPolicy, safe_next
from tasks.mailbox.unzip import limits_from_settings
from web import (
    pages_auth,
    pages_city,
    pages_county,
    pages_evaluator,
    pages_province,
    pages_roles,
    pages_units,
    pages_users,
)
from web.permissions import RULES, Forbidden, LoginRequired, NotFound, authorize
from web.render import page
from web.security import SessionMiddleware, SessionPolicy, secret_key, serializer
from web.unit_cache import UnitCache
from web.uploads import BodyLimit

STATIC = Path(__file__).resolve().parent / "static"
NOT_FOUND = "页面不存在，或您的账号无权查看"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def create_app(settings: Settings, *, engine: Engine | None = None,
               clock: Callable[[], dt.datetime] = utc_now,
               today: Callable[[], dt.date] | None = None) -> FastAPI:
    """The portal over `engine` (default: the tick's database); `clock` (aware) and `today` for tests."""
    if engine is None:
        from tasks.runtime import engine_for
        engine = engine_for(settings.db_url)
    app = FastAPI(title="legalcap", docs_url=None, redoc_url=None, openapi_url=None, redirect_slashes=False,
                  dependencies=[Depends(authorize)])
    app.state.engine = engine
    app.state.clock = clock
    app.state.today = today or (lambda: clock().astimezone(SHANGHAI).date())
    app.state.unit_cache = UnitCache()
    app.state.lockout = LockoutPolicy(settings.web_login_attempts, settings.web_lockout_minutes)
    signer = serializer(secret_key(settings))
    policy = SessionPolicy.from_settings(settings)
    app.add_middleware(SessionMiddleware, signer=signer, policy=policy, clock=clock)
    app.state.upload_limit = int(settings.web_upload_max_mb * MB)
    app.state.zip_limits = limits_from_settings(settings)
    app.add_middleware(BodyLimit, limit_bytes=app.state.upload_limit)   # outermost: before any body is read
    handlers: dict[str, Callable[..., Any]] = {**pages_auth.HANDLERS, **pages_units.HANDLERS,
                                               **pages_roles.HANDLERS, **pages_county.HANDLERS,
                                               **pages_city.HANDLERS, **pages_evaluator.HANDLERS,
                                               **pages_province.HANDLERS, **pages_users.HANDLERS}
    for rule in RULES:
        if rule.name in handlers:
            app.add_api_route(rule.path, handlers[rule.name], methods=sorted(rule.methods), name=rule.name)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _errors(app)
    return app


def login_path(request: Request, *, expired: bool) -> str:
    """The login page; after a GET of a page, with that page to come back to (next=)."""
    query = {"expired": "1"} if expired else {}
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if request.method == "GET" and safe_next(back):
        query["next"] = back
    return "/login" + (f"?{urlencode(query)}" if query else "")


def _errors(app: FastAPI) -> None:
    """Refusals as pages in Chinese: login → the login page, 403 and 404 with a reason."""

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(login_path(request, expired=exc.expired), status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return page(request, "error.html", "无法完成", status_code=403, reason=exc.reason)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return page(request, "error.html", "页面不存在", status_code=404, reason=NOT_FOUND)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return page(request, "error.html", "页面不存在", status_code=404, reason=NOT_FOUND)
        reason = "请求方式不正确" if exc.status_code == 405 else "请求无法处理"
        return page(request, "error.html", "无法完成", status_code=exc.status_code, reason=reason)
