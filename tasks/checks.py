"""The tick's checks: each decides with models' rules for all units at once, then applies."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

from sqlmodel import Session, select

from models.chases import (
    PREPARATION_GATE_RULE,
    RECOMMENDATION_RULE,
    RESUBMISSION_RULE,
    determine_gate_chases,
    determine_resubmission_chases,
    determine_submission_chases,
    open_gate_subjects,
    open_resubmission_subjects,
    open_submission_subjects,
)
from models.enums import PHASE_LABELS, Phase
from models.ledger_chases import (
    MONTHLY_RULE,
    SILENCE_RULE,
    determine_monthly_ledger_chases,
    determine_silence_chases,
    missing_monthly_subjects,
    silent_subjects,
)
from models.pace_chases import PACE_RULE, determine_pace_chases, lagging_subjects
from models.supervision import REPLY_RULE, build_cases, determine_reply_chases, overdue
from models.tables import GateDecision
from notifications.outbox import cancel_resolved, enqueue, not_yet_queued
from tasks.audit import record_audit
from tasks.check_types import Check, CheckResult
from tasks.context import TickContext
from tasks.evaluation_checks import RECTIFICATION_CHECK, REPORT_CHECK
from tasks.funds_check import CHECK as FUNDS_CHECK
from tasks.ledger_snapshot import case_employers
from tasks.oversight import CHECK as OVERSIGHT_CHECK
from tasks.packets.check import CHECK as PACKETS_CHECK

SYSTEM_ACTOR = "legalcap"


def _queue(session: Session, ctx: TickContext, findings) -> int:
    return enqueue(session, findings, programme_id=ctx.programme_id, year=ctx.year, as_of=ctx.as_of)


def _stop_resolved(session: Session, ctx: TickContext, rule: str, open_subjects: set[str],
                   result: CheckResult) -> None:
    cancelled = cancel_resolved(session, programme_id=ctx.programme_id, rule=rule,
                                open_subjects=open_subjects)
    if cancelled:
        result.notes.append(f"已办结，取消未发送提醒 {cancelled} 条")


def apply_gate_readiness(session: Session, ctx: TickContext) -> CheckResult:
    """Record each unit that passed the preparation gate; chase open gates near their deadline."""
    result = CheckResult("gate_readiness", "关口就绪")
    recorded = set(session.exec(select(GateDecision.unit_code).where(
        GateDecision.programme_id == ctx.programme_id, GateDecision.gate == "preparation",
        GateDecision.decision == "passed")).all())
    for st in ctx.statuses:
        if st.gate.met and st.slot.unit_code not in recorded:
            _record_gate_pass(session, ctx, st)
            result.notes.append(f"{st.slot.unit_name} 于 {st.gate.met_on} 通过筹备部署关口")
    gates = {st.slot.city_code: st.gate for st in ctx.statuses}
    findings = determine_gate_chases(ctx.slots, gates, ctx.cfg, ctx.calendar, ctx.as_of)
    result.findings, result.queued = len(findings), _queue(session, ctx, findings)
    _stop_resolved(session, ctx, PREPARATION_GATE_RULE, open_gate_subjects(ctx.slots, gates), result)
    phases = Counter(st.phase.phase for st in ctx.statuses)
    result.notes.append("；".join(f"{PHASE_LABELS[p]} {n}" for p, n in sorted(phases.items())))
    return result


def _record_gate_pass(session: Session, ctx: TickContext, st) -> None:
    evidence = [c.as_dict() for c in st.gate.criteria]
    session.add(GateDecision(
        programme_id=ctx.programme_id, unit_code=st.slot.unit_code, gate="preparation",
        decision="passed", decided_on=st.gate.met_on, decided_at=ctx.stamp, decided_by=SYSTEM_ACTOR,
        evidence_json=json.dumps(evidence, ensure_ascii=False)))
    record_audit(session, at=ctx.stamp, actor=SYSTEM_ACTOR, action="gate.passed",
                 subject=st.slot.unit_code, programme_id=ctx.programme_id,
                 details={"gate": "preparation", "met_on": st.gate.met_on.isoformat()})


def apply_submission_deadline(session: Session, ctx: TickContext) -> CheckResult:
    """The recommendation deadline: remind cities before it, escalate after it."""
    findings = determine_submission_chases(ctx.slots, ctx.cfg, ctx.calendar, ctx.as_of)
    missing = sorted({f.context["city_name"] for f in findings})
    notes = [f"未报送：{'、'.join(missing)}"] if missing else []
    result = CheckResult("submission_deadline", "推荐材料截止", len(findings),
                         _queue(session, ctx, findings), notes)
    _stop_resolved(session, ctx, RECOMMENDATION_RULE, open_submission_subjects(ctx.slots), result)
    return result


def apply_resubmission(session: Session, ctx: TickContext) -> CheckResult:
    """Materials returned by the province: chase the city until it resubmits."""
    findings = determine_resubmission_chases(ctx.slots, ctx.cfg, ctx.calendar, ctx.as_of)
    result = CheckResult("resubmission", "退回重报", len(findings), _queue(session, ctx, findings))
    _stop_resolved(session, ctx, RESUBMISSION_RULE, open_resubmission_subjects(ctx.slots), result)
    return result


def apply_quota_pace(session: Session, ctx: TickContext) -> CheckResult:
    """Quotas behind their working-day pace: the unit, then its city, then the province."""
    findings = determine_pace_chases(ctx.statuses, ctx.cfg, ctx.calendar, ctx.as_of)
    lagging = sorted({f.subject for f in findings})
    result = CheckResult("quota_pace", "配额进度", len(findings), _queue(session, ctx, findings),
                         [f"滞后：{len(lagging)} 项"] if lagging else [])
    _stop_resolved(session, ctx, PACE_RULE, lagging_subjects(ctx.statuses), result)
    return result


def apply_ledger_silence(session: Session, ctx: TickContext) -> CheckResult:
    """Units with no ledger entry for N working days."""
    findings = determine_silence_chases(ctx.statuses, ctx.cfg, ctx.calendar, ctx.as_of)
    result = CheckResult("ledger_silence", "台账久未更新", len(findings), _queue(session, ctx, findings))
    open_units = silent_subjects(ctx.statuses, ctx.cfg, ctx.calendar, ctx.as_of)
    _stop_resolved(session, ctx, SILENCE_RULE, open_units, result)
    return result


def apply_monthly_ledger(session: Session, ctx: TickContext) -> CheckResult:
    """Last month's ledger not handed in by working day D of this month."""
    findings = determine_monthly_ledger_chases(ctx.statuses, ctx.cfg, ctx.calendar, ctx.as_of)
    result = CheckResult("monthly_ledger", "月度台账", len(findings), _queue(session, ctx, findings))
    _stop_resolved(session, ctx, MONTHLY_RULE, missing_monthly_subjects(ctx.statuses, ctx.as_of), result)
    return result


