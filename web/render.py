"""Render a page: the Jinja2 templates in web/templates with the viewer, its CSRF token and the labels."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from flows.console import SUBMISSION_LABELS
from models.pacing import PACE_LABELS
from models.web_rules import ROLE_LABELS

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
TEMPLATES.env.globals |= {"PACE_LABELS": PACE_LABELS, "ROLE_LABELS": ROLE_LABELS,
                          "SUBMISSION_LABELS": {k.value: v for k, v in SUBMISSION_LABELS.items()}}
SITE = "县（区）工会法律能力提升项目"


def page(request: Request, template: str, title: str, status_code: int = 200, **context: object) -> Response:
    """A page of the portal; `context` goes to the template beside request, viewer, csrf_token, title."""
    viewer = getattr(request.state, "viewer", None)
    session = getattr(request.state, "session", None) or {}
    return TEMPLATES.TemplateResponse(request, template, {
        "viewer": viewer, "csrf_token": session.get("c", ""), "title": title, "site": SITE, **context,
    }, status_code=status_code)
