"""Render a page: the Jinja2 templates in web/templates with the viewer, its CSRF token and the labels.

`kept_page` renders a page once per key and data fingerprint (web/unit_cache) for every session of the same
role and scope: the CSRF token and the viewer's name are rendered as marks and filled in, escaped, per
request. A mark begins with '<', which autoescaped data never holds, so no data can pose as one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, Response

from flows.console import SUBMISSION_LABELS
from models.pacing import PACE_LABELS
from models.web_rules import ROLE_LABELS
from web.unit_cache import cached

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
TEMPLATES.env.globals |= {"PACE_LABELS": PACE_LABELS, "ROLE_LABELS": ROLE_LABELS,
                          "SUBMISSION_LABELS": {k.value: v for k, v in SUBMISSION_LABELS.items()}}
SITE = "县（区）工会法律能力提升项目"
CSRF_MARK = Markup("<!--legalcap:csrf-->")
NAME_MARK = Markup("<!--legalcap:name-->")


def page(request: Request, template: str, title: str, status_code: int = 200, **context: object) -> Response:
    """A page of the portal; `context` goes to the template beside request, viewer, csrf_token, title."""
    viewer = getattr(request.state, "viewer", None)
    session = getattr(request.state, "session", None) or {}
    return TEMPLATES.TemplateResponse(request, template, {
        "viewer": viewer, "csrf_token": session.get("c", ""), "title": title, "site": SITE, **context,
    }, status_code=status_code)


def kept(request: Request, key: Hashable, template: str, title: str, context: Callable[[], dict]) -> Response:
    """A signed-in page (200) kept per (template, title, role, scope, `key`) while the data holds; `context()`
    builds the template's context on a miss (it must depend on nothing but the key and the viewer's role
    and scope); `viewer.display_name` and `csrf_token` are the only per-session values a template may use."""
    viewer = request.state.viewer
    html = cached(request, _shared(request, template, title, key),
                  lambda: _marked(template, title, viewer, context()))
    return _filled(request, html)


async def kept_page(request: Request, key: Hashable, template: str, title: str,
                    context: Callable[[], dict]) -> Response:
    """`kept`, answered on the event loop when the page is kept on the fingerprint read with the viewer;
    else computed and rendered on a worker thread."""
    fingerprint = getattr(request.state, "fingerprint", None)
    shared = _shared(request, template, title, key)
    html = request.app.state.unit_cache.peek(shared, fingerprint) if fingerprint is not None else None
    if html is not None:
        return _filled(request, html)
    return await run_in_threadpool(kept, request, key, template, title, context)


def _shared(request: Request, template: str, title: str, key: Hashable) -> tuple:
    viewer = request.state.viewer
    return ("page", template, title, viewer.role, viewer.scope, key)


def _filled(request: Request, html: str) -> Response:
    """The kept page with this session's CSRF token and the viewer's name, escaped."""
    token, name = escape(request.state.session.get("c", "")), escape(request.state.viewer.display_name)
    return HTMLResponse(html.replace(CSRF_MARK, token).replace(NAME_MARK, name))


def _marked(template: str, title: str, viewer: object, context: dict) -> str:
    """The page rendered with the marks in place of the per-session values."""
    marked = dataclasses.replace(viewer, display_name=NAME_MARK)    # type: ignore[type-var]
    return TEMPLATES.get_template(template).render({
        "viewer": marked, "csrf_token": CSRF_MARK, "title": title, "site": SITE, **context})
