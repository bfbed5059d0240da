"""Phase 3 reports (工作总结, 成果报告): submit one (checked, copied with its SHA-256, audited), load them.

Every version is kept: a new file supersedes the unit's earlier one of the same kind (the latest
counts); the same file as the latest version again stores nothing. Timeliness uses the first version:
a report handed in on time and revised later is not late.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from models.errors import InputError, Problem
from models.phases import submission_status
from models.report_chases import REPORT_LABELS
from models.tables import City, Recommendation, Submission, Unit
from tasks.audit import record_audit
from tasks.context import ProgrammeRef
from tasks.file_kinds import check_matches_suffix
from tasks.files import copy_into_store, inside_allowed, readable_file
from tasks.refusals import Refused
from tasks.submissions import Received, active_recommendation

REPORT_SUFFIXES = (".docx", ".pdf", ".doc", ".wps", ".txt", ".md")
NOT_DONE = "报告未登记"


@dataclass(frozen=True)
class ReportFacts:
    """One unit's reports of one kind as of a date: the first arrival and the standing version."""

    kind: str
    first_on: dt.date
    latest: Submission
    versions: int


@dataclass(frozen=True)
class Submitted:
    """The outcome of a submission: the standing row, whether it is new, and what it superseded."""

    row: Submission
    created: bool
    version: int
    superseded: Submission | None = None


def report_kind(text: str) -> str | None:
    """summary / results, by code or by Chinese name (工作总结 / 成果报告)."""
    by_label = {label: kind for kind, label in REPORT_LABELS.items()}
    return text if text in REPORT_LABELS else by_label.get(text.strip())


def check_report_file(source: Path, kind_text: str, roots: list[Path]) -> tuple[str, Path]:
    """The kind and the resolved file, or an InputError (unknown kind, file type, missing, empty, outside)."""
    kind = report_kind(kind_text)
    if kind is None:
        kinds = "、".join(f"{k}（{label}）" for k, label in REPORT_LABELS.items())
        raise Refused(Problem("--kind", f"不支持“{kind_text}”（可选：{kinds}）"), NOT_DONE)
    if source.suffix.lower() not in REPORT_SUFFIXES:
        raise InputError(Problem(source.name, f"文件类型应为 {'、'.join(REPORT_SUFFIXES)}"))
    path = readable_file(source)
    if not inside_allowed(path, roots):
        allowed = "、".join(str(r) for r in roots)
        raise InputError(Problem(source.name, f"文件不在允许登记的目录内（允许：{allowed}）"))
    check_matches_suffix(path, source.name)
    return kind, path


def _versions(session: Session, programme_id: int, unit_code: str, kind: str) -> list[Submission]:
    return list(session.exec(select(Submission).where(
        Submission.programme_id == programme_id, Submission.unit_code == unit_code, Submission.kind == kind)
        .order_by(Submission.submitted_on, Submission.id)))


def _check_submission(session: Session, ref: ProgrammeRef, unit_code: str, got: Received) -> list[Problem]:
    problems = []
    if session.get(Unit, unit_code) is None:
        problems.append(Problem(f"--unit {unit_code}", "不是已知的县（区）行政区划代码"))
    elif active_recommendation(session, ref.id, unit_code) is None:
        problems.append(Problem(f"--unit {unit_code}", f"不是 {ref.year} 年度的项目实施单位"))
    start = ref.cfg.phases.implementation.start
    if got.on < start:
        problems.append(Problem(f"--on {got.on}", f"早于组织实施阶段开始（{start}）"))
    if not got.by.strip():
        problems.append(Problem("--by", "须填写报送人或经办人"))
    return problems


def submit_report(
    session: Session, ref: ProgrammeRef, unit_code: str, kind: str, got: Received, store_dir: Path
) -> Submitted:
    """Store a new version (copied into store_dir, audited), or nothing when it equals the latest."""
    problems = _check_submission(session, ref, unit_code, got)
    if problems:
        raise Refused(problems, NOT_DONE)
    versions = _versions(session, ref.id, unit_code, kind)
    latest = versions[-1] if versions else None
    if latest is not None and latest.sha256 == got.sha256:
        return Submitted(latest, False, len(versions))
    if latest is not None and got.on < latest.submitted_on:
        raise Refused(Problem(f"--on {got.on}", f"早于已登记版本的日期 {latest.submitted_on}"), NOT_DONE)
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
    rows = session.exec(select(Submission).where(
        Submission.programme_id == programme_id, Submission.submitted_on <= as_of)
        .order_by(Submission.unit_code, Submission.kind, Submission.submitted_on, Submission.id)).all()
    out: dict[str, dict[str, ReportFacts]] = {}
    for row in rows:
        kinds = out.setdefault(row.unit_code, {})
        known = kinds.get(row.kind)
        first = known.first_on if known else row.submitted_on
        kinds[row.kind] = ReportFacts(row.kind, first, row, (known.versions if known else 0) + 1)
    return out


def report_kinds(reports: dict[str, dict[str, ReportFacts]]) -> dict[str, frozenset[str]]:
    """unit → the report kinds it has submitted."""
    return {unit: frozenset(kinds) for unit, kinds in reports.items()}


def _report_cell(facts: ReportFacts | None, due: dt.date, as_of: dt.date) -> dict:
    status = submission_status(facts.first_on if facts else None, due, as_of)
    if facts is None:
        return {"status": status, "first_on": None, "latest_on": None, "versions": 0, "sha256": None,
                "path": None, "by": None}
    r = facts.latest
    return {"status": status, "first_on": facts.first_on.isoformat(), "latest_on": r.submitted_on.isoformat(),
            "versions": facts.versions, "sha256": r.sha256, "path": r.path, "by": r.submitted_by}


def report_rows(session: Session, ref: ProgrammeRef, as_of: dt.date) -> list[dict]:
    """Per implementing unit, by city: each report's status (submitted/late/missing/pending) and version."""
    units = session.exec(select(Recommendation.city_code, City.name, Recommendation.unit_code, Unit.name)
                         .join(City, City.code == Recommendation.city_code)
                         .join(Unit, Unit.code == Recommendation.unit_code)
                         .where(Recommendation.programme_id == ref.id, Recommendation.status == "active")
                         .order_by(Recommendation.city_code)).all()
    reports = load_reports(session, ref.id, as_of)
    due = ref.cfg.deadlines.summary_submission
    rows = []
    for city_code, city_name, unit_code, unit_name in units:
        mine = reports.get(unit_code, {})
        rows.append({"city_code": city_code, "city_name": city_name, "unit_code": unit_code,
                     "unit_name": unit_name, "due": due.isoformat(),
                     **{kind: _report_cell(mine.get(kind), due, as_of) for kind in REPORT_LABELS}})
    return rows
