"""The province's verdicts: record one (checked, with the rubric's pre-score, audited), record a re-check.

Only a unit through the preparation gate and in the evaluation phase on the decision date (or closed
by an earlier verdict, which a new one supersedes) can be given a verdict. A rectification needs a
due date after the decision; promote and pass take none. An open rectification is closed only by
`record_recheck`: passed closes it; failed closes that row and records a new rectification with the
new due date (decided on the re-check date, by the re-checker), so the history keeps every round.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from models.enums import VerdictKind
from models.errors import Problem
from models.rubric import RubricScore
from models.status import evaluate_slots
from models.tables import Unit, Verdict
from models.unit_checks import unit_problem
from models.verdict_rules import (
    CHOICES,
    failed_recheck_notes,
    history_problem,
    option_problems,
    phase_problem,
    recheck_notes,
    recheck_problems,
    superseded,
)
from models.verdicts import VerdictFact, standing_verdicts
from tasks.audit import record_audit
from tasks.context import ProgrammeRef, TickContext
from tasks.refusals import Refused
from tasks.rubric import score_units
from tasks.snapshot import load_slots
from tasks.submissions import active_recommendation

__all__ = ["CHOICES", "NOT_RECHECKED", "NOT_RECORDED", "fact_of", "load_standing_verdicts", "record_recheck",
           "record_verdict"]

NOT_RECORDED = "评定未记录"
NOT_RECHECKED = "复查结果未登记"


def fact_of(v: Verdict) -> VerdictFact:
    assert v.id is not None, "a stored verdict has an id"
    return VerdictFact(v.id, v.unit_code, v.verdict, v.decided_on, v.decided_by, v.due_on, v.notes,
                       v.rechecked_on, v.rechecked_by, v.recheck_passed)


def load_standing_verdicts(session: Session, programme_id: int, as_of: dt.date) -> dict[str, VerdictFact]:
    """unit → the verdict standing on as_of (one query)."""
    rows = session.exec(select(Verdict).where(Verdict.programme_id == programme_id,
                                              Verdict.decided_on <= as_of)).all()
    return standing_verdicts([fact_of(v) for v in rows], as_of)


def _latest_row(session: Session, programme_id: int, unit_code: str) -> Verdict | None:
    return session.exec(select(Verdict).where(Verdict.programme_id == programme_id,
                                              Verdict.unit_code == unit_code)
                        .order_by(Verdict.decided_on.desc(), Verdict.id.desc())).first()


def _unit_problems(session: Session, ref: ProgrammeRef, unit_code: str) -> list[Problem]:
    known = session.get(Unit, unit_code) is not None
    implementing = known and active_recommendation(session, ref.id, unit_code) is not None
    problem = unit_problem(unit_code, known=known, implementing=implementing, year=ref.year)
    return [problem] if problem else []


def _context(session: Session, ref: ProgrammeRef, on: dt.date) -> TickContext:
    slots = load_slots(session, ref.id, on)
    statuses = evaluate_slots(slots, ref.cfg, ref.calendar, on)
    return TickContext(ref.id, ref.year, ref.config_hash, ref.cfg, ref.calendar, on, slots, statuses)


def _phase_problem(ctx: TickContext, unit_code: str, verdict: str | None = None) -> Problem | None:
    status = next((s for s in ctx.statuses if s.slot.unit_code == unit_code), None)
    return phase_problem(status, unit_code, ctx.cfg.phases.evaluation.start, ctx.as_of, verdict)


def record_verdict(
    session: Session, ref: ProgrammeRef, unit_code: str, *, verdict: str, by: str, on: dt.date,
    due: dt.date | None = None, notes: str = "", at: dt.datetime,
) -> tuple[Verdict, RubricScore | None]:
    """Store a verdict (and its pre-score in the audit trail), or nothing (Refused naming every problem)."""
    problems = _unit_problems(session, ref, unit_code) + option_problems(verdict, on, due, by)
    ctx = latest = None
    if not problems:
        ctx = _context(session, ref, on)
        row = _latest_row(session, ref.id, unit_code)
        latest = fact_of(row) if row else None
        checks = (_phase_problem(ctx, unit_code, verdict), history_problem(latest, verdict, on))
        problems += [p for p in checks if p]
    if problems or ctx is None:
        raise Refused(problems, NOT_RECORDED)
    score = score_units(session, ctx).get(unit_code)
    row = Verdict(programme_id=ref.id, unit_code=unit_code, verdict=verdict, decided_on=on,
                  decided_by=by.strip(), due_on=due, notes=notes.strip())
    session.add(row)
    record_audit(session, at=at, actor=by.strip(), action="verdict.recorded", subject=unit_code,
                 programme_id=ref.id, details={
                     "verdict": verdict, "decided_on": on, "due_on": due, "notes": notes.strip(),
                     "pre_score": score.total if score else None,
                     "pre_score_provisional": score.provisional if score else None,
                     "suggested": score.suggested if score else None,
                     "superseded": superseded(latest)})
    return row, score


def record_recheck(
    session: Session, ref: ProgrammeRef, unit_code: str, *, passed: bool, by: str, on: dt.date,
    due: dt.date | None = None, notes: str = "", at: dt.datetime,
) -> tuple[Verdict, Verdict | None]:
    """Close the open rectification; when it failed, also the new rectification with the new due date."""
    problems = _unit_problems(session, ref, unit_code)
    latest = _latest_row(session, ref.id, unit_code) if not problems else None
    if not problems:
        problems = recheck_problems(fact_of(latest) if latest else None, unit_code, passed, on, due, by)
    if problems or latest is None:
        raise Refused(problems, NOT_RECHECKED)
    latest.rechecked_on, latest.rechecked_by, latest.recheck_passed = on, by.strip(), passed
    latest.notes = recheck_notes(latest.notes, on, notes)
    session.add(latest)
    again = None
    if not passed:
        again = Verdict(programme_id=ref.id, unit_code=unit_code, verdict=VerdictKind.rectify.value,
                        decided_on=on, decided_by=by.strip(), due_on=due, notes=failed_recheck_notes(notes))
        session.add(again)
    record_audit(session, at=at, actor=by.strip(), action="verdict.rechecked", subject=unit_code,
                 programme_id=ref.id, details={"verdict_id": latest.id, "passed": passed, "rechecked_on": on,
                                               "old_due_on": latest.due_on, "new_due_on": due,
                                               "notes": notes.strip()})
    return latest, again
