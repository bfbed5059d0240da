"""The evaluators: the packet build, each unit's 实际成效 and verdict forms, and rectification status.

The forms go through the services of `legalcap verdict assess` (tasks/services/assessment.assess),
`legalcap verdict record` and `legalcap verdict recheck` (tasks/services/evaluation.record, .recheck); a
refusal's problems are shown on the page in plain words (`Refusal.lines`: no command-line options).
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Callable
from pathlib import Path

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from models.db import session_scope
from models.effect import METHOD_LABELS
from models.errors import Refusal
from models.verdicts import VERDICT_LABELS
from tasks.audit import record_audit
from tasks.context import ProgrammeRef
from web import data
from web.evaluation_data import verdicts_with_effects
from web.packets import built, packet_file, stamp
from web.pages_units import COUNTIES
from web.permissions import NotFound, viewer_of
from web.render import NAME_MARK, kept, page
from web.unit_cache import cached

# a packet page is legalcap's own HTML with its inline style sheet: styles yes, scripts and forms never
PACKET_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src 'none'; "
              "form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
TYPES = {".html": "text/html; charset=utf-8", ".json": "application/json",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".pdf": "application/pdf", ".zip": "application/zip"}


# a 1×1 transparent GIF: packet pages (built for opening from disk) name no icon, so browsers ask for this
FAVICON = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
           b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


def favicon(request: Request) -> Response:
    return Response(FAVICON, media_type="image/gif")


def _folder(request: Request) -> tuple[ProgrammeRef | None, Path | None]:
    from tasks.packets.check import default_folder

    ref = cached(request, ("programme",), lambda: data.programme(request.app.state.engine))
    return (ref, default_folder(ref.year)) if ref else (None, None)


def evaluator_packet(request: Request, name: str) -> Response:
    """A file of the packet build, if the build's manifests list it (anything else: 404). The year's
    folder may lead the name (…/packets/2026/index.html): the link the 材料包已生成 message builds when
    intake.packets_base_url points at the portal's /evaluator/packets/."""
    ref, folder = _folder(request)
    name = name.removeprefix(f"{ref.year}/") if ref else name
    path = packet_file(folder, name) if folder else None
    if path is None:
        raise NotFound()
    kind = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    headers = {"Content-Security-Policy": PACKET_CSP}
    if not kind.startswith(("text/html", "application/json", "application/pdf")):
        headers["Content-Disposition"] = "attachment"
    return Response(path.read_bytes(), media_type=kind, headers=headers)


def _overview(request: Request) -> tuple[object, list[dict], bool]:
    """The programme, every unit's verdict row joined with its 实际成效 (kept while the data holds: one
    computation of the whole programme serves every evaluator page), and whether packets are built."""
    ref, folder = _folder(request)
    if ref is None or folder is None:
        return None, [], False
    app, day = request.app.state, request.app.state.today()
    rows = cached(request, ("verdicts", ref.id, ref.config_hash, day),
                  lambda: verdicts_with_effects(app.engine, ref, day))
    return ref, rows, built(folder)


def evaluator_home(request: Request) -> Response:
    """Packets, and each unit's pre-score, 实际成效, verdict and rectification (re-check) state."""
    ref, rows, packets = _overview(request)
    return page(request, "evaluator.html", "评估组工作台", programme=ref, rows=rows, packets=packets)


def evaluator_unit(request: Request, code: str) -> Response:
    """One unit: its packet, its latest 实际成效 and verdict, and the two forms (kept rendered while the data
    and the packet build hold)."""
    _, folder = _folder(request)
    key = ("evaluator", code, request.app.state.today(), stamp(folder) if folder else None)
    return kept(request, key, "evaluator_unit.html", _title(code), lambda: _unit_context(request, code))


def unit_view(request: Request, code: str, status_code: int = 200, **more: object) -> Response:
    """The evaluator's page of a unit computed now (`more`: what a form just did)."""
    return page(request, "evaluator_unit.html", _title(code), status_code=status_code,
                **_unit_context(request, code) | {"by": viewer_of(request).display_name}, **more)


def _title(code: str) -> str:
    return f"{COUNTIES[code].name}总结评估"


