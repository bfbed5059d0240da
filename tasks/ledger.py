"""Store ledger rows: new rows added, changed rows updated and audited, nothing twice.

A row's identity is its fingerprint (its 台账编号, else the sheet's natural key), so importing the
same file again, or an updated copy of it, never duplicates an entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlmodel import Session, select

from models.tables import LedgerEntry, LedgerPerson
from tasks.audit import record_audit
from tasks.context import ProgrammeRef
from tasks.forms.ledger_xlsx import LedgerRow, row_fingerprint
from tasks.submissions import Received

CHUNK = 500
PUBLIC_FIELDS = ("unit_code", "category", "subtype", "venue", "format", "topic", "occurred_on", "title",
                 "quantity", "participants", "amount_fen", "notes", "fields_json")


@dataclass
class LedgerImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    changed_units: set[str] = field(default_factory=set)


def _public(row: LedgerRow) -> dict:
    return {"unit_code": row.unit_code, "category": row.category, "subtype": row.subtype,
            "venue": row.venue, "format": row.fmt, "topic": row.topic, "occurred_on": row.occurred_on,
            "title": row.title, "quantity": row.quantity, "participants": row.participants,
            "amount_fen": row.amount_fen, "notes": row.notes,
            "fields_json": json.dumps(row.fields, ensure_ascii=False, sort_keys=True)}


def _existing(session: Session, programme_id: int, prints: list[str]) -> dict[str, LedgerEntry]:
    found: dict[str, LedgerEntry] = {}
    for start in range(0, len(prints), CHUNK):
        chunk = prints[start:start + CHUNK]
        stmt = select(LedgerEntry).where(LedgerEntry.programme_id == programme_id,
                                         LedgerEntry.fingerprint.in_(chunk))
        found.update({e.fingerprint: e for e in session.exec(stmt)})
    return found


def store_ledger_rows(session: Session, ref: ProgrammeRef, rows: list[LedgerRow], got: Received
                      ) -> LedgerImportReport:
    """Add new rows, update changed ones (audited), leave identical ones alone."""
    report = LedgerImportReport()
    prints = [row_fingerprint(r) for r in rows]
    existing = _existing(session, ref.id, prints)
    persons = _persons(session, [e.id for e in existing.values()])
    for row, fingerprint in zip(rows, prints, strict=True):
        entry = existing.get(fingerprint)
        if entry is None:
            _add(session, ref, row, fingerprint, got)
            report.added += 1
        elif _update(session, ref, entry, persons.get(entry.id), row, got):
            report.updated += 1
        else:
            report.unchanged += 1
            continue
        report.changed_units.add(row.unit_code)
    record_audit(session, at=got.at, actor=got.by, action="ledger.imported", programme_id=ref.id,
                 subject=got.path.name, details={"sha256": got.sha256, "added": report.added,
                                                 "updated": report.updated, "unchanged": report.unchanged})
    return report


def _persons(session: Session, entry_ids: list[int]) -> dict[int, LedgerPerson]:
    found: dict[int, LedgerPerson] = {}
    for start in range(0, len(entry_ids), CHUNK):
        stmt = select(LedgerPerson).where(LedgerPerson.entry_id.in_(entry_ids[start:start + CHUNK]))
        found.update({p.entry_id: p for p in session.exec(stmt)})
    return found


def _provenance(row: LedgerRow, got: Received) -> dict:
    return {"source_file": str(got.path), "source_sha256": got.sha256, "source_sheet": row.sheet,
            "source_row": row.row}


def _add(session: Session, ref: ProgrammeRef, row: LedgerRow, fingerprint: str, got: Received) -> None:
    entry = LedgerEntry(programme_id=ref.id, fingerprint=fingerprint, imported_at=got.at,
                        **_public(row), **_provenance(row, got))
    session.add(entry)
    if any(row.personal.values()):
        session.flush()
        session.add(LedgerPerson(entry_id=entry.id, **_person_fields(row)))


def _person_fields(row: LedgerRow) -> dict:
    keys = ("worker_name", "phone", "id_number", "address")
    return {k: row.personal.get(k, "") for k in keys}


def _update(session, ref, entry: LedgerEntry, person: LedgerPerson | None, row: LedgerRow, got) -> bool:
    """Apply a changed row; audit which public fields changed (personal data only as 'changed')."""
    new = _public(row)
    changed = {k: (str(getattr(entry, k)), str(v)) for k, v in new.items() if getattr(entry, k) != v}
    new_person = _person_fields(row)
    old_person = {k: getattr(person, k) for k in new_person} if person else dict.fromkeys(new_person, "")
    person_changed = new_person != old_person
    if not changed and not person_changed:
        return False
    for key, value in {**new, **_provenance(row, got)}.items():
        setattr(entry, key, value)
    entry.updated_at = got.at
    if person_changed:
        _save_person(session, entry, person, new_person)
    record_audit(session, at=got.at, actor=got.by, action="ledger.row_changed", subject=entry.unit_code,
                 programme_id=ref.id, details={"entry": entry.id, "changed": changed,
                                               "personal_data_changed": person_changed,
                                               "sheet": row.sheet, "row": row.row})
    return True


def _save_person(session, entry: LedgerEntry, person: LedgerPerson | None, values: dict) -> None:
    if person is None:
        session.add(LedgerPerson(entry_id=entry.id, **values))
        return
    for key, value in values.items():
        setattr(person, key, value)
