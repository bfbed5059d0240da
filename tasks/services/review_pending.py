"""The submissions waiting for the province's review (审核备案) as of a date."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Engine

from models.filing_chases import waiting_for_review
from tasks.context import ProgrammeRef, load_context, load_programme
from tasks.runtime import get_engine


def pending_reviews(day: dt.date, year: int | None) -> list[dict]:
    """Each unit whose complete materials await review: city, unit, received on, review due, resent."""
    engine = get_engine()
    return pending_for(engine, load_programme(engine, year), day)


def pending_for(engine: Engine, ref: ProgrammeRef, day: dt.date) -> list[dict]:
    """The same for a programme already loaded (the portal's engine)."""
    ctx = load_context(engine, ref, day)
    return [w.as_dict() for w in waiting_for_review(ctx.slots, ref.cfg, ref.calendar, day)]
