"""The status document (phases, gates, quotas of every unit) as of a date."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from models.db import session_scope
from models.legal_aid import aid_by_unit
from models.status import UnitStatus, evaluate_slots, status_document
from tasks.context import ProgrammeRef, load_context, load_programme
from tasks.gc_pause import no_cyclic_gc
from tasks.legal_aid import aid_counts
from tasks.runtime import get_engine
from tasks.snapshot import load_slots


def status_as_of(day: dt.date, year: int | None) -> dict:
    """Every city's implementing unit: phase, gate criteria with evidence, submission, quota pace."""
    engine = get_engine()
    return status_for(engine, load_programme(engine, year), day)


def status_for(engine: Engine, ref: ProgrammeRef, day: dt.date) -> dict:
    """The same document for a programme already loaded (the simulation prints it mid-year and at the end)."""
    return document_of(engine, ref, load_context(engine, ref, day).statuses, day)


def document_of(engine: Engine, ref: ProgrammeRef, statuses: list[UnitStatus], day: dt.date,
                units: list[str] | None = None, aid_rows: dict[str, dict[str, int]] | None = None) -> dict:
    """The status document of these statuses (`units`: read only their legal-aid rows; `aid_rows`: the
    legal-aid counts already read, tasks/ledger_once)."""
    counts = aid_rows
    if counts is None:
        with session_scope(engine) as session:
            counts = aid_counts(session, ref.id, day, units)
    codes = [st.slot.unit_code for st in statuses if st.slot.unit_code]
    aid = aid_by_unit(codes, counts, ref.cfg.quotas.mediation_base.target, ref.cfg.legal_aid_rates)
    return status_document(statuses, ref.cfg, ref.config_hash, day, aid)


def status_of_unit(engine: Engine, ref: ProgrammeRef, day: dt.date, unit_code: str) -> dict | None:
    """One unit's part of the status document, read from that unit's rows alone (None: not a city's
    implementing unit on that day); the same dict as its entry in status_for's units."""
    with no_cyclic_gc(), session_scope(engine) as session:
        slots = load_slots(session, ref.id, day, unit_code)
    statuses = evaluate_slots(slots, ref.cfg, ref.calendar, day)
    units = document_of(engine, ref, statuses, day, [unit_code])["units"]
    return units[0] if units else None


def check_tick_day(day: dt.date, year: int | None) -> None:
    """Refuse before Prefect starts: no programme, or a day the calendar does not cover."""
    load_programme(get_engine(), year).calendar.is_workday(day)
