"""A city records a supervision visit to its unit through the service of `legalcap oversight record`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from models.db import session_scope
from models.errors import Refusal
from models.intake import ReceivedFile
from tasks.audit import record_audit
from web.pages_county import portal_by
from web.permissions import viewer_of
from web.unit_cache import forget
from web.uploads import Checked, checked

NO_DATE = "督导日期：请按 YYYY-MM-DD 填写，如 2026-07-01"


async def city_visit(request: Request, code: str) -> Response:
    """Record the visit (received today, the optional file kept like an upload), audited with the user."""
    form = await request.form()
    problems = []
    try:
        visited_on = dt.date.fromisoformat(str(form.get("visited_on", "")).strip())
    except ValueError:
        problems.append(NO_DATE)
    upload = form.get("file")
    file = None
    if getattr(upload, "filename", ""):
        got = await checked(upload, request.app.state.upload_limit)
        if got.problem:
            problems.append(f"督导记录文件“{got.name}”：{got.problem}")
        else:
            file = got
    if problems:
        return _back(request, code, problems)
    by, notes = str(form.get("by", "")), str(form.get("notes", ""))
    try:
        done = await run_in_threadpool(_record, request, code, visited_on, by, notes, file)
    except Refusal as refusal:
        return _back(request, code, refusal.lines())
    forget(request)
    return _back(request, code, [], done)


def _record(request: Request, code: str, visited_on: dt.date, by: str, notes: str,
            file: Checked | None) -> str:
    """The oversight service's record, and an audit event naming the portal user; the line to show."""
    from tasks.intake.route import kept
    from tasks.services import oversight_visits

    app, now, user = request.app.state, request.state.now, viewer_of(request).username
    path = None
    if file is not None:
        path = kept(ReceivedFile(name=file.name, content=file.content, received_on=app.today(),
                                 registered_at=now, registered_by=portal_by(user)))
    v = oversight_visits.record(code, visited_on, by, notes, path, now, None, app.today())
    with session_scope(app.engine) as session:
        record_audit(session, at=now, actor=user, action="web.oversight", subject=code,
                     details={"visited_on": visited_on, "by": by.strip(), "sha256": v.sha256 or ""})
    return (f"已登记督导：{v.city_name}总工会 → {v.unit_name}，{visited_on}，督导人 {by.strip()}；"
            f"{v.period_name}已督导 {v.done}/{v.required} 次")


def _back(request: Request, code: str, problems: list[str], done: str = "") -> Response:
    """The unit's page again, with the visit's line or its problems (400)."""
    from web.pages_units import unit_view

    return unit_view(request, code, status_code=400 if problems else 200, visit_problems=problems,
                     visit_done=done)


HANDLERS: dict[str, Callable[..., object]] = {"city_visit": city_visit}
