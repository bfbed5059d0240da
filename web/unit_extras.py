"""What a unit's page shows beyond its status, by who looks: the county its receipts, reminders and upload
form; a city its visit form; everyone the newest ledger rows, personal data masked but for the unit."""

from __future__ import annotations

from fastapi import Request

from models.web_rules import Role
from tasks.context import ProgrammeRef
from tasks.web_receipts import unit_receipts
from tasks.web_views import ledger_rows, reminders
from web.permissions import viewer_of
from web.unit_cache import cached


def shown_ids(text: str | None) -> set[int]:
    """The receipt numbers a redirect after an upload names (?receipts=12,13)."""
    return {int(part) for part in (text or "").split(",") if part.isdigit()}


def unit_extras(request: Request, code: str, ref: ProgrammeRef | None) -> dict:
    """The page's lists and forms for the viewer (own unit, its city, province or evaluator)."""
    app, viewer = request.app.state, viewer_of(request)
    own = viewer.role is Role.unit
    ledger = cached(request, ("ledger", ref.id, code, not own),
                    lambda: ledger_rows(app.engine, ref.id, code, masked=not own)) if ref else []
    extras: dict = {"ledger": ledger,
                    "masked": not own, "visit_form": viewer.role is Role.city and ref is not None}
    if own:
        receipts = cached(request, ("receipts", code), lambda: unit_receipts(app.engine, code))
        fresh = shown_ids(request.query_params.get("receipts"))
        extras |= {"receipts": receipts, "fresh": [r for r in receipts if r["id"] in fresh],
                   "reminders": cached(request, ("reminders", code, app.today()),
                                       lambda: reminders(app.engine, f"unit-{code}", app.today())),
                   "upload_limit_mb": app.upload_limit / (1 << 20)}
    return extras
