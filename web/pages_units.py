"""A unit's page (its status, kept per process while the data is unchanged: web/unit_cache) and its
template downloads."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from config.divisions import County, anhui_counties
from models.web_rules import Role
from web import data
from web.permissions import NotFound, viewer_of
from web.render import kept_page, page
from web.unit_cache import cached
from web.unit_extras import shown_ids, unit_extras

COUNTIES = {c.code: c for c in anhui_counties()}
MEDIA = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


async def unit_page(request: Request, code: str) -> Response:
    """Phase, gate lacking and quotas against pace (the status service), and the county's next steps; kept
    rendered while the data holds (web/render.kept_page), but right after an upload (its receipts shown)."""
    if shown_ids(request.query_params.get("receipts")):
        return await run_in_threadpool(unit_view, request, code)
    county = COUNTIES[code]      # authorize checked it is a county
    return await kept_page(request, ("unit", code, request.app.state.today()), "unit.html", _title(county),
                           lambda: unit_context(request, county))


def unit_view(request: Request, code: str, status_code: int = 200, **more: object) -> Response:
    """The unit's page computed now (`more`: what a form just did, for the template)."""
    county = COUNTIES[code]
    return page(request, "unit.html", _title(county), status_code=status_code,
                **unit_context(request, county), **more)


def _title(county: County) -> str:
    return f"{county.name}工作台"


def unit_context(request: Request, county: County) -> dict:
    """What unit.html shows of `county` to the viewer: status, ledger, and the county's own lists."""
    app, code = request.app.state, county.code
    ref = cached(request, ("programme",), lambda: data.programme(app.engine))
    day = app.today()
    unit = cached(request, ("status", ref.id, ref.config_hash, code, day),
                  lambda: data.unit_status(app.engine, ref, day, code)) if ref else None
    return dict(code=code, unit_name=county.name, city_name=county.city_name, programme=ref, unit=unit,
                as_of=day, own=viewer_of(request).role is Role.unit, templates=data.TEMPLATES,
                **unit_extras(request, code, ref))


def unit_template(request: Request, code: str, kind: str) -> Response:
    """A blank form from its writer (tasks/forms), prefilled with the unit's code where the form has one."""
    template = data.TEMPLATES.get(kind)
    ref = data.programme(request.app.state.engine)
    if template is None or ref is None:
        raise NotFound()
    body = data.template_bytes(kind, ref, code)
    name = f"{template.title}-{code}{template.suffix}"
    return Response(body, media_type=MEDIA[template.suffix], headers={
        "Content-Disposition": f"attachment; filename=\"{kind}-{code}{template.suffix}\"; "
                               f"filename*=UTF-8''{quote(name)}"})


HANDLERS: dict[str, Callable[..., object]] = {
    "unit_page": unit_page,
    "unit_template": unit_template,
}
