"""The session middleware as plain ASGI: it reads and re-signs the session and adds the security headers."""

from __future__ import annotations

import datetime as dt

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from web.security import COOKIE, CSP, SessionMiddleware, SessionPolicy, serializer

NOW = dt.datetime(2026, 6, 1, 8, tzinfo=dt.UTC)
SIGNER = serializer("s" * 40)
POLICY = SessionPolicy(dt.timedelta(minutes=30), dt.timedelta(hours=8), secure=True)


def page(request: Request) -> PlainTextResponse:
    request.state.session["u"] = 7      # a route may change the session: the cookie carries it
    return PlainTextResponse(request.state.session["c"], headers={"Content-Security-Policy": "sandbox"})


def static(request: Request) -> PlainTextResponse:
    return PlainTextResponse("css")


def client() -> TestClient:
    session = Middleware(SessionMiddleware, signer=SIGNER, policy=POLICY, clock=lambda: NOW)
    app = Starlette(routes=[Route("/page", page), Route("/static/x.css", static)], middleware=[session])
    return TestClient(app, base_url="https://testserver")


def test_session_signed_back_with_headers() -> None:
    response = client().get("/page")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert {"HttpOnly", "Path=/", "SameSite=lax", "Secure"} <= {p.strip() for p in cookie.split(";")}
    session = SIGNER.loads(response.cookies[COOKIE])
    assert session["u"] == 7 and session["c"] == response.text and session["s"] == int(NOW.timestamp())
    assert response.headers["Content-Security-Policy"] == "sandbox"     # the route's own CSP stays
    assert response.headers["X-Frame-Options"] == "DENY" and response.headers["Cache-Control"] == "no-store"


def test_session_kept_across_requests() -> None:
    browser = client()
    first = SIGNER.loads(browser.get("/page").cookies[COOKIE])
    assert SIGNER.loads(browser.get("/page").cookies[COOKIE])["c"] == first["c"]


def test_static_gets_headers_but_no_session() -> None:
    response = client().get("/static/x.css")
    assert "set-cookie" not in response.headers
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Frame-Options"] == "DENY"


def test_portal_has_no_base_http_middleware(portal) -> None:
    """BaseHTTPMiddleware costs a task and a memory stream per request; the portal's stack is plain ASGI."""
    app = portal.client().app
    assert SessionMiddleware in {m.cls for m in app.user_middleware}
    assert BaseHTTPMiddleware not in {m.cls for m in app.user_middleware}
