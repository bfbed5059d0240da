"""The tick's checks of phases 1 and 2, declared (tasks/check_types.Check), and the registry of all checks."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace

from sqlmodel import Session, select

from models.chases import (
    GATE_OVERDUE_RULE,
    PREPARATION_GATE_RULE,
    RECOMMENDATION_RULE,
    RESUBMISSION_RULE,
    determine_gate_chases,
    determine_overdue_chases,
    determine_resubmission_chases,
    determine_submission_chases,
    open_gate_subjects,
    open_resubmission_subjects,
    open_submission_subjects,
    overdue_subjects,
)
from models.enums import PHASE_LABELS, Decision, Gate, Phase
from models.filing_chases import FILING_RULE, determine_filing_chases, open_filing_keys, waiting_for_review
from models.findings import Finding
from models.gates import GateResult
from models.ledger_chases import (
    MONTHLY_RULE,
    SILENCE_RULE,
    determine_monthly_ledger_chases,
    determine_silence_chases,
    missing_monthly_subjects,
    silent_subjects,
)
from models.pace_chases import PACE_RULE, determine_pace_chases, lagging_subjects
from models.supervision import REPLY_RULE, Case, build_cases, determine_reply_chases, overdue
from models.tables import GateDecision
from notifications.outbox import not_yet_queued
from tasks.audit import record_audit
from tasks.check_types import Check, Resolution, listed
from tasks.context import TickContext
from tasks.evaluation_checks import RECTIFICATION_CHECK, REPORT_CHECK
from tasks.funds_check import CHECK as FUNDS_CHECK
from tasks.ledger_snapshot import case_employers
from tasks.oversight import CHECK as OVERSIGHT_CHECK
from tasks.packets.check import CHECK as PACKETS_CHECK

SYSTEM_ACTOR = "legalcap"
PREPARATION = frozenset({Phase.preparation})
IMPLEMENTATION = frozenset({Phase.implementation})
EVALUATION = frozenset({Phase.evaluation})


def gates_of(_session: Session, ctx: TickContext) -> dict[str, GateResult]:
    """Each city's preparation gate, from the snapshot."""
    return {st.slot.city_code: st.gate for st in ctx.statuses}


def record_gate_passes(session: Session, ctx: TickContext, _gates: object) -> list[str]:
    """Record each unit that passed the preparation gate (once), with a note each."""
    recorded = set(session.exec(select(GateDecision.unit_code).where(
        GateDecision.programme_id == ctx.programme_id, GateDecision.gate == Gate.preparation.value,
        GateDecision.decision == Decision.passed.value)).all())
    notes = []
    for st in ctx.statuses:
        if st.gate.met and st.slot.unit_code not in recorded:
            _record_gate_pass(session, ctx, st)
            notes.append(f"{st.slot.unit_name} 于 {st.gate.met_on} 通过筹备部署关口")
    return notes


def _record_gate_pass(session: Session, ctx: TickContext, st) -> None:
    evidence = [c.as_dict() for c in st.gate.criteria]
    session.add(GateDecision(
        programme_id=ctx.programme_id, unit_code=st.slot.unit_code, gate=Gate.preparation.value,
        decision=Decision.passed.value, decided_on=st.gate.met_on, decided_at=ctx.stamp,
        decided_by=SYSTEM_ACTOR,
        evidence_json=json.dumps(evidence, ensure_ascii=False)))
    record_audit(session, at=ctx.stamp, actor=SYSTEM_ACTOR, action="gate.passed",
                 subject=st.slot.unit_code, programme_id=ctx.programme_id,
                 details={"gate": Gate.preparation.value, "met_on": st.gate.met_on.isoformat()})


def phase_tally(ctx: TickContext, _gates: object) -> list[str]:
    phases = Counter(st.phase.phase for st in ctx.statuses)
    return ["；".join(f"{PHASE_LABELS[p]} {n}" for p, n in sorted(phases.items()))]


GATE_READINESS = Check(
    "gate_readiness", "关口就绪", PREPARATION | IMPLEMENTATION, load=gates_of, before=record_gate_passes,
    decide=lambda ctx, gates: determine_gate_chases(ctx.slots, gates, ctx.cfg, ctx.calendar, ctx.as_of),
    resolutions=(Resolution(PREPARATION_GATE_RULE, lambda ctx, gates: open_gate_subjects(ctx.slots, gates)),),
    closing_notes=phase_tally,
)

SUBMISSION_DEADLINE = Check(
    "submission_deadline", "推荐材料截止", PREPARATION,
    decide=lambda ctx, _: determine_submission_chases(ctx.slots, ctx.cfg, ctx.calendar, ctx.as_of),
    resolutions=(Resolution(RECOMMENDATION_RULE, lambda ctx, _: open_submission_subjects(ctx.slots)),),
    notes=lambda ctx, _, findings: listed("未报送", {f.context["city_name"] for f in findings}),
)

RESUBMISSION = Check(
    "resubmission", "退回重报", PREPARATION,
    decide=lambda ctx, _: determine_resubmission_chases(ctx.slots, ctx.cfg, ctx.calendar, ctx.as_of),
    resolutions=(Resolution(RESUBMISSION_RULE, lambda ctx, _: open_resubmission_subjects(ctx.slots)),),
)


