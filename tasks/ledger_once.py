"""The whole ledger as of a date in one statement, for the province table: each row read once, aggregated
in the database, and every consumer's figures derived from that one result in Python.

Three disjoint parts of one UNION ALL, each on an index that covers it: the quota items the pace record
counts (grouped by date and moment received, in the tally index's order: no sort; their count day is
worked out in Python), the 一函两书 cases (one row per case) and every other row (grouped in the tally
index's order). From them: the tally of attach_ledger, the case counts, every case (those awaiting
a reply are a filter of them), the legal-aid counts and the pace record's quota counts — the same figures
the separate queries of tasks/ledger_snapshot, tasks/legal_aid and tasks/pace_history return.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import (
    String,
    and_,
    case,
    func,
    literal,
    not_,
    null,
    or_,
    select,
    text,
    type_coerce,
    union_all,
)
from sqlmodel import Session

from models.facts import SlotFacts
from models.implementation import SUPERVISION_ROWS
from models.pace_history import QuotaCount
from models.supervision import STAGE_LABELS, CaseFacts
from models.tables import LedgerEntry
from tasks.ledger_snapshot import _as_date, _beijing_day, _case_facts, _fill, known_rows
from tasks.sql_day import known_day

SUPERVISION = "labour_supervision"
CODE = {"legal_aid": "mediation_base"}  # as tasks/pace_history: the quota a category's rows count towards


@dataclass(frozen=True)
class LedgerDigest:
    """Per unit: tally rows (unit, category, venue, rows, mediation rows, last entry, last import), case
    count, legal-aid rows by service, pace quota counts; and every case known by the day."""

    tally: dict[str, list[tuple]]
    case_counts: dict[str, int]
    cases: list[CaseFacts]
    aid: dict[str, dict[str, int]]
    pace: dict[str, list[QuotaCount]]

    def awaiting(self) -> list[CaseFacts]:
        """The cases with an opinion, no reply and no recommendation yet (load_cases(awaiting_reply=True))."""
        return [c for c in self.cases
                if "opinion" in c.documents and "recommendation" not in c.documents and c.replied_on is None]


def _items() -> tuple:
    """The rows the pace record counts one by one: publicity, supervision without a case, mediation."""
    e = LedgerEntry
    return (e.category == "publicity",
            and_(e.category == SUPERVISION, or_(e.case_no == "", e.case_no.is_(None))),
            and_(e.category == "legal_aid", e.subtype == "mediation"))


def _statement(programme_id: int, as_of: dt.date, exact: dt.date):
    """The one statement: items by day known, cases by case number, the rest in the tally index's order."""
    e, day = LedgerEntry, known_day(LedgerEntry.occurred_on, LedgerEntry.imported_at)
    where = known_rows(programme_id, as_of)
    none = [null()] * (len(STAGE_LABELS) + 3)
    items = (select(e.unit_code, e.category, e.venue, e.subtype, literal(""), literal(1),  # 1: a pace item
                    func.count(), _raw(e.occurred_on), _raw(e.imported_at), *none)
             .where(*where, or_(*_items()))  # grouped in the index's order; the count day in Python
             .group_by(e.unit_code, e.category, e.venue, e.subtype, e.case_no, e.occurred_on, e.imported_at))
    first = [func.min(case((e.subtype == doc, e.occurred_on))) for doc in STAGE_LABELS]
    cases = (select(e.unit_code, literal(SUPERVISION), literal(""), literal(""), e.case_no, null(),
                       func.count(), func.max(e.occurred_on), func.max(e.imported_at), *first,
                       func.max(e.reply_due), func.min(e.replied_on), func.min(day))
             .where(*where, text(SUPERVISION_ROWS), e.case_no != "")
             .group_by(e.unit_code, e.case_no))
    rest = (select(e.unit_code, e.category, e.venue, e.subtype, literal(""), null(),
                      func.count(), func.max(e.occurred_on), func.max(e.imported_at), *none)
            .where(*where, e.category.not_in(["publicity", SUPERVISION]),
                   not_(and_(e.category == "legal_aid", e.subtype == "mediation")))
            .group_by(e.unit_code, e.category, e.venue, e.subtype))
    return union_all(items, cases, rest)


