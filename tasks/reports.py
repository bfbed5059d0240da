"""Phase 3 reports (工作总结, 成果报告): submit one (checked, copied with its SHA-256, audited), load them.

The rules (kinds, file types, dates, versions, status) are in models/report_rules.py; this module
reads and writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from models.enums import RecordStatus, SubmissionKind
from models.errors import InputError, Problem
from models.report_rules import (
    REPORT_SUFFIXES,
    ReportFacts,
    ReportRow,
    fold_reports,
    is_repeat,
    kind_problem,
    order_problem,
    report_cells,
    report_kind,
    submission_problems,
    suffix_problem,
)
from models.tables import City, Recommendation, Submission, Unit
from models.unit_checks import unit_problem
from tasks.audit import record_audit
from tasks.context import ProgrammeRef
from tasks.files import allowed_file, copy_into_store
from tasks.refusals import Refused
from tasks.submissions import Received, active_recommendation

__all__ = ["NOT_DONE", "REPORT_SUFFIXES", "ReportFacts", "Submitted", "check_report_file", "load_reports",
           "report_kind", "report_kinds", "report_records", "report_rows", "submit_report"]

NOT_DONE = "报告未登记"


@dataclass(frozen=True)
class Submitted:
    """The outcome of a submission: the standing row, whether it is new, and what it superseded."""

    row: Submission
    created: bool
    version: int
    superseded: Submission | None = None


def check_report_file(source: Path, kind_text: str, roots: list[Path]) -> tuple[SubmissionKind, Path]:
    """The kind and the resolved file, or an InputError (unknown kind, file type, missing, empty, outside)."""
    kind = report_kind(kind_text)
    if kind is None:
        raise Refused(kind_problem(kind_text), NOT_DONE)
    bad_suffix = suffix_problem(source.name, source.suffix)
    if bad_suffix is not None:
        raise InputError(bad_suffix)
    return kind, allowed_file(source, roots)


def _versions(session: Session, programme_id: int, unit_code: str, kind: str) -> list[Submission]:
    return list(session.exec(select(Submission).where(
        Submission.programme_id == programme_id, Submission.unit_code == unit_code, Submission.kind == kind)
        .order_by(Submission.submitted_on, Submission.id)))


def _check_submission(session: Session, ref: ProgrammeRef, unit_code: str, got: Received) -> list[Problem]:
    known = session.get(Unit, unit_code) is not None
    implementing = known and active_recommendation(session, ref.id, unit_code) is not None
    problem = unit_problem(unit_code, known=known, implementing=implementing, year=ref.year)
    start = ref.cfg.phases.implementation.start
    return ([problem] if problem else []) + submission_problems(got.on, got.by, start)


def submit_report(
    session: Session, ref: ProgrammeRef, unit_code: str, kind: str, got: Received, store_dir: Path
) -> Submitted:
    """Store a new version (copied into store_dir, audited), or nothing when it equals the latest."""
    problems = _check_submission(session, ref, unit_code, got)
    if problems:
        raise Refused(problems, NOT_DONE)
    kind = SubmissionKind(kind).value
    versions = _versions(session, ref.id, unit_code, kind)
    latest = versions[-1] if versions else None
    if latest is not None and is_repeat(latest, got.sha256):
        return Submitted(latest, False, len(versions))
    too_early = order_problem(latest, got.on)
    if too_early is not None:
        raise Refused(too_early, NOT_DONE)
    stored = copy_into_store(got.path, store_dir / unit_code / kind, got.sha256, "报告库")
    row = Submission(programme_id=ref.id, unit_code=unit_code, kind=kind, path=str(stored), sha256=got.sha256,
                     submitted_on=got.on, submitted_by=got.by.strip())
    session.add(row)
    record_audit(session, at=got.at, actor=got.by.strip(), action="report.submitted", subject=unit_code,
                 programme_id=ref.id, details={
                     "kind": kind, "source": str(got.path), "stored": str(stored), "sha256": got.sha256,
                     "version": len(versions) + 1, "supersedes": latest.sha256 if latest else None})
    return Submitted(row, True, len(versions) + 1, latest)


def load_reports(session: Session, programme_id: int, as_of: dt.date) -> dict[str, dict[str, ReportFacts]]:
    """unit → kind → its reports submitted by as_of (one query)."""
    return fold_reports(session.exec(select(Submission).where(
        Submission.programme_id == programme_id, Submission.submitted_on <= as_of)
        .order_by(Submission.unit_code, Submission.kind, Submission.submitted_on, Submission.id)).all())


def report_kinds(reports: dict[str, dict[str, ReportFacts]]) -> dict[str, frozenset[str]]:
    """unit → the report kinds it has submitted."""
    return {unit: frozenset(kinds) for unit, kinds in reports.items()}


def report_records(session: Session, ref: ProgrammeRef, as_of: dt.date) -> list[ReportRow]:
    """Per implementing unit, by city: each report's status (submitted/late/missing/pending) and version."""
    units = session.exec(select(Recommendation.city_code, City.name, Recommendation.unit_code, Unit.name)
                         .join(City, City.code == Recommendation.city_code)
                         .join(Unit, Unit.code == Recommendation.unit_code)
                         .where(Recommendation.programme_id == ref.id,
                                Recommendation.status == RecordStatus.active.value)
                         .order_by(Recommendation.city_code)).all()
    reports = load_reports(session, ref.id, as_of)
    due = ref.cfg.deadlines.summary_submission
    return [ReportRow(city_code, city_name, unit_code, unit_name, due,
                      report_cells(reports.get(unit_code, {}), due, as_of))
            for city_code, city_name, unit_code, unit_name in units]


def report_rows(session: Session, ref: ProgrammeRef, as_of: dt.date) -> list[dict]:
    """report_records as plain dicts (the JSON of `legalcap report list`)."""
    return [row.as_dict() for row in report_records(session, ref, as_of)]
