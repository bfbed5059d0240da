"""Phase 2 tables: the ledger (public fields apart from personal data), cases, funds, visits."""

import datetime as dt

from sqlalchemy import text
from sqlmodel import Field, Index, SQLModel, UniqueConstraint

SUPERVISION_ROWS = "category = 'labour_supervision'"


class LedgerEntry(SQLModel, table=True):
    """One row of the 工作台账, with its provenance; personal data lives in LedgerPerson."""

    __table_args__ = (
        UniqueConstraint("programme_id", "fingerprint"),
        # the snapshot's two GROUP BY read these indexes alone (tasks/ledger_snapshot.py)
        Index("ix_ledgerentry_tally", "programme_id", "unit_code", "category", "venue", "subtype", "case_no",
              "occurred_on", "imported_at"),
        Index("ix_ledgerentry_cases", "programme_id", "unit_code", "case_no", "subtype", "occurred_on",
              "imported_at", "reply_due", "replied_on", sqlite_where=text(SUPERVISION_ROWS),
              postgresql_where=text(SUPERVISION_ROWS)),
    )

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id")  # indexed as the tally index's prefix
    unit_code: str = Field(foreign_key="unit.code")
    category: str
    subtype: str = ""
    venue: str = ""
    format: str = ""
    topic: str = ""
    occurred_on: dt.date
    title: str = ""
    quantity: int = 1
    participants: int = 0
    amount_fen: int = 0
    notes: str = ""
    fields_json: str = "{}"
    # 一函两书: a labour-supervision document's case and the employer's reply (also in fields_json)
    case_no: str = ""
    reply_due: dt.date | None = None
    replied_on: dt.date | None = None
    fingerprint: str = Field(max_length=64)
    source_file: str = ""
    source_sha256: str = ""
    source_sheet: str = ""
    source_row: int = 0
    imported_at: dt.datetime
    updated_at: dt.datetime | None = None


class LedgerPerson(SQLModel, table=True):
    """Personal data of a worker named in a ledger entry (PIPL: never leaves unmasked)."""

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="ledgerentry.id", index=True)
    worker_name: str = ""
    phone: str = ""
    id_number: str = ""
    address: str = ""


class SupervisionCase(SQLModel, table=True):
    """劳动法律监督 一函两书: 提示函 → 意见书 (reply due) → 建议书."""

    __table_args__ = (UniqueConstraint("programme_id", "unit_code", "case_no"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    case_no: str
    employer: str
    topic: str
    stage: str
    reminder_letter_on: dt.date | None = None
    opinion_on: dt.date | None = None
    reply_due_on: dt.date | None = None
    replied_on: dt.date | None = None
    recommendation_on: dt.date | None = None
    closed_on: dt.date | None = None
    outcome: str = ""


class Expenditure(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    contract_id: int | None = Field(default=None, foreign_key="contract.id")
    spent_on: dt.date
    amount_fen: int
    purpose: str
    voucher: str = ""
    source_file: str = ""
    source_sha256: str = ""
    source_row: int = 0
    received_on: dt.date | None = Field(default=None, description="收到日期 (NULL: spent_on)")


class OversightVisit(SQLModel, table=True):
    """市总工会督导: an on-site visit to its unit."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    city_code: str = Field(foreign_key="city.code", index=True)
    visited_on: dt.date
    visited_by: str
    notes: str = ""
    file_path: str = ""
    sha256: str = ""
    received_on: dt.date | None = Field(default=None, description="收到日期 (NULL: visited_on)")
