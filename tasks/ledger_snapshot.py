"""The ledger part of a snapshot, aggregated inside the database: two GROUP BY queries in all.

A row counts from the day it was received (`imported_at`, see models/received_on), so a snapshot of a
past date sees only what the province knew then.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, distinct, func, text
from sqlmodel import Session, select

from models.facts import SlotFacts
from models.implementation import SUPERVISION_ROWS
from models.supervision import STAGE_LABELS, CaseFacts
from models.tables import LedgerEntry
from tasks.sql_json import json_text

SHANGHAI = ZoneInfo("Asia/Shanghai")
SUPERVISION = "labour_supervision"
CHUNK = 500


def known_by(as_of: dt.date) -> dt.datetime:
    """Ledger rows count from the day they were imported: the end of as_of, Beijing time."""
    return dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(0), SHANGHAI)


def known_rows(programme_id: int, as_of: dt.date) -> tuple:
    """The WHERE clause of every ledger read: this programme, happened and imported by as_of."""
    return (LedgerEntry.programme_id == programme_id, LedgerEntry.occurred_on <= as_of,
            LedgerEntry.imported_at < known_by(as_of))


def attach_ledger(session: Session, programme_id: int, as_of: dt.date, by_unit: dict[str, SlotFacts],
                  units: list[str] | None = None) -> None:
    """Quota counts, 五进 venues, last entry and import per unit, and its 一函两书 cases awaiting a reply
    (`units`: read only these units' rows)."""
    case_counts = _case_counts(session, programme_id, as_of, units)
    for unit, rows in _by_unit(_tally(session, programme_id, as_of, units)).items():
        if (slot := by_unit.get(unit)) is not None:
            _fill(slot, rows, case_counts.get(unit))
    waiting: dict[str, list[CaseFacts]] = defaultdict(list)
    for facts in load_cases(session, programme_id, as_of, units=units, awaiting_reply=True):
        waiting[facts.unit_code].append(facts)
    for unit, slot in by_unit.items():
        slot.cases = tuple(waiting.get(unit, ()))


def _only(units: list[str] | None) -> tuple:
    """The WHERE clause that keeps only `units` (none: every unit)."""
    return () if units is None else (LedgerEntry.unit_code.in_(units),)


def _tally(session: Session, programme_id: int, as_of: dt.date, units: list[str] | None = None) -> list:
    """Per unit, category and venue: rows, mediation rows, last entry, last import."""
    e = LedgerEntry
    mediation = case((and_(e.category == "legal_aid", e.subtype == "mediation"), 1), else_=0)
    return session.exec(
        select(e.unit_code, e.category, e.venue, func.count(), func.sum(mediation), func.max(e.occurred_on),
               func.max(e.imported_at))
        .where(*known_rows(programme_id, as_of), *_only(units))
        .group_by(e.unit_code, e.category, e.venue)).all()


def _case_counts(session: Session, programme_id: int, as_of: dt.date, units: list[str] | None = None
                 ) -> dict[str, int]:
    """Per unit, the 一函两书 cases (件) its documents belong to."""
    e = LedgerEntry
    return dict(session.exec(
        select(e.unit_code, func.count(distinct(e.case_no)))
        .where(*known_rows(programme_id, as_of), *_only(units), text(SUPERVISION_ROWS), e.case_no != "")
        .group_by(e.unit_code)).all())


def _by_unit(tally) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for row in tally:
        out[row[0]].append(row)
    return out


def _fill(slot: SlotFacts, rows: list, cases: int | None) -> None:
    counts: dict[str, int] = {}
    venues = set()
    for _, category, venue, n, mediation, _last, _imported in rows:
        counts[category] = counts.get(category, 0) + n
        if mediation:
            counts["mediation_base"] = counts.get("mediation_base", 0) + mediation
        if category == "publicity" and venue:
            venues.add(venue)
    if cases:  # labour supervision counts cases (件), not the documents of a case
        counts[SUPERVISION] = cases
    slot.quota_counts = counts
    slot.venues_reached = frozenset(venues)
    slot.last_entry_on = _as_date(max(row[5] for row in rows))
    slot.last_import_on = _beijing_day(max(row[6] for row in rows))


def load_cases(session: Session, programme_id: int, as_of: dt.date, *, units: list[str] | None = None,
               awaiting_reply: bool = False) -> list[CaseFacts]:
    """一函两书 cases known by as_of, one row per case pivoted in the database (partial index only).

    awaiting_reply: only cases with an opinion, no reply and no recommendation yet (what the tick
    chases). The employer is left out (see case_employers).
    """
    e = LedgerEntry
    first = {doc: func.min(case((e.subtype == doc, e.occurred_on))) for doc in STAGE_LABELS}
    stmt = (select(e.unit_code, e.case_no, *first.values(), func.max(e.reply_due), func.min(e.replied_on))
            .where(*known_rows(programme_id, as_of), text(SUPERVISION_ROWS), e.case_no != "")
            .group_by(e.unit_code, e.case_no).order_by(e.unit_code, e.case_no))
    if units is not None:
        stmt = stmt.where(e.unit_code.in_(units))
    if awaiting_reply:
        stmt = stmt.having(and_(first["opinion"].is_not(None), first["recommendation"].is_(None),
                                func.min(e.replied_on).is_(None)))
    return [_case_facts(row) for row in session.exec(stmt)]


def _case_facts(row) -> CaseFacts:
    unit, case_no, *firsts, due, replied = row
    documents = {doc: _as_date(on) for doc, on in zip(STAGE_LABELS, firsts, strict=True) if on is not None}
    return CaseFacts(unit, case_no, documents, "", _as_date(due), _as_date(replied))


def case_employers(session: Session, programme_id: int, cases: set[tuple[str, str]]
                   ) -> dict[tuple[str, str], str]:
    """The employer named on each of a few (unit, case number) pairs (for the messages)."""
    e, found = LedgerEntry, {}
    pairs = sorted(cases)
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start:start + CHUNK]
        stmt = (select(e.unit_code, e.case_no, func.max(json_text(e.fields_json, "employer")))
                .where(e.programme_id == programme_id, text(SUPERVISION_ROWS),
                       e.unit_code.in_({u for u, _ in chunk}), e.case_no.in_({no for _, no in chunk}))
                .group_by(e.unit_code, e.case_no))
        found.update({(unit, no): employer or "" for unit, no, employer in session.exec(stmt)})
    return {pair: found.get(pair, "") for pair in pairs}


def _as_date(value) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _beijing_day(value) -> dt.date | None:
    """The Beijing-time day of a stored timestamp (SQLite may hand back text for an aggregate)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(SHANGHAI).date()