def apply_supervision_replies(session: Session, ctx: TickContext) -> CheckResult:
    """一函两书: an opinion whose reply is overdue — the 建议书 is due (unit, then city)."""
    cases = build_cases([row for slot in ctx.slots for row in slot.cases], ctx.cfg, ctx.calendar)
    units = {st.slot.unit_code: (st.slot.city_code, st.slot.city_name, st.slot.unit_name)
             for st in ctx.statuses if st.phase.phase == Phase.implementation and st.slot.unit_code}
    findings = determine_reply_chases(cases, units, ctx.cfg, ctx.calendar, ctx.as_of)
    fresh = _with_employers(session, ctx, not_yet_queued(session, findings, ctx.year))
    result = CheckResult("supervision_reply", "一函两书", len(findings), _queue(session, ctx, fresh),
                         [f"待答复 {len(cases)} 件，逾期未复 {sum(overdue(c, ctx.as_of) for c in cases)} 件"])
    still_open = {f"{c.unit_code}:{c.case_no}" for c in cases if overdue(c, ctx.as_of)}
    _stop_resolved(session, ctx, REPLY_RULE, still_open, result)
    return result


def _with_employers(session: Session, ctx: TickContext, findings: list) -> list:
    """Name the employer in the messages about to be written (read for those cases only)."""
    def case_of(f) -> tuple[str, str]:
        return f.context["unit_code"], f.context["case_no"]

    employers = case_employers(session, ctx.programme_id, {case_of(f) for f in findings})
    return [replace(f, context={**f.context, "employer": employers[case_of(f)]}) for f in findings]


CHECKS: tuple[Check, ...] = (
    Check("gate_readiness", "关口就绪", frozenset({Phase.preparation, Phase.implementation}),
          apply_gate_readiness),
    Check("submission_deadline", "推荐材料截止", frozenset({Phase.preparation}),
          apply_submission_deadline),
    Check("resubmission", "退回重报", frozenset({Phase.preparation}), apply_resubmission),
    Check("quota_pace", "配额进度", frozenset({Phase.implementation}), apply_quota_pace),
    Check("ledger_silence", "台账久未更新", frozenset({Phase.implementation}), apply_ledger_silence),
    Check("monthly_ledger", "月度台账", frozenset({Phase.implementation}), apply_monthly_ledger),
    Check("supervision_reply", "一函两书", frozenset({Phase.implementation}), apply_supervision_replies),
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
