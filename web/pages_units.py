"""A unit's page (its status, kept per process while the data is unchanged: web/unit_cache) and its
template downloads."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from fastapi import Request
from starlette.responses import Response

from config.divisions import anhui_counties
from models.web_rules import Role
from web import data
from web.permissions import NotFound, viewer_of
from web.render import page
from web.unit_cache import cached

MEDIA = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def unit_page(request: Request, code: str) -> Response:
    """Phase, gate lacking and quotas against pace (the status service), and the county's next steps."""
    return unit_view(request, code)


def unit_view(request: Request, code: str, status_code: int = 200, **more: object) -> Response:
    """The unit's page (`more`: what a form just did, for the template)."""
    from web.unit_extras import unit_extras

    county = next(c for c in anhui_counties() if c.code == code)   # authorize checked it is a county
    app = request.app.state
    ref = cached(request, ("programme",), lambda: data.programme(app.engine))
    day = app.today()
    unit = cached(request, ("status", ref.id, ref.config_hash, code, day),
                  lambda: data.unit_status(app.engine, ref, day, code)) if ref else None
    viewer = viewer_of(request)
    return page(request, "unit.html", f"{county.name}工作台", code=code, unit_name=county.name,
                city_name=county.city_name, programme=ref, unit=unit, as_of=day,
                own=viewer.role is Role.unit, templates=data.TEMPLATES, status_code=status_code,
                **unit_extras(request, code, ref), **more)


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


HANDLERS: dict[str, Callable[..., Response]] = {
    "unit_page": unit_page,
    "unit_template": unit_template,
}
