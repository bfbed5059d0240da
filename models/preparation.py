"""Phase 1 tables: recommendations, work plans and the province's decisions."""

import datetime as dt

from sqlmodel import Field, SQLModel

from models.enums import RecordStatus


class Recommendation(SQLModel, table=True):
    """附件1 实施项目单位推荐表, one active row per city and programme."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    city_code: str = Field(foreign_key="city.code", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    unit_name: str
    contact_name: str
    contact_phone: str
    basic_situation: str
    reason: str
    city_opinion: str
    stamped_by: str = ""
    stamped_on: dt.date | None = None
    status: str = Field(default=RecordStatus.active.value, index=True)
    source_file: str
    sha256: str = Field(max_length=64)
    received_on: dt.date
    received_at: dt.datetime


class WorkPlan(SQLModel, table=True):
    """附件2 实施项目工作方案 (three sections, at most 1,500 characters)."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    targets: str
    foundation: str
    plan: str
    char_count: int
    count_rule: str
    status: str = Field(default=RecordStatus.active.value, index=True)
    source_file: str
    sha256: str = Field(max_length=64)
    received_on: dt.date
    received_at: dt.datetime


class GateDecision(SQLModel, table=True):
    """A decision at a gate: filing approve/return, a phase gate passed."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    gate: str
    decision: str
    decided_on: dt.date
    decided_at: dt.datetime
    decided_by: str
    reason: str = ""
    evidence_json: str = "[]"
