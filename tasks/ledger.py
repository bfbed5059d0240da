"""Store ledger rows: new rows added, changed rows updated and audited, nothing twice.

A row's identity is its fingerprint (its 台账编号, else the sheet's natural key), so importing the
same file again, or an updated copy of it, never duplicates an entry. A new row counts from the day the
ledger was received (`imported_at`, models/received_on), so a back-dated import is seen on its day.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import insert
from sqlmodel import Session, select

from models.received_on import counts_from
from models.tables import LedgerEntry, LedgerPerson
from tasks.audit import record_audit
from tasks.context import ProgrammeRef
from tasks.forms.ledger_xlsx import LedgerRow, row_fingerprint
from tasks.submissions import Received

READ_CHUNK = 5000  # fingerprints per IN list (SQLite allows 32,766 parameters)
INSERT_CHUNK = 5000
PERSON_FIELDS = ("worker_name", "phone", "id_number", "address")
PUBLIC_FIELDS = ("unit_code", "category", "subtype", "venue", "format", "topic", "occurred_on", "title",
                 "quantity", "participants", "amount_fen", "notes", "fields_json", "case_no", "reply_due",
                 "replied_on")


@dataclass
class LedgerImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    changed_units: set[str] = field(default_factory=set)


def store_ledger_rows(session: Session, ref: ProgrammeRef, rows: list[LedgerRow], got: Received
                      ) -> LedgerImportReport:
    """Add new rows (in bulk), update changed ones (audited), leave identical ones alone."""
    report = LedgerImportReport()
    prints = [row_fingerprint(r) for r in rows]
    existing = _existing(session, ref.id, prints)
    persons = _persons(session, [e["id"] for e in existing.values()])
    new: dict[str, LedgerRow] = {}
    for row, fingerprint in zip(rows, prints, strict=True):
        entry = existing.get(fingerprint)
        if entry is None:
            new[fingerprint] = row
        elif _update(session, ref, entry, persons.get(entry["id"]), row, got):
            report.updated += 1
        else:
            report.unchanged += 1
            continue
        report.changed_units.add(row.unit_code)
    report.added = _add_all(session, ref, new, got)
    record_audit(session, at=got.at, actor=got.by, action="ledger.imported", programme_id=ref.id,
                 subject=got.path.name, details={"sha256": got.sha256, "added": report.added,
                                                 "updated": report.updated, "unchanged": report.unchanged})
    return report


def _add_all(session: Session, ref: ProgrammeRef, new: dict[str, LedgerRow], got: Received) -> int:
    """Insert new entries in bulk, then their workers' personal data beside them."""
    imported_at = counts_from(got.on, got.at)
    values = [{"programme_id": ref.id, "fingerprint": fingerprint, "imported_at": imported_at, **_public(row),
               **_provenance(row, got)} for fingerprint, row in new.items()]
    conn, ids = session.connection(), {}
    stmt = insert(LedgerEntry).returning(LedgerEntry.fingerprint, LedgerEntry.id)
    for start in range(0, len(values), INSERT_CHUNK):
        ids.update(conn.execute(stmt, values[start:start + INSERT_CHUNK]).all())
    people = [{"entry_id": ids[fingerprint], **_person_fields(row)}
              for fingerprint, row in new.items() if any(row.personal.values())]
    for start in range(0, len(people), INSERT_CHUNK):
        conn.execute(insert(LedgerPerson), people[start:start + INSERT_CHUNK])
    return len(values)


def _public(row: LedgerRow) -> dict:
    return {"unit_code": row.unit_code, "category": row.category, "subtype": row.subtype,
            "venue": row.venue, "format": row.fmt, "topic": row.topic, "occurred_on": row.occurred_on,
            "title": row.title, "quantity": row.quantity, "participants": row.participants,
            "amount_fen": row.amount_fen, "notes": row.notes,
            "fields_json": json.dumps(row.fields, ensure_ascii=False, sort_keys=True),
            "case_no": row.fields.get("case_no", ""), "reply_due": _day(row.fields.get("reply_due")),
            "replied_on": _day(row.fields.get("replied_on"))}


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _existing(session: Session, programme_id: int, prints: list[str]) -> dict[str, dict]:
    """The stored public fields (and id) of the entries with these fingerprints, as plain dicts."""
    found: dict[str, dict] = {}
    columns = [LedgerEntry.id, LedgerEntry.fingerprint, *(getattr(LedgerEntry, k) for k in PUBLIC_FIELDS)]
    for start in range(0, len(prints), READ_CHUNK):
        stmt = select(*columns).where(LedgerEntry.programme_id == programme_id,
                                      LedgerEntry.fingerprint.in_(prints[start:start + READ_CHUNK]))
        found.update({r.fingerprint: dict(r._mapping) for r in session.exec(stmt)})
    return found


def _persons(session: Session, entry_ids: list[int]) -> dict[int, dict]:
    found: dict[int, dict] = {}
    columns = [LedgerPerson.entry_id, *(getattr(LedgerPerson, k) for k in PERSON_FIELDS)]
    for start in range(0, len(entry_ids), READ_CHUNK):
        stmt = select(*columns).where(LedgerPerson.entry_id.in_(entry_ids[start:start + READ_CHUNK]))
        found.update({r.entry_id: {k: getattr(r, k) for k in PERSON_FIELDS} for r in session.exec(stmt)})
    return found


def _provenance(row: LedgerRow, got: Received) -> dict:
    return {"source_file": str(got.path), "source_sha256": got.sha256, "source_sheet": row.sheet,
            "source_row": row.row}


def _person_fields(row: LedgerRow) -> dict:
    return {k: row.personal.get(k, "") for k in PERSON_FIELDS}


def _update(session, ref, stored: dict, person: dict | None, row: LedgerRow, got) -> bool:
    """Apply a changed row; audit which public fields changed (personal data only as 'changed')."""
    new = _public(row)
    changed = {k: (str(stored[k]), str(v)) for k, v in new.items() if stored[k] != v}
    new_person = _person_fields(row)
    person_changed = new_person != (person or dict.fromkeys(PERSON_FIELDS, ""))
    if not changed and not person_changed:
        return False
    entry = session.get(LedgerEntry, stored["id"])
    for key, value in {**new, **_provenance(row, got)}.items():
        setattr(entry, key, value)
    entry.updated_at = got.at
    if person_changed:
        _save_person(session, entry, new_person)
    record_audit(session, at=got.at, actor=got.by, action="ledger.row_changed", subject=entry.unit_code,
                 programme_id=ref.id, details={"entry": entry.id, "changed": changed,
                                               "personal_data_changed": person_changed,
                                               "sheet": row.sheet, "row": row.row})
    return True


def _save_person(session, entry: LedgerEntry, values: dict) -> None:
    person = session.exec(select(LedgerPerson).where(LedgerPerson.entry_id == entry.id)).first()
    if person is None:
        session.add(LedgerPerson(entry_id=entry.id, **values))
        return
    for key, value in values.items():
        setattr(person, key, value)
