"""The province's pages: the sortable table of every unit, review (approve/return), the annual statistics,
held mail to assign. Each calls the service the CLI calls; the acting account is the audit's actor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fastapi import Form, Request
from fastapi.responses import RedirectResponse
from markupsafe import Markup
from starlette.responses import Response

from models.errors import Refusal
from web import data
from web import province_data as pdata
from web.permissions import NotFound, viewer_of
from web.province_cache import table_of
from web.province_sort import COLUMNS, sorted_rows
from web.render import page

BEIJING = dt.timezone(dt.timedelta(hours=8))
RETURN_NEEDS_REASON = "退回须填写理由（将通知推荐该单位的市总工会）"


def _programme(request: Request):
    ref = data.programme(request.app.state.engine)
    if ref is None:
        raise NotFound()
    return ref


def province_home(request: Request, sort: str = "city", order: str = "asc") -> Response:
    """Every implementing unit in a table sorted on the server by ?sort=<column>&order=asc|desc, from the
    stored rows (web/province_cache: a stale table is shown while a background thread refreshes it)."""
    app = request.app.state
    ref, day = data.programme(app.engine), app.today()
    view = table_of(app).view(ref, day) if ref is not None else None
    rows, column, direction = sorted_rows(view.rows if view else [], sort, order)
    # each <tr> is Markup rendered with autoescaping: joined as text (Markup.join would escape each again)
    body = Markup("".join(view.html[row["unit_code"]] for row in rows)) if view else Markup("")
    at = view.computed_at if view else None
    return page(request, "province.html", "省总工会工作台", programme=ref, rows=rows, body=body, as_of=day,
                columns=COLUMNS, sort=column, order=direction, view=view,
                computed_at=at.astimezone(BEIJING).strftime("%H:%M") if at else None,
                computed_on=at.astimezone(BEIJING).date() if at else None)


def province_refresh(request: Request) -> Response:
    """立即刷新: recompute the table in the background now; back to the table (which waits briefly)."""
    app = request.app.state
    table_of(app).refresh(_programme(request), app.today())
    return RedirectResponse("/province", status_code=303)


def _refresh_table(request: Request) -> None:
    """After a decision taken here: the table is recomputed at once (the next request waits briefly)."""
    app = request.app.state
    ref = data.programme(app.engine)
    if ref is not None:
        table_of(app).refresh(ref, app.today())


def province_statistics_page(request: Request) -> Response:
    """全省年度统计: the pivot tables by city, category, month and 五进 venue, with bar charts."""
    app = request.app.state
    ref = _programme(request)
    tables = pdata.statistics_tables(app.engine, ref, app.today())
    return page(request, "province_statistics.html", "全省年度统计", programme=ref, as_of=app.today(),
                tables=tables)


def _reviews(request: Request, status_code: int = 200, **context: object) -> Response:
    app = request.app.state
    ref = _programme(request)
    pending = pdata.pending_reviews(app.engine, ref, app.today())
    return page(request, "province_reviews.html", "待审核备案", status_code=status_code, pending=pending,
                as_of=app.today(), **context)


def province_reviews(request: Request) -> Response:
    """The submissions waiting for review, each with approve and return (with a reason) forms."""
    return _reviews(request)


def province_review(request: Request, code: str, decision: str = Form(""), reason: str = Form("")
                    ) -> Response:
    """Approve or return a unit's materials (tasks/review, as `legalcap review approve|return`)."""
    if decision == "return" and not reason.strip():
        return _reviews(request, 400, error=RETURN_NEEDS_REASON, unit_code=code)
    app = request.app.state
    try:
        row = pdata.review(app.engine, _programme(request), code, decision, reason.strip(),
                          by=viewer_of(request).username, on=app.today(), at=request.state.now)
    except Refusal as refusal:
        return _reviews(request, 400, error="；".join(refusal.lines()), unit_code=code)
    _refresh_table(request)
    done = "已通过审核备案" if row.decision == "approve" else "已退回，并通知推荐该单位的市总工会"
    return _reviews(request, notice=f"{code}：{done}")


def _mail(request: Request, status_code: int = 200, **context: object) -> Response:
    return page(request, "province_mail.html", "待确认的来信", status_code=status_code,
                held=pdata.held_mail(), **context)


def province_mail(request: Request) -> Response:
    """Mail the mailbox held (sender not in the contacts…), each with a form to name its unit."""
    return _mail(request)


def province_mail_assign(request: Request, message: int, unit_code: str = Form("")) -> Response:
    """Give a held message to a unit and import it now (as `legalcap mailbox assign`)."""
    try:
        by = viewer_of(request).username
        done = pdata.assign_mail(str(message), unit_code, by=by, at=request.state.now)
    except Refusal as refusal:
        return _mail(request, 400, error="；".join(refusal.lines()))
    _refresh_table(request)
    return _mail(request, notice=f"邮件 #{message} 已指定给 {unit_code}：附件 {done.files} 个，已登记 "
                                 f"{done.registered}，未能登记 {done.refused}，重复 {done.duplicate}，"
                                 f"仍待确认 {done.held}")


def province_mail_dismiss(request: Request, message: int, reason: str = Form("")) -> Response:
    """A held message not to be imported (spam, a private letter), as `legalcap mailbox dismiss`."""
    try:
        row = pdata.dismiss_mail(str(message), reason, by=viewer_of(request).username, at=request.state.now)
    except Refusal as refusal:
        return _mail(request, 400, error="；".join(refusal.lines()))
    who, why = row.sender or "无发件人", " ".join(reason.split())
    return _mail(request, notice=f"邮件 #{message}（{who}）不予登记：{why}")


HANDLERS: dict[str, Callable[..., Response]] = {
    "province_home": province_home,
    "province_refresh": province_refresh,
    "province_statistics_page": province_statistics_page,
    "province_reviews": province_reviews,
    "province_review": province_review,
    "province_mail": province_mail,
    "province_mail_assign": province_mail_assign,
    "province_mail_dismiss": province_mail_dismiss,
}
