"""The evaluators' 实际成效 assessments as stored: one row per assessment, the latest per unit counts."""

import datetime as dt

from sqlmodel import Field, SQLModel


class EffectRecord(SQLModel, table=True):
    """One 实际成效 assessment of a unit (effect 0–100), with how it was assessed (methods: a comma list)."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    unit_code: str = Field(foreign_key="unit.code", index=True)
    effect: float
    notes: str
    methods: str = Field(default="", description="comma list of site_visit, document_review, interview")
    assessed_on: dt.date
    assessed_by: str
    recorded_at: dt.datetime
