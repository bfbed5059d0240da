"""Provider selection, contract, team, duty schedule, task list and the procurement archive."""

import datetime as dt

from sqlmodel import Field, SQLModel


class Provider(SQLModel, table=True):
    """法律服务社会组织 identified by its 统一社会信用代码."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    credit_code: str = Field(unique=True, max_length=18)
    contact: str = ""


class ProviderSelection(SQLModel, table=True):
    """遴选: the method, the scored candidates and the winner."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    method: str
    candidates_json: str = Field(description="[{name, scores: {dimension: score}, total}]")
    winner_provider_id: int | None = Field(default=None, foreign_key="provider.id")
    decided_on: dt.date
    source_file: str = ""
    sha256: str = ""
    method_note: str = Field(default="", description="其他方式说明（遴选方式为其他合规方式时）")
    selection_reason: str = Field(default="", description="择优说明（候选不足 3 家或中选者非最高分时）")


class Contract(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    provider_id: int = Field(foreign_key="provider.id")
    amount_fen: int
    subsidy_fen: int
    signed_on: dt.date
    service_start: dt.date
    service_end: dt.date


class TeamMember(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    provider_id: int = Field(foreign_key="provider.id")
    name: str
    role: str
    qualification: str = ""
    recorded_on: dt.date


class DutySchedule(SQLModel, table=True):
    """坐班: rotation on working days, or fixed weekdays (1=Monday … 5=Friday)."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    kind: str
    weekdays: str = ""
    notes: str = ""
    set_on: dt.date


class TaskListItem(SQLModel, table=True):
    """任务清单: the unit's refined tasks with their numeric targets."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    category: str
    description: str
    target: int = 0
    refined_on: dt.date


class ArchiveDocument(SQLModel, table=True):
    """A file of the procurement archive (seven kinds), kept by path and SHA-256."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    kind: str = Field(index=True)
    path: str
    sha256: str = Field(max_length=64)
    size_bytes: int
    registered_on: dt.date
    registered_at: dt.datetime
    registered_by: str
