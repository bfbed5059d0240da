"""Read the 一函两书 cases from the ledger in one query."""

from __future__ import annotations

import datetime as dt
import json

from sqlmodel import Session, select

from models.supervision import CaseRow
from models.tables import LedgerEntry
from tasks.snapshot import known_by


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def load_case_rows(session: Session, programme_id: int, as_of: dt.date) -> list[CaseRow]:
    """Every labour-supervision ledger row known by as_of that carries a case number."""
    stmt = select(LedgerEntry.unit_code, LedgerEntry.subtype, LedgerEntry.occurred_on,
                  LedgerEntry.fields_json).where(
        LedgerEntry.programme_id == programme_id, LedgerEntry.category == "labour_supervision",
        LedgerEntry.occurred_on <= as_of, LedgerEntry.imported_at < known_by(as_of))
    rows = []
    for unit, document, on, fields_json in session.exec(stmt):
        fields = json.loads(fields_json or "{}")
        if fields.get("case_no"):
            rows.append(CaseRow(unit, fields["case_no"], document, on, fields.get("employer", ""),
                                _day(fields.get("reply_due")), _day(fields.get("replied_on"))))
    return rows
