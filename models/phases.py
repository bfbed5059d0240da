"""Which phase a unit is in on a date, derived from its gate and the programme windows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from config.programme import ProgrammeConfig
from models.enums import Phase, SubmissionStatus, VerdictKind
from models.gates import GateResult


@dataclass(frozen=True)
class PhaseState:
    phase: Phase
    since: dt.date | None
    gate_overdue: bool = False  # past the gate deadline, gate unmet: implementation obligations all the same


def gate_overdue(gate: GateResult, cfg: ProgrammeConfig, as_of: dt.date) -> bool:
    """Past the preparation gate deadline with the gate still unmet on as_of."""
    return as_of > cfg.deadlines.preparation_gate and (gate.met_on is None or gate.met_on > as_of)


def phase_of(
    gate: GateResult, cfg: ProgrammeConfig, as_of: dt.date, verdict: str | None = None,
    recommended: bool = True,
) -> PhaseState:
    """Stage-gated: implementation starts when the gate is met (not before its window).

    A recommended unit past the gate deadline with the gate unmet is not left behind: it is in
    implementation (then evaluation) from the window's start, flagged gate_overdue (筹备逾期).
    """
    phases = cfg.phases
    if as_of < phases.preparation.start:
        return PhaseState(Phase.not_started, None)
    if recommended and gate_overdue(gate, cfg, as_of):
        return _overdue(cfg, as_of)
    met_on = gate.met_on
    if met_on is None or met_on > as_of:
        return PhaseState(Phase.preparation, phases.preparation.start)
    started = max(met_on, phases.implementation.start)
    if as_of >= phases.evaluation.start:
        if verdict in (VerdictKind.promote, VerdictKind.pass_):
            return PhaseState(Phase.closed, None)
        return PhaseState(Phase.evaluation, phases.evaluation.start)
    if as_of >= started:
        return PhaseState(Phase.implementation, started)
    return PhaseState(Phase.preparation, phases.preparation.start)


def _overdue(cfg: ProgrammeConfig, as_of: dt.date) -> PhaseState:
    """The gate-overdue unit's phase: implementation from its window's start, then evaluation."""
    phases = cfg.phases
    if as_of >= phases.evaluation.start:
        return PhaseState(Phase.evaluation, phases.evaluation.start, gate_overdue=True)
    return PhaseState(Phase.implementation, phases.implementation.start, gate_overdue=True)


def submission_status(
    received_on: dt.date | None, deadline: dt.date, as_of: dt.date
) -> SubmissionStatus:
    """submitted (on time) / late (after the deadline) / missing (overdue) / pending (not yet due)."""
    if received_on is not None and received_on <= as_of:
        return SubmissionStatus.submitted if received_on <= deadline else SubmissionStatus.late
    return SubmissionStatus.missing if as_of > deadline else SubmissionStatus.pending