def _raw(column):
    """A column as the driver gives it (SQLite: ISO text), not parsed row by row: the few distinct values
    are converted once each in Python (_count_day, _fill). The union's columns take these types."""
    return type_coerce(column, String)


def read_ledger(session: Session, programme_id: int, as_of: dt.date, exact: dt.date) -> LedgerDigest:
    """Every ledger figure the province table needs, from one statement (exact: pace_history.exact_from)."""
    tally: dict[tuple, list] = {}
    counts: dict[str, int] = defaultdict(int)
    cases: list[CaseFacts] = []
    aid: dict[str, dict[str, int]] = defaultdict(dict)
    pace: dict[tuple[str, str, dt.date], int] = defaultdict(int)
    for row in session.connection().execute(_statement(programme_id, as_of, exact)):
        unit, category, venue, subtype, case_no, on, n, last, imported = row[:9]
        _add_tally(tally, (unit, category, venue), n, category == "legal_aid" and subtype == "mediation",
                   last, imported)
        if case_no:
            counts[unit] += 1
            cases.append(_case_facts((unit, case_no, *row[9:-1])))
            pace[(unit, SUPERVISION, count_day_of(_as_date(row[-1]), exact))] += 1
            continue
        if category == "legal_aid":
            aid[unit][subtype] = aid[unit].get(subtype, 0) + n
        if on is not None:
            pace[(unit, CODE.get(category, category), _count_day(last, imported, exact))] += n
    cases.sort(key=lambda c: (c.unit_code, c.case_no))
    return LedgerDigest(_tally_by_unit(tally), dict(counts), cases, dict(aid), _pace_by_unit(pace))


@lru_cache(maxsize=4096)
def _count_day(occurred, imported, exact: dt.date) -> dt.date:
    """sql_day.count_day(known_day(occurred_on, imported_at)) in Python: the later of the row's date and
    the Beijing day it was received, then the first of its month before `exact` (cached: few distinct)."""
    return count_day_of(max(_as_date(occurred), _beijing_day(imported)), exact)


def count_day_of(day: dt.date, exact: dt.date) -> dt.date:
    """models/pace_history.count_day for an exact_from already known."""
    return day if day >= exact else day.replace(day=1)


def _add_tally(tally: dict[tuple, list], key: tuple, n: int, mediation: bool, last, imported) -> None:
    """Fold one group into its (unit, category, venue) tally row."""
    row = tally.get(key)
    if row is None:
        tally[key] = [*key, n, n if mediation else 0, last, imported]
        return
    row[3] += n
    row[4] += n if mediation else 0
    row[5], row[6] = max(row[5], last), max(row[6], imported)


def _tally_by_unit(tally: dict[tuple, list]) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = defaultdict(list)
    for key, row in tally.items():
        out[key[0]].append(tuple(row))
    return dict(out)


def _pace_by_unit(pace: dict[tuple[str, str, dt.date], int]) -> dict[str, list[QuotaCount]]:
    out: dict[str, list[QuotaCount]] = defaultdict(list)
    for (unit, code, on), n in pace.items():
        out[unit].append((code, on, n))
    return dict(out)


def attach_digest(by_unit: dict[str, SlotFacts], digest: LedgerDigest) -> None:
    """What attach_ledger attaches to every unit's slot, from the digest instead of its own queries."""
    for unit, rows in digest.tally.items():
        if (slot := by_unit.get(unit)) is not None:
            _fill(slot, rows, digest.case_counts.get(unit))
    waiting: dict[str, list[CaseFacts]] = defaultdict(list)
    for facts in digest.awaiting():
        waiting[facts.unit_code].append(facts)
    for unit, slot in by_unit.items():
        slot.cases = tuple(waiting.get(unit, ()))
