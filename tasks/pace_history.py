"""Read the month-end pace record of every unit: one query for the quota rows known by as_of."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from sqlalchemy import and_, or_
from sqlmodel import Session, select

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.pace_history import NO_RECORD, LedgerItem, PaceRecord, pace_record
from models.received_on import SHANGHAI
from models.tables import LedgerEntry
from tasks.context import TickContext
from tasks.ledger_snapshot import known_rows


def quota_rows(session: Session, programme_id: int, as_of: dt.date) -> dict[str, list[LedgerItem]]:
    """unit code → its quota rows (宣传, 监督, 调解) happened and received by as_of."""
    e = LedgerEntry
    quota = or_(e.category.in_(("publicity", "labour_supervision")),
                and_(e.category == "legal_aid", e.subtype == "mediation"))
    stmt = (select(e.unit_code, e.category, e.subtype, e.case_no, e.occurred_on, e.imported_at)
            .where(*known_rows(programme_id, as_of), quota))
    out: dict[str, list[LedgerItem]] = defaultdict(list)
    for unit, category, subtype, case_no, occurred_on, imported_at in session.exec(stmt):
        out[unit].append(LedgerItem(category, subtype or "", case_no or "", occurred_on,
                                    received_day(imported_at)))
    return out


def pace_records(session: Session, programme_id: int, cfg: ProgrammeConfig, calendar: WorkCalendar,
                 as_of: dt.date, starts: Mapping[str, dt.date | None]) -> dict[str, PaceRecord]:
    """unit code → (kept, checked, behind_months) for each unit of `starts` (real start; None: not yet)."""
    rows = quota_rows(session, programme_id, as_of)
    return {unit: pace_record(rows.get(unit, ()), cfg, calendar, start, as_of) if start else NO_RECORD
            for unit, start in starts.items()}


def pace_records_of(session: Session, ctx: TickContext) -> dict[str, PaceRecord]:
    """The same for every recommended unit of a tick context, from its statuses' real starts."""
    starts = {st.slot.unit_code: st.pace_from for st in ctx.statuses if st.slot.unit_code}
    return pace_records(session, ctx.programme_id, ctx.cfg, ctx.calendar, ctx.as_of, starts)


def received_day(stamp: dt.datetime | str) -> dt.date:
    """The Beijing-time day of a stored import moment (naive = UTC, as stored; SQLite may give text)."""
    if isinstance(stamp, str):
        stamp = dt.datetime.fromisoformat(stamp)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(SHANGHAI).date()
