"""The province's review and filing (审核、备案): approve, or return with a reason."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from models.enums import Decision, Gate
from models.errors import Problem, Refusal
from models.review_rules import RETURN_RULE, return_finding, review_problem
from models.tables import GateDecision, Recommendation, WorkPlan
from notifications.outbox import enqueue
from notifications.render import channel_context
from tasks.audit import record_audit
from tasks.context import ProgrammeRef
from tasks.submissions import active_recommendation

__all__ = ["RETURN_RULE", "ReviewRefused", "review_unit"]


class ReviewRefused(Refusal):
    """A review decision that cannot be taken; the message says why."""


def _latest_decision(session: Session, ref: ProgrammeRef, unit_code: str) -> GateDecision | None:
    return session.exec(select(GateDecision).where(
        GateDecision.programme_id == ref.id, GateDecision.unit_code == unit_code,
        GateDecision.gate == Gate.filing.value)
        .order_by(GateDecision.decided_at.desc(), GateDecision.id.desc())
    ).first()


def _materials(session: Session, ref: ProgrammeRef, unit_code: str) -> tuple[Recommendation, WorkPlan | None]:
    rec = active_recommendation(session, ref.id, unit_code)
    if rec is None:
        raise ReviewRefused(problems=[Problem(f"--unit {unit_code}", "未收到该单位的推荐表，无可审核的材料")])
    plan = session.exec(select(WorkPlan).where(
        WorkPlan.programme_id == ref.id, WorkPlan.unit_code == unit_code)
        .order_by(WorkPlan.received_at.desc())).first()
    return rec, plan


def review_unit(
    session: Session, ref: ProgrammeRef, unit_code: str, decision: str, *, by: str, reason: str,
    on: dt.date, at: dt.datetime,
) -> GateDecision:
    """Record an approve/return decision (GateDecision + AuditEvent); a return tells the city."""
    rec, plan = _materials(session, ref, unit_code)
    latest = _latest_decision(session, ref, unit_code)
    _check_decision(decision, reason, plan, latest, on, unit_code)
    row = GateDecision(programme_id=ref.id, unit_code=unit_code, gate=Gate.filing.value, decision=decision,
                       decided_on=on, decided_at=at, decided_by=by, reason=reason)
    session.add(row)
    record_audit(session, at=at, actor=by, action=f"filing.{decision}", subject=unit_code,
                 programme_id=ref.id, details={"reason": reason, "recommendation_sha256": rec.sha256,
                                               "work_plan_sha256": plan.sha256 if plan else None})
    if decision == Decision.return_:
        _tell_city(session, ref, rec, reason, on)
    return row


def _check_decision(decision: str, reason: str, plan: WorkPlan | None, latest: GateDecision | None,
                    on: dt.date, unit_code: str) -> None:
    problem = review_problem(decision, reason, plan is not None, latest, on, unit_code)
    if problem is not None:
        raise ReviewRefused(problems=[problem])


def _tell_city(session: Session, ref: ProgrammeRef, rec: Recommendation, reason: str, on: dt.date) -> None:
    due = ref.calendar.add_workdays(on, ref.cfg.deadlines.resubmission_workdays)
    returns = session.exec(select(GateDecision).where(
        GateDecision.programme_id == ref.id, GateDecision.unit_code == rec.unit_code,
        GateDecision.decision == Decision.return_.value)).all()
    finding = return_finding(rec, reason, on, due, len(returns), ref.year)
    enqueue(session, [finding], programme_id=ref.id, year=ref.year, as_of=on,
            extra=channel_context(ref.cfg.intake))
