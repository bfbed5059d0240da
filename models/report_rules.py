"""Phase 3 reports (工作总结, 成果报告) as pure rules: kinds, file types, dates, versions, status.

Every version is kept: a new file supersedes the unit's earlier one of the same kind (the latest
counts); the same file as the latest version again stores nothing, and a version cannot be dated
before the latest. Timeliness uses the first version: a report handed in on time and revised later
is not late.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from models.enums import REPORT_LABELS, SubmissionKind, SubmissionStatus
from models.errors import Problem
from models.evaluation import Submission
from models.phases import submission_status

REPORT_SUFFIXES = (".docx", ".pdf", ".doc", ".wps", ".txt", ".md")


@dataclass(frozen=True)
class ReportFacts:
    """One unit's reports of one kind as of a date: the first arrival and the standing version."""

    kind: str
    first_on: dt.date
    latest: Submission
    versions: int


def report_kind(text: str) -> SubmissionKind | None:
    """summary / results, by code or by Chinese name (工作总结 / 成果报告)."""
    if text in SubmissionKind._value2member_map_:
        return SubmissionKind(text)
    return next((kind for kind, label in REPORT_LABELS.items() if label == text.strip()), None)


def kind_problem(text: str) -> Problem:
    """The refusal of an unknown report kind, naming the choices."""
    kinds = "、".join(f"{k}（{label}）" for k, label in REPORT_LABELS.items())
    return Problem("--kind", f"不支持“{text}”（可选：{kinds}）")


def suffix_problem(name: str, suffix: str) -> Problem | None:
    """None for a report file type; else the types accepted."""
    if suffix.lower() in REPORT_SUFFIXES:
        return None
    return Problem(name, f"文件类型应为 {'、'.join(REPORT_SUFFIXES)}")


def submission_problems(on: dt.date, by: str, implementation_start: dt.date) -> list[Problem]:
    """A report is dated from the implementation phase on and names who handed it in."""
    problems = []
    if on < implementation_start:
        problems.append(Problem(f"--on {on}", f"早于组织实施阶段开始（{implementation_start}）"))
    if not by.strip():
        problems.append(Problem("--by", "须填写报送人或经办人"))
    return problems


def is_repeat(latest: Submission | None, sha256: str) -> bool:
    """The same file as the standing version: nothing to store."""
    return latest is not None and latest.sha256 == sha256


def order_problem(latest: Submission | None, on: dt.date) -> Problem | None:
    """A new version cannot be dated before the standing one."""
    if latest is not None and on < latest.submitted_on:
        return Problem(f"--on {on}", f"早于已登记版本的日期 {latest.submitted_on}")
    return None


def fold_reports(rows: Iterable[Submission]) -> dict[str, dict[str, ReportFacts]]:
    """unit → kind → first date, standing version and count, from rows in (unit, kind, date, id) order."""
    out: dict[str, dict[str, ReportFacts]] = {}
    for row in rows:
        kinds = out.setdefault(row.unit_code, {})
        known = kinds.get(row.kind)
        first = known.first_on if known else row.submitted_on
        kinds[row.kind] = ReportFacts(row.kind, first, row, (known.versions if known else 0) + 1)
    return out


@dataclass(frozen=True)
class ReportCell:
    """One report of one unit as of a date: its status and, once submitted, its standing version."""

    status: SubmissionStatus
    first_on: dt.date | None = None
    latest_on: dt.date | None = None
    versions: int = 0
    sha256: str | None = None
    path: str | None = None
    by: str | None = None

    def as_dict(self) -> dict:
        return {"status": self.status, "first_on": _iso(self.first_on), "latest_on": _iso(self.latest_on),
                "versions": self.versions, "sha256": self.sha256, "path": self.path, "by": self.by}


@dataclass(frozen=True)
class ReportRow:
    """One implementing unit's reports, each kind's cell by kind."""

    city_code: str
    city_name: str
    unit_code: str
    unit_name: str
    due: dt.date
    cells: dict[SubmissionKind, ReportCell]

    def as_dict(self) -> dict:
        return {"city_code": self.city_code, "city_name": self.city_name, "unit_code": self.unit_code,
                "unit_name": self.unit_name, "due": self.due.isoformat(),
                **{str(kind): cell.as_dict() for kind, cell in self.cells.items()}}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def report_cell(facts: ReportFacts | None, due: dt.date, as_of: dt.date) -> ReportCell:
    """submitted / late by the first version's date; missing / pending when none arrived by as_of."""
    status = submission_status(facts.first_on if facts else None, due, as_of)
    if facts is None:
        return ReportCell(status)
    r = facts.latest
    return ReportCell(status, facts.first_on, r.submitted_on, facts.versions, r.sha256, r.path,
                      r.submitted_by)


def report_cells(mine: dict[str, ReportFacts], due: dt.date,
                 as_of: dt.date) -> dict[SubmissionKind, ReportCell]:
    """Each report kind's cell, in the fixed order of the kinds."""
    return {kind: report_cell(mine.get(kind), due, as_of) for kind in REPORT_LABELS}
