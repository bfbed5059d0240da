"""Phase 3 tables: the units' reports and the province's verdicts."""

import datetime as dt

from sqlmodel import Field, SQLModel


class Submission(SQLModel, table=True):
    """工作总结 (summary) or 成果报告 (results)."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    kind: str
    path: str
    sha256: str = Field(max_length=64)
    submitted_on: dt.date
    submitted_by: str


class Verdict(SQLModel, table=True):
    """promote / pass / rectify; a rectification is closed by a recorded re-check."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    verdict: str
    decided_on: dt.date
    decided_by: str
    due_on: dt.date | None = None
    notes: str = ""
    rechecked_on: dt.date | None = None
    rechecked_by: str = ""
    recheck_passed: bool | None = None
