"""Deadline chases of phase 1: the recommendation deadline and the preparation gate."""

from __future__ import annotations

import datetime as dt

from config.programme import Ladder, ProgrammeConfig
from models.calendar import WorkCalendar
from models.enums import Decision
from models.facts import SlotFacts
from models.findings import Finding, audience_tag
from models.gates import GateResult, lacking_documents
from models.ladders import latest_due_rung, rung_date
from models.pace_chases import month_bounds
from models.status import UnitStatus, gate_lacking

GATE_OVERDUE_RULE = "gate_overdue"
RECOMMENDATION_RULE = "recommendation_deadline"
RESUBMISSION_RULE = "resubmission_deadline"
PREPARATION_GATE_RULE = "preparation_gate_deadline"


def _ladder_findings(
    *, rule: str, ladder: Ladder, due: dt.date, subject: str, slot: SlotFacts, period: str,
    calendar: WorkCalendar, as_of: dt.date, template: str, context: dict,
) -> list[Finding]:
    due_rung = latest_due_rung(ladder, due, as_of, calendar)
    if due_rung is None:
        return []
    left = calendar.workdays_between(as_of, due)
    ctx = {**context, "due": due.isoformat(), "workdays_left": left, "rung": due_rung.index}
    return [
        Finding(rule, subject, due_rung.index, period, audience_tag(a, slot.city_code, slot.unit_code),
                due_rung.rung.urgent, template, ctx, due_rung.fires_on)
        for a in due_rung.rung.audience
    ]


def open_submission_subjects(slots: list[SlotFacts]) -> set[str]:
    """Cities whose materials are still incomplete: their ladder is still running."""
    return {s.city_code for s in slots if lacking_documents(s)}


def open_gate_subjects(slots: list[SlotFacts], gates: dict[str, GateResult]) -> set[str]:
    """Filed units whose preparation gate is still open."""
    return {
        s.unit_code for s in slots
        if s.unit_code and (g := gates.get(s.city_code)) is not None and not g.met
        and any(c.code == "filed" and c.met for c in g.criteria)
    }


def determine_submission_chases(
    slots: list[SlotFacts], cfg: ProgrammeConfig, calendar: WorkCalendar, as_of: dt.date
) -> list[Finding]:
    """Remind cities whose materials have not arrived; escalate to the province after the deadline."""
    due = cfg.deadlines.recommendation
    findings: list[Finding] = []
    for slot in slots:
        if not lacking_documents(slot):
            continue
        ctx = {"city_name": slot.city_name, "city_code": slot.city_code,
               "lacking": lacking_documents(slot),
               "unit_name": slot.unit_name or ""}
        findings += _ladder_findings(
            rule=RECOMMENDATION_RULE, ladder=cfg.ladders.recommendation, due=due,
            subject=slot.city_code, slot=slot,
            period=str(cfg.year), calendar=calendar, as_of=as_of,
            template="recommendation_deadline", context=ctx,
        )
    return findings


def determine_gate_chases(
    slots: list[SlotFacts], gates: dict[str, GateResult], cfg: ProgrammeConfig,
    calendar: WorkCalendar, as_of: dt.date,
) -> list[Finding]:
    """Chase filed units whose preparation gate is still open as its deadline nears and passes."""
    due = cfg.deadlines.preparation_gate
    open_units = open_gate_subjects(slots, gates)
    findings: list[Finding] = []
    for slot in slots:
        if slot.unit_code not in open_units:
            continue
        gate = gates[slot.city_code]
        missing = [f"{c.label}：{c.missing}" for c in gate.criteria if not c.met]
        ctx = {"city_name": slot.city_name, "unit_name": slot.unit_name, "unit_code": slot.unit_code,
               "missing": missing}
        findings += _ladder_findings(
            rule=PREPARATION_GATE_RULE, ladder=cfg.ladders.preparation_gate, due=due,
            subject=slot.unit_code, slot=slot,
            period=str(cfg.year), calendar=calendar, as_of=as_of,
            template="preparation_gate", context=ctx,
        )
    return findings


def awaiting_resubmission(slot: SlotFacts) -> bool:
    """Returned by the province and nothing sent since."""
    f = slot.filing
    if f is None or f.decision != Decision.return_:
        return False
    latest = max((e.date for e in (slot.recommendation, slot.work_plan) if e and e.date), default=None)
    return latest is None or latest <= f.decided_on


def open_resubmission_subjects(slots: list[SlotFacts]) -> set[str]:
    return {s.unit_code for s in slots if s.unit_code and awaiting_resubmission(s)}


def determine_resubmission_chases(
    slots: list[SlotFacts], cfg: ProgrammeConfig, calendar: WorkCalendar, as_of: dt.date
) -> list[Finding]:
    """After a return the city must resubmit within N working days: the city's ladder again."""
    findings: list[Finding] = []
    for slot in slots:
        filing, unit = slot.filing, slot.unit_code  # a filing is recorded against a recommended unit
        if filing is None or unit is None or not awaiting_resubmission(slot):
            continue
        returned_on = filing.decided_on
        due = calendar.add_workdays(returned_on, cfg.deadlines.resubmission_workdays)
        ctx = {"city_name": slot.city_name, "city_code": slot.city_code, "unit_name": slot.unit_name,
               "lacking": [f"退回后重新报送的材料（退回理由：{filing.reason}）"]}
        found = _ladder_findings(
            rule=RESUBMISSION_RULE, ladder=cfg.ladders.recommendation, due=due, subject=unit,
            slot=slot, period=f"{cfg.year}:{returned_on.isoformat()}", calendar=calendar, as_of=as_of,
            template="recommendation_deadline", context=ctx)
        findings += [f for f in found if f.evidence_date and f.evidence_date > returned_on]
    return findings


def overdue_subjects(statuses: list[UnitStatus]) -> set[str]:
    """Recommended units past the gate deadline with the gate still unmet (筹备逾期)."""
    return {st.slot.unit_code for st in statuses if st.slot.unit_code and st.phase.gate_overdue}


def determine_overdue_chases(
    statuses: list[UnitStatus], cfg: ProgrammeConfig, calendar: WorkCalendar, as_of: dt.date
) -> list[Finding]:
    """Each month after the gate deadline's own ladder, a gate-overdue unit climbs ladders.gate_overdue."""
    start, close_by = month_bounds(as_of, calendar)
    due = cfg.deadlines.preparation_gate
    last_gate_rung = rung_date(cfg.ladders.preparation_gate.rungs[-1], due, calendar)
    rung = latest_due_rung(cfg.ladders.gate_overdue, start, as_of, calendar)
    if rung is None or start <= last_gate_rung:
        return []
    findings: list[Finding] = []
    for st in statuses:
        slot = st.slot
        if not (slot.unit_code and st.phase.gate_overdue):
            continue
        ctx = {"unit_name": slot.unit_name, "unit_code": slot.unit_code, "city_name": slot.city_name,
               "lacking": gate_lacking(st), "due": due.isoformat(),
               "workdays_over": calendar.workdays_between(due, as_of),
               "month": as_of.strftime("%Y-%m"), "close_by": close_by.isoformat()}
        findings += [Finding(GATE_OVERDUE_RULE, slot.unit_code, rung.index, as_of.strftime("%Y-%m"),
                             audience_tag(a, slot.city_code, slot.unit_code), rung.rung.urgent,
                             GATE_OVERDUE_RULE, ctx, rung.fires_on)
                     for a in rung.rung.audience]
    return findings
