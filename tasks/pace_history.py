"""Read the month-end pace record of every unit: quota items counted per unit, quota and month known
(exact days in the window end's month), aggregated in the database (two GROUP BY queries), then
cumulated month-end by month-end in Python."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from sqlalchemy import and_, func, literal, or_, text
from sqlmodel import Session, select

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.implementation import SUPERVISION_ROWS
from models.pace_history import (
    NO_RECORD,
    SUPERVISION,
    PaceRecord,
    QuotaCount,
    checks,
    exact_from,
    record_at,
)
from models.tables import LedgerEntry
from tasks.context import TickContext
from tasks.ledger_snapshot import known_rows
from tasks.sql_day import count_day, known_day

CODE = {"legal_aid": "mediation_base"}  # the quota a category's rows count towards (else its own)


def quota_counts(session: Session, programme_id: int, as_of: dt.date, exact: dt.date
                 ) -> dict[str, list[QuotaCount]]:
    """unit code → (quota, day counted, items) known by as_of; a supervision case once, from its first
    known day; days before `exact` counted at the first of their month (models/pace_history.count_day)."""
    e, day = LedgerEntry, known_day(LedgerEntry.occurred_on, LedgerEntry.imported_at)
    items = or_(e.category == "publicity",
                and_(e.category == SUPERVISION, or_(e.case_no == "", e.case_no.is_(None))),
                and_(e.category == "legal_aid", e.subtype == "mediation"))
    plain = (select(e.unit_code, e.category, count_day(day, exact), func.count())
             .where(*known_rows(programme_id, as_of), items)
             .group_by(e.unit_code, e.category, count_day(day, exact)))
    first = (select(e.unit_code.label("unit"), func.min(day).label("day"))
             .where(*known_rows(programme_id, as_of), text(SUPERVISION_ROWS), e.case_no != "")
             .group_by(e.unit_code, e.case_no).subquery())
    cases = (select(first.c.unit, literal(SUPERVISION), count_day(first.c.day, exact), func.count())
             .group_by(first.c.unit, count_day(first.c.day, exact)))
    out: dict[str, list[QuotaCount]] = defaultdict(list)
    for stmt in (plain, cases):
        for unit, category, on, n in session.exec(stmt):
            out[unit].append((CODE.get(category, category), _as_date(on), n))
    return out


def pace_records(session: Session, programme_id: int, cfg: ProgrammeConfig, calendar: WorkCalendar,
                 as_of: dt.date, starts: Mapping[str, dt.date | None],
                 counts: Mapping[str, list[QuotaCount]] | None = None) -> dict[str, PaceRecord]:
    """unit code → (kept, checked, behind_months) for each unit of `starts` (real start; None: not yet);
    `counts`: quota_counts already read (tasks/ledger_once), else read here."""
    if counts is None:
        counts = quota_counts(session, programme_id, as_of, exact_from(cfg))
    at = {start: checks(cfg, calendar, start, as_of) for start in set(starts.values()) if start}
    return {unit: record_at(counts.get(unit, ()), cfg, at[start]) if start else NO_RECORD
            for unit, start in starts.items()}


def pace_records_of(session: Session, ctx: TickContext) -> dict[str, PaceRecord]:
    """The same for every recommended unit of a tick context, from its statuses' real starts."""
    starts = {st.slot.unit_code: st.pace_from for st in ctx.statuses if st.slot.unit_code}
    return pace_records(session, ctx.programme_id, ctx.cfg, ctx.calendar, ctx.as_of, starts)


def _as_date(value: dt.date | str) -> dt.date:
    """A day from the database (SQLite may give text)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
