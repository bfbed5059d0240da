"""The province table's last computed rows in the database (models/province_rows), and the data
fingerprint that tells whether they still match the data: the highest ids of the tables behind them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlmodel import select as select_model

from models.db import session_scope
from models.province_rows import ProvinceTableRows
from models.tables import (
    ArchiveDocument,
    AuditEvent,
    Contract,
    DutySchedule,
    EffectRecord,
    Expenditure,
    GateDecision,
    LedgerEntry,
    Notification,
    OversightVisit,
    ProviderSelection,
    Recommendation,
    Submission,
    TaskListItem,
    TeamMember,
    Verdict,
    WorkPlan,
)
from tasks.context import ProgrammeRef
from tasks.fingerprint import highest_ids_sql

WATCHED = (LedgerEntry, AuditEvent, Notification, Recommendation, WorkPlan, GateDecision, ProviderSelection,
           ArchiveDocument, TeamMember, DutySchedule, Contract, TaskListItem, Expenditure, OversightVisit,
           Submission, EffectRecord, Verdict)  # every table behind the rows (an update is audited)
WATCHED_SQL = text(highest_ids_sql(t.__table__ for t in WATCHED))


@dataclass(frozen=True)
class StoredRows:
    """Rows of (programme, day), computed at (UTC) on data with this fingerprint."""

    programme_id: int
    day: dt.date
    computed_at: dt.datetime
    fingerprint: str
    rows: list[dict]


def data_fingerprint(engine: Engine) -> str:
    """The highest id of each watched table (one statement): any import, decision, visit or message
    changes it."""
    with engine.connect() as conn:
        ids = conn.execute(WATCHED_SQL).one()
    return ".".join(str(i or 0) for i in ids)


def compute_and_store(engine: Engine, ref: ProgrammeRef, day: dt.date, at: dt.datetime) -> StoredRows:
    """Compute the rows (tasks/services/province_table) and keep them; the fingerprint is read first, so
    a change made during the computation makes them stale."""
    from tasks.services.province_table import province_rows

    fingerprint = data_fingerprint(engine)
    shown = [shown_of(row) for row in province_rows(engine, ref, day)]
    rows = json.loads(json.dumps(shown, ensure_ascii=False, default=_plain))
    stored = StoredRows(ref.id, day, at, fingerprint, rows)
    save(engine, stored)
    return stored


SHOWN = ("unit_code", "unit_name", "city_code", "city_name", "phase", "phase_label", "lacking", "oversight",
         "funds", "open_cases", "completion")


def shown_of(row: dict) -> dict:
    """What the table shows and sorts by (web/templates/province.html, web/province_sort) of a row: a
    twentieth of the whole status entry (its gate evidence, score reasons…), so it loads in milliseconds."""
    kept = {key: row[key] for key in SHOWN}
    score = row["score"]
    return kept | {
        "gate": {"met": row["gate"]["met"]},
        "quotas": [{k: q[k] for k in ("label", "count", "target", "status")} for q in row["quotas"]],
        "ledger": {"last_entry_on": row["ledger"]["last_entry_on"]},
        "score": {k: score[k] for k in ("total", "total_text", "suggested_label")},
    }


def _plain(value: object) -> str:
    """Dates (and anything else JSON lacks) as their ISO text, as the status document prints them."""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def save(engine: Engine, stored: StoredRows) -> None:
    """Replace the programme's stored rows."""
    with session_scope(engine) as session:
        row = session.exec(select_model(ProvinceTableRows).where(
            ProvinceTableRows.programme_id == stored.programme_id)).first()
        row = row or ProvinceTableRows(programme_id=stored.programme_id, day=stored.day,
                                       computed_at=stored.computed_at, fingerprint="", rows_json="")
        row.day, row.computed_at, row.fingerprint = stored.day, stored.computed_at, stored.fingerprint
        row.rows_json = json.dumps(stored.rows, ensure_ascii=False)
        session.add(row)


def stamp_of(engine: Engine, programme_id: int) -> tuple[dt.date, dt.datetime, str] | None:
    """The stored rows' day, computed-at and fingerprint, without the rows (None: nothing stored)."""
    t = ProvinceTableRows
    with engine.connect() as conn:
        found = conn.execute(select(t.day, t.computed_at, t.fingerprint)
                             .where(t.programme_id == programme_id)).first()
    return None if found is None else (found[0], found[1], found[2])


def load(engine: Engine, programme_id: int) -> StoredRows | None:
    """The programme's stored rows (None: never computed)."""
    t = ProvinceTableRows
    with engine.connect() as conn:
        found = conn.execute(select(t.day, t.computed_at, t.fingerprint, t.rows_json)
                             .where(t.programme_id == programme_id)).first()
    if found is None:
        return None
    day, at, fingerprint, rows = found
    return StoredRows(programme_id, day, at, fingerprint, json.loads(rows))