GATE_OVERDUE = Check(
    "gate_overdue", "筹备逾期", IMPLEMENTATION | EVALUATION,
    decide=lambda ctx, _: determine_overdue_chases(ctx.statuses, ctx.cfg, ctx.calendar, ctx.as_of),
    resolutions=(Resolution(GATE_OVERDUE_RULE, lambda ctx, _: overdue_subjects(ctx.statuses)),),
    notes=lambda ctx, _, _findings: listed("筹备逾期", {
        st.slot.unit_name or "" for st in ctx.statuses if st.phase.gate_overdue}),
)

FILING_DEADLINE = Check(
    "filing_deadline", "审核备案", PREPARATION | IMPLEMENTATION,
    load=lambda _session, ctx: waiting_for_review(ctx.slots, ctx.cfg, ctx.calendar, ctx.as_of),
    decide=lambda ctx, waiting: determine_filing_chases(waiting, ctx.cfg, ctx.calendar, ctx.as_of),
    resolutions=(Resolution(FILING_RULE, lambda _ctx, waiting: open_filing_keys(waiting), per_period=True),),
    notes=lambda _ctx, waiting, _findings: listed("待审核备案", {w.unit_name for w in waiting}),
)


def _lagging_note(_ctx: TickContext, _facts: object, findings: list[Finding]) -> list[str]:
    lagging = {f.subject for f in findings}
    return [f"滞后：{len(lagging)} 项"] if lagging else []


QUOTA_PACE = Check(
    "quota_pace", "配额进度", IMPLEMENTATION,
    decide=lambda ctx, _: determine_pace_chases(ctx.statuses, ctx.cfg, ctx.calendar, ctx.as_of),
    resolutions=(Resolution(PACE_RULE, lambda ctx, _: lagging_subjects(
        ctx.statuses, ctx.cfg, ctx.calendar, ctx.as_of)),),
    notes=_lagging_note,
)

LEDGER_SILENCE = Check(
    "ledger_silence", "台账久未更新", IMPLEMENTATION,
    decide=lambda ctx, _: determine_silence_chases(ctx.statuses, ctx.cfg, ctx.calendar, ctx.as_of),
    resolutions=(Resolution(SILENCE_RULE, lambda ctx, _: silent_subjects(
        ctx.statuses, ctx.cfg, ctx.calendar, ctx.as_of)),),
)

MONTHLY_LEDGER = Check(
    "monthly_ledger", "月度台账", IMPLEMENTATION,
    decide=lambda ctx, _: determine_monthly_ledger_chases(ctx.statuses, ctx.cfg, ctx.calendar, ctx.as_of),
    resolutions=(Resolution(MONTHLY_RULE, lambda ctx, _: missing_monthly_subjects(ctx.statuses, ctx.as_of)),),
)


@dataclass(frozen=True)
class ReplyFacts:
    cases: list[Case]
    units: dict[str, tuple[str, str, str]]  # unit in implementation -> (city_code, city_name, unit_name)


def reply_facts(_session: Session, ctx: TickContext) -> ReplyFacts:
    """一函两书 cases of the snapshot, and the units in implementation they may concern."""
    cases = build_cases([row for slot in ctx.slots for row in slot.cases], ctx.cfg, ctx.calendar)
    units = {st.slot.unit_code: (st.slot.city_code, st.slot.city_name, st.slot.unit_name)
             for st in ctx.statuses if st.phase.phase == Phase.implementation and st.slot.unit_code}
    return ReplyFacts(cases, units)


def with_employers(session: Session, ctx: TickContext, findings: list[Finding]) -> list[Finding]:
    """Name the employer in the messages about to be written (read for those cases only)."""
    fresh = not_yet_queued(session, findings, ctx.year)

    def case_of(f: Finding) -> tuple[str, str]:
        return f.context["unit_code"], f.context["case_no"]

    employers = case_employers(session, ctx.programme_id, {case_of(f) for f in fresh})
    return [replace(f, context={**f.context, "employer": employers[case_of(f)]}) for f in fresh]


def _reply_note(ctx: TickContext, facts: ReplyFacts, _findings: list[Finding]) -> list[str]:
    late = sum(overdue(c, ctx.as_of) for c in facts.cases)
    return [f"待答复 {len(facts.cases)} 件，逾期未复 {late} 件"]


SUPERVISION_REPLY = Check(
    "supervision_reply", "一函两书", IMPLEMENTATION, load=reply_facts, prepare=with_employers,
    decide=lambda ctx, f: determine_reply_chases(f.cases, f.units, ctx.cfg, ctx.calendar, ctx.as_of),
    resolutions=(Resolution(REPLY_RULE, lambda ctx, f: {
        f"{c.unit_code}:{c.case_no}" for c in f.cases if overdue(c, ctx.as_of)}),),
    notes=_reply_note,
)

# The registry: the tick runs these, in this order, on the days some unit is in one of their phases.
CHECKS: tuple[Check, ...] = (
    GATE_READINESS,
    SUBMISSION_DEADLINE,
    RESUBMISSION,
    FILING_DEADLINE,
    GATE_OVERDUE,
    QUOTA_PACE,
    LEDGER_SILENCE,
    MONTHLY_LEDGER,
    SUPERVISION_REPLY,
    OVERSIGHT_CHECK,
    FUNDS_CHECK,
    PACKETS_CHECK,
    REPORT_CHECK,
    RECTIFICATION_CHECK,
)


def checks_for(ctx: TickContext) -> list[Check]:
    """Stage-gated dispatch: the checks of the phases some unit is in on this date."""
    present = {st.phase.phase for st in ctx.statuses}
    return [c for c in CHECKS if c.phases & present]
