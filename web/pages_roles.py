"""The city's and the province's home pages, and the province's statistics download."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from fastapi import Request
from starlette.responses import Response

from tasks.web_views import reminders
from web import data
from web.pages_units import MEDIA
from web.permissions import NotFound, viewer_of
from web.render import page


def _units(request: Request) -> tuple[object, list[dict]]:
    """The programme and its implementing units' status (empty before a start)."""
    app = request.app.state
    ref = data.programme(app.engine)
    if ref is None:
        return None, []
    doc = data.status(app.engine, ref, app.today())
    return ref, [u for u in doc["units"] if u["unit_code"]]


def city_home(request: Request) -> Response:
    """The unit(s) the city recommended, read-only links to their pages."""
    ref, units = _units(request)
    scope = viewer_of(request).scope
    mine = [u for u in units if u["city_code"] == scope]
    app = request.app.state
    return page(request, "city.html", "市总工会工作台", programme=ref, units=mine,
                reminders=reminders(app.engine, f"city-{scope}", app.today()))


def province_statistics(request: Request) -> Response:
    """全省年度统计 (.xlsx), as `legalcap stats export` writes it, as of today."""
    app = request.app.state
    ref = data.programme(app.engine)
    if ref is None:
        raise NotFound()
    day = app.today()
    name = f"{ref.year}-全省年度统计-{day.isoformat()}.xlsx"
    return Response(data.statistics_bytes(app.engine, ref, day), media_type=MEDIA[".xlsx"], headers={
        "Content-Disposition": f"attachment; filename=\"statistics-{day.isoformat()}.xlsx\"; "
                               f"filename*=UTF-8''{quote(name)}"})


HANDLERS: dict[str, Callable[..., Response]] = {
    "city_home": city_home,
    "province_statistics": province_statistics,
}
