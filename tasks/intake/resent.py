"""A file sent again: when a service refuses a file it already holds (推荐表, 工作方案, 遴选材料, 采购档案
refuse a resend), the receipt says it is on record instead of asking for a correction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import select

from models.enums import RecordStatus
from models.errors import Refusal
from models.intake import Counts, IntakeKind, Receipt
from models.tables import ArchiveDocument, ProviderSelection, Recommendation, WorkPlan
from tasks.files import sha256_file
from tasks.intake.register import Job, county_name

# kind -> (table, the day it was registered); a table with `status` counts only its standing rows
TABLES: dict[IntakeKind, tuple[Any, Any]] = {
    IntakeKind.recommendation: (Recommendation, Recommendation.received_on),
    IntakeKind.workplan: (WorkPlan, WorkPlan.received_on),
    IntakeKind.procurement: (ProviderSelection, ProviderSelection.decided_on),
    IntakeKind.archive: (ArchiveDocument, ArchiveDocument.registered_on),
}


def on_record(job: Job) -> Receipt | None:
    """A receipt saying this very file is already registered (unit, day), or None when it is not."""
    if job.kind not in TABLES:
        return None
    from tasks.services.common import programme_session

    table, day = TABLES[job.kind]
    sha = sha256_file(job.path)
    query = select(table.unit_code, day).where(table.sha256 == sha)
    if job.unit:
        query = query.where(table.unit_code == job.unit)
    if job.kind is IntakeKind.archive and job.archive_kind:   # the same file as another kind is refused
        query = query.where(ArchiveDocument.kind == job.archive_kind.value)
    if hasattr(table, "status"):
        query = query.where(table.status == RecordStatus.active.value)
    try:
        with programme_session(job.year) as (session, ref):
            found = session.exec(query.where(table.programme_id == ref.id).order_by(day)).first()
    except Refusal:                      # no programme: the service's own refusal stands
        return None
    return None if found is None else _receipt(job, found[0], found[1], sha)


def _receipt(job: Job, unit: str, day: dt.date, sha: str) -> Receipt:
    return job.receipt(unit=unit, unit_name=county_name(unit), sha256=sha, counts=Counts(unchanged=1),
                       summary=f"该文件已于 {day} 登记，本次未重复登记。")
