"""Preparation (筹备部署): register recommendations, work plans, reviews, procurement dossiers, archives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from config.settings import get_settings
from models.enums import ArchiveKind
from models.errors import fail
from models.forms import ProcurementDossier, WorkPlanText
from tasks.services.common import programme_session, received, received_as


@dataclass(frozen=True)
class RegisteredRecommendation:
    stamped_by: str
    unit_name: str
    unit_code: str
    received_on: dt.date


@dataclass(frozen=True)
class RecommendationsRegistered:
    units: list[RegisteredRecommendation]
    due: dt.date
    sha256: str


@dataclass(frozen=True)
class WorkPlanRegistered:
    plan: WorkPlanText
    sha256: str
    note: str | None = None   # over the notice's 原则上 limit: accepted, flagged for the reviewer


@dataclass(frozen=True)
class ArchiveAdded:
    kind: ArchiveKind
    sha256: str
    stored: str


def import_recommendations(file: Path, on: dt.date, at: dt.datetime, by: str, year: int | None,
                           replace: bool) -> RecommendationsRegistered:
    """Read a recommendation form (.docx/.xlsx) and register every unit it names, all or none."""
    from tasks.forms.recommendation import read_recommendation_file
    from tasks.submissions import register_recommendations

    got = received(file, on, at, by)
    forms = read_recommendation_file(got.path)
    with programme_session(year) as (session, ref):
        stored = register_recommendations(session, ref, forms, got, replace=replace)
        units = [RegisteredRecommendation(r.stamped_by, r.unit_name, r.unit_code, r.received_on)
                 for r in stored]
    return RecommendationsRegistered(units, ref.cfg.deadlines.recommendation, got.sha256)


def import_work_plan(file: Path, unit: str, on: dt.date, at: dt.datetime, by: str,
                     year: int | None) -> WorkPlanRegistered:
    """Read a work plan and register it for the unit."""
    from models.workplan_count import length_note
    from tasks.forms.workplan import read_workplan
    from tasks.submissions import register_work_plan

    got = received(file, on, at, by)
    plan = read_workplan(got.path)
    with programme_session(year) as (session, ref):
        register_work_plan(session, ref, unit, plan, got)
        note = length_note(plan.char_count, ref.cfg.workplan_soft_limit)
    return WorkPlanRegistered(plan, got.sha256, note)


def record_review(decision: str, unit: str, by: str, reason: str, on: dt.date, at: dt.datetime,
                  year: int | None) -> None:
    """Approve (备案) or return the unit's materials."""
    from tasks.review import review_unit

    with programme_session(year) as (session, ref):
        review_unit(session, ref, unit, decision, by=by, reason=reason, on=on, at=at)


def import_procurement(file: Path, on: dt.date, at: dt.datetime, by: str,
                       year: int | None, *, only_unit: str | None = None) -> ProcurementDossier:
    """Read a procurement dossier (.xlsx) and register it; the dossier as read (`only_unit`: another
    unit's dossier is refused)."""
    from tasks.forms.procurement_xlsx import read_procurement_xlsx
    from tasks.procurement import register_dossier

    got = received(file, on, at, by)
    dossier = read_procurement_xlsx(got.path)
    if only_unit and dossier.unit_code != only_unit:
        raise fail(got.path.name, f"遴选材料写明的单位（{dossier.unit_code}）不是本单位（{only_unit}），"
                                  "只能报送本单位的材料")
    with programme_session(year) as (session, ref):
        register_dossier(session, ref, dossier, got)
    return dossier


def add_archive(file: Path, unit: str, kind_text: str, on: dt.date, at: dt.datetime, by: str,
                year: int | None) -> ArchiveAdded:
    """Copy one procurement archive document into the archive and record it."""
    from tasks.archive import add_archive_document, check_archive_file

    kind, got = received_as(check_archive_file, file, kind_text, on, at, by)
    with programme_session(year) as (session, ref):
        doc = add_archive_document(session, ref, unit, kind, got, get_settings().archive_dir)
        stored = doc.path
    return ArchiveAdded(kind, got.sha256, stored)
