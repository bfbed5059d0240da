"""A county's upload through the one intake service, its receipts, and a ledger's rejects workbook.

The file is bound to the clerk's own unit (`only_unit`): a unit named in a form field or in the file is
never registered for. Received on the app's today, registered by the user; each receipt is kept in the
audit trail (tasks/web_receipts) and shown on the unit's page after a redirect (no repost on refresh).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from models.intake import Receipt, ReceivedFile
from models.upload_rules import HEAD_BYTES, type_problem
from tasks.mailbox.parse import Attached
from tasks.mailbox.unzip import expand
from tasks.web_receipts import record_upload, upload_rejects
from web import data
from web.pages_units import MEDIA
from web.permissions import NotFound, viewer_of
from web.unit_cache import forget
from web.uploads import checked


def portal_by(username: str) -> str:
    """How the portal names who registered a file (as the mailbox writes 邮件 <sender>)."""
    return f"门户 {username}"


async def unit_upload(request: Request, code: str) -> Response:
    """Check the upload (size, type), then intake each file (a zip's members one by one) for this unit."""
    form = await request.form()
    if form.get("unit_code") not in (None, code):
        raise NotFound()     # a form naming another unit: refused like a URL naming it
    app = request.app.state
    got = await checked(form.get("file"), app.upload_limit)
    viewer = viewer_of(request)
    if got.problem:
        receipts = [Receipt(file=got.name or "（未选择文件）", ok=False, message=got.problem)]
    else:
        receipts = await run_in_threadpool(_intake_all, request, code, got.name, got.content)
    ref = data.programme(app.engine)
    ids = [await run_in_threadpool(record_upload, app.engine, r, unit=code, user=viewer.username,
                                   at=request.state.now, programme_id=ref.id if ref else None)
           for r in receipts]
    forget(request)
    shown = ",".join(map(str, ids))
    return RedirectResponse(f"/units/{code}?receipts={shown}#receipt", status_code=303)


def _intake_all(request: Request, code: str, name: str, content: bytes) -> list[Receipt]:
    """Each file of the upload through `tasks.intake.intake`, bound to the unit; refused members said."""
    from tasks.intake import intake

    app, now = request.app.state, request.state.now
    out = []
    for item in expand((Attached(name, content),), app.zip_limits):
        problem = item.problem or type_problem(item.name, item.data[:HEAD_BYTES])
        if problem:
            out.append(Receipt(file=item.name, ok=False, message=problem))
            continue
        out.append(intake(ReceivedFile(
            name=item.name, content=item.data, received_on=app.today(), registered_at=now,
            registered_by=portal_by(viewer_of(request).username), unit_hint=code, only_unit=code)))
    return out


def unit_rejects(request: Request, code: str, receipt: str) -> Response:
    """A ledger upload's rejects workbook, by the receipt's number, only for the unit it belongs to."""
    path = upload_rejects(request.app.state.engine, code, int(receipt)) if receipt.isdigit() else None
    if path is None:
        raise NotFound()
    name = f"问题行-{receipt}.xlsx"
    return Response(path.read_bytes(), media_type=MEDIA[".xlsx"], headers={
        "Content-Disposition": f"attachment; filename=\"rejects-{receipt}.xlsx\"; "
                               f"filename*=UTF-8''{quote(name)}"})


HANDLERS: dict[str, Callable[..., object]] = {
    "unit_upload": unit_upload,
    "unit_rejects": unit_rejects,
}
