"""Evaluation (总结评估): report submissions, the province's verdicts and re-checks, and their overviews."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from config.programme import Rubric
from config.settings import get_settings
from models.db import session_scope
from models.rubric import RubricScore
from models.tables import Verdict
from models.verdict_document import verdict_rows
from tasks.context import load_context, load_programme
from tasks.reports import Submitted
from tasks.runtime import get_engine
from tasks.services.common import programme_session, received_as
from tasks.services.units import unit_name


@dataclass(frozen=True)
class ReportRegistered:
    done: Submitted
    kind: str
    unit_name: str
    due: dt.date
    sha256: str


@dataclass(frozen=True)
class ReportOverview:
    due: dt.date
    rows: list[dict]


@dataclass(frozen=True)
class VerdictRecorded:
    row: Verdict
    score: RubricScore | None
    unit_name: str


@dataclass(frozen=True)
class RecheckRecorded:
    closed: Verdict
    again: Verdict | None          # the new rectification when the re-check failed
    unit_name: str


@dataclass(frozen=True)
class VerdictOverview:
    rubric: Rubric
    rows: list[dict]


def submit(file: Path, unit: str, kind_text: str, on: dt.date, at: dt.datetime, by: str,
           year: int | None) -> ReportRegistered:
    """Copy a summary or results report into the store and register it (a same file is not stored twice)."""
    from tasks.reports import check_report_file, submit_report

    kind, got = received_as(check_report_file, file, kind_text, on, at, by)
    with programme_session(year) as (session, ref):
        done = submit_report(session, ref, unit, kind, got, get_settings().home_dir / "reports")
        name = unit_name(session, unit)
    return ReportRegistered(done, kind, name, ref.cfg.deadlines.summary_submission, got.sha256)


def report_overview(as_of: dt.date, year: int | None) -> ReportOverview:
    """Each implementing unit's reports as of the date: on time, late, missing, and the newest version."""
    from tasks.reports import report_rows

    with programme_session(year) as (session, ref):
        rows = report_rows(session, ref, as_of)
    return ReportOverview(ref.cfg.deadlines.summary_submission, rows)


def record(unit: str, verdict: str, by: str, due: dt.date | None, notes: str, on: dt.date,
           at: dt.datetime, year: int | None) -> VerdictRecorded:
    """Record the province's verdict on a unit (with its pre-score)."""
    from tasks.verdicts import record_verdict

    with programme_session(year) as (session, ref):
        row, score = record_verdict(session, ref, unit, verdict=verdict, by=by, on=on, due=due, notes=notes,
                                    at=at)
        name = unit_name(session, unit)
    return VerdictRecorded(row, score, name)


def recheck(unit: str, passed: bool, by: str, due: dt.date | None, notes: str, on: dt.date,
            at: dt.datetime, year: int | None) -> RecheckRecorded:
    """Record a rectification re-check: passed ends it, failed opens a new one with the new due date."""
    from tasks.verdicts import record_recheck

    with programme_session(year) as (session, ref):
        closed, again = record_recheck(session, ref, unit, passed=passed, by=by, on=on, due=due, notes=notes,
                                       at=at)
        name = unit_name(session, unit)
    return RecheckRecorded(closed, again, name)


def verdict_overview(as_of: dt.date, year: int | None) -> VerdictOverview:
    """Each implementing unit's pre-score, suggestion, recorded verdict and re-check as of the date."""
    from tasks.rubric import score_units
    from tasks.verdicts import load_standing_verdicts

    engine = get_engine()
    ref = load_programme(engine, year)
    ctx = load_context(engine, ref, as_of)
    with session_scope(engine) as session:
        rows = verdict_rows(ctx.statuses, score_units(session, ctx),
                            load_standing_verdicts(session, ref.id, as_of), as_of)
    return VerdictOverview(ref.cfg.rubric, rows)
