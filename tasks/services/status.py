"""The status document (phases, gates, quotas of every unit) as of a date."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from models.db import session_scope
from models.legal_aid import aid_by_unit
from models.status import status_document
from tasks.context import ProgrammeRef, load_context, load_programme
from tasks.legal_aid import aid_counts
from tasks.runtime import get_engine


def status_as_of(day: dt.date, year: int | None) -> dict:
    """Every city's implementing unit: phase, gate criteria with evidence, submission, quota pace."""
    engine = get_engine()
    return status_for(engine, load_programme(engine, year), day)


def status_for(engine: Engine, ref: ProgrammeRef, day: dt.date) -> dict:
    """The same document for a programme already loaded (the simulation prints it mid-year and at the end)."""
    ctx = load_context(engine, ref, day)
    with session_scope(engine) as session:
        counts = aid_counts(session, ref.id, day)
    units = [st.slot.unit_code for st in ctx.statuses if st.slot.unit_code]
    aid = aid_by_unit(units, counts, ref.cfg.quotas.mediation_base.target, ref.cfg.legal_aid_rates)
    return status_document(ctx.statuses, ref.cfg, ref.config_hash, day, aid)


def check_tick_day(day: dt.date, year: int | None) -> None:
    """Refuse before Prefect starts: no programme, or a day the calendar does not cover."""
    load_programme(get_engine(), year).calendar.is_workday(day)