def _unit_context(request: Request, code: str) -> dict:
    """What evaluator_unit.html shows of a unit; the evaluator's name as the mark `kept` fills in."""
    ref, rows, packets = _overview(request)
    row = next((r for r in rows if r["unit_code"] == code), None)
    return dict(code=code, county=COUNTIES[code], programme=ref, row=row, packet=packets and row is not None,
                today=request.app.state.today(), methods=METHOD_LABELS, verdicts=VERDICT_LABELS, by=NAME_MARK)


def _day(text: object, label: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text or "").strip())
    except ValueError:
        raise Refusal(f"{label}：请按 YYYY-MM-DD 填写") from None


def _number(text: object) -> float:
    try:
        return float(str(text or "").strip())
    except ValueError:
        raise Refusal("实际成效得分：请填写 0 至 100 的数") from None


async def evaluator_effect(request: Request, code: str) -> Response:
    """Record a 实际成效 assessment (effect 0–100, notes, methods) made today or earlier."""
    from tasks.services.assessment import assess

    form = await request.form()
    app, now = request.app.state, request.state.now

    def run() -> str:
        on = _day(form.get("assessed_on") or app.today().isoformat(), "评估日期")
        done = assess(code, _number(form.get("effect")), str(form.get("notes", "")),
                      [str(m) for m in form.getlist("methods")], on, str(form.get("by", "")), now,
                      app.today(), None)
        a = done.assessment
        return f"已登记实际成效：{done.unit_name} {a.effect:g} 分（{a.methods_text}），{a.assessed_on}"
    return await _submit(request, code, run, "effect")


async def evaluator_verdict(request: Request, code: str) -> Response:
    """Record a verdict (promote, pass, or rectify with a due date) as `legalcap verdict record` does."""
    from tasks.services.evaluation import record

    form = await request.form()
    app, now = request.app.state, request.state.now

    def run() -> str:
        due = _day(form.get("due"), "整改期限") if str(form.get("due") or "").strip() else None
        done = record(code, str(form.get("verdict", "")), str(form.get("by", "")), due,
                      str(form.get("notes", "")), app.today(), now, None)
        row = done.row
        due_text = f"，整改期限 {row.due_on}" if row.due_on else ""
        return f"已记录评定：{done.unit_name} {VERDICT_LABELS[row.verdict]}，{row.decided_on}{due_text}"
    return await _submit(request, code, run, "verdict")


RECHECK_RESULTS = {"passed": True, "failed": False}


async def evaluator_recheck(request: Request, code: str) -> Response:
    """Record a rectification re-check made today, as `legalcap verdict recheck` does."""
    from tasks.services.evaluation import recheck

    form = await request.form()
    app, now = request.app.state, request.state.now

    def run() -> str:
        passed = RECHECK_RESULTS.get(str(form.get("result", "")))
        if passed is None:
            raise Refusal("复查结果：请选择“复查通过”或“复查未通过”")
        due = _day(form.get("due"), "新的整改期限") if str(form.get("due") or "").strip() else None
        done = recheck(code, passed, str(form.get("by", "")), due, str(form.get("notes", "")), app.today(),
                       now, None)
        if passed:
            return f"已登记复查：{done.unit_name} 整改复查通过（{done.closed.rechecked_on}），整改结束"
        assert done.again is not None, "a failed re-check opens a new rectification"
        return (f"已登记复查：{done.unit_name} 整改复查未通过（{done.closed.rechecked_on}），"
                f"继续整改，新期限 {done.again.due_on}")
    return await _submit(request, code, run, "recheck")


async def _submit(request: Request, code: str, run: Callable[[], str], form: str) -> Response:
    """Run a form's service; the unit's page with its line, or with its problems (400)."""
    try:
        line = await run_in_threadpool(run)
    except Refusal as refusal:
        return unit_view(request, code, status_code=400, problems=refusal.lines(), form=form)
    with session_scope(request.app.state.engine) as session:
        record_audit(session, at=request.state.now, actor=viewer_of(request).username,
                     action=f"web.{form}", subject=code, details={"done": line})
    return unit_view(request, code, done=line, form=form)


HANDLERS: dict[str, Callable[..., object]] = {
    "favicon": favicon,
    "evaluator_home": evaluator_home,
    "evaluator_packet": evaluator_packet,
    "evaluator_unit": evaluator_unit,
    "evaluator_effect": evaluator_effect,
    "evaluator_verdict": evaluator_verdict,
    "evaluator_recheck": evaluator_recheck,
}
