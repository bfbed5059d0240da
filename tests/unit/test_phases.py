"""Which phase a unit is in: stage-gated by its preparation gate within the programme windows."""

from __future__ import annotations

import datetime as dt

import pytest

from models.enums import Phase
from models.gates import preparation_gate
from models.phases import phase_of, submission_status
from tests.unit.factories import d, filed_slot, programme_config, ready_slot

DEADLINE = dt.date(2026, 5, 12)

PHASES = [
    # (case, gate met on (None: never), as_of, verdict, phase, since)
    ("before the programme", None, "2026-03-31", None, Phase.not_started, None),
    ("before the programme even if ready", "2026-03-20", "2026-03-31", None,
     Phase.not_started, None),
    ("first day, gate unmet", None, "2026-04-01", None, Phase.preparation, "2026-04-01"),
    ("gate unmet in June", None, "2026-06-15", None, Phase.preparation, "2026-04-01"),
    ("gate met in April, waiting for the window", "2026-04-20", "2026-04-30", None,
     Phase.preparation, "2026-04-01"),
    ("gate met in April, window opens", "2026-04-20", "2026-05-01", None,
     Phase.implementation, "2026-05-01"),
    ("gate met in April, later", "2026-04-20", "2026-09-01", None,
     Phase.implementation, "2026-05-01"),
    ("gate met in June, day before", "2026-06-10", "2026-06-09", None,
     Phase.preparation, "2026-04-01"),
    ("gate met in June, that day", "2026-06-10", "2026-06-10", None,
     Phase.implementation, "2026-06-10"),
    ("last day of implementation", "2026-06-10", "2027-04-30", None,
     Phase.implementation, "2026-06-10"),
    ("evaluation opens", "2026-06-10", "2027-05-01", None, Phase.evaluation, "2027-05-01"),
    ("evaluation, rectification ordered", "2026-06-10", "2027-05-20", "rectify",
     Phase.evaluation, "2027-05-01"),
    ("evaluation, passed", "2026-06-10", "2027-05-20", "pass", Phase.closed, None),
    ("evaluation, promoted", "2026-06-10", "2027-05-20", "promote", Phase.closed, None),
    ("a verdict before evaluation changes nothing", "2026-06-10", "2027-03-01", "pass",
     Phase.implementation, "2026-06-10"),
    ("gate unmet on its deadline", None, "2026-06-30", None, Phase.preparation, "2026-04-01"),
    ("gate overdue: implementing from the window's start", None, "2026-07-01", None,
     Phase.implementation, "2026-05-01"),
    ("gate overdue all year: evaluated", None, "2027-05-10", None,
     Phase.evaluation, "2027-05-01"),
    ("gate overdue, a pass recorded does not close it", None, "2027-05-20", "pass",
     Phase.evaluation, "2027-05-01"),
    ("gate met late: implementing from that day", "2026-08-10", "2026-09-01", None,
     Phase.implementation, "2026-08-10"),
]


@pytest.mark.parametrize(
    "met_on, as_of, verdict, phase, since",
    [row[1:] for row in PHASES],
    ids=[row[0] for row in PHASES],
)
def test_the_phase_follows_the_gate_and_the_windows(
    met_on: str | None, as_of: str, verdict: str | None, phase: Phase, since: str | None
) -> None:
    slot = ready_slot(d(met_on)) if met_on else filed_slot()
    gate = preparation_gate(slot, DEADLINE)
    assert gate.met_on == (d(met_on) if met_on else None)
    state = phase_of(gate, programme_config(), d(as_of), verdict)
    assert state.phase == phase
    assert state.since == (d(since) if since else None)


def test_a_gate_met_after_as_of_is_not_yet_met() -> None:
    gate = preparation_gate(ready_slot(d("2026-06-10")), DEADLINE)
    assert phase_of(gate, programme_config(), d("2026-05-20")).phase == Phase.preparation


SUBMISSIONS = [
    # (received_on, as_of, status)
    (None, "2026-05-01", "pending"),
    (None, "2026-05-12", "pending"),
    (None, "2026-05-13", "missing"),
    ("2026-05-08", "2026-05-10", "submitted"),
    ("2026-05-12", "2026-05-12", "submitted"),
    ("2026-05-12", "2026-06-30", "submitted"),
    ("2026-05-13", "2026-05-13", "late"),
    ("2026-05-20", "2026-06-01", "late"),
    ("2026-05-20", "2026-05-15", "missing"),
    ("2026-05-11", "2026-05-10", "pending"),
]


@pytest.mark.parametrize(
    "received_on, as_of, status",
    SUBMISSIONS,
    ids=[f"{r or 'none'}@{a}" for r, a, _ in SUBMISSIONS],
)
def test_submission_status_by_receipt_and_date(
    received_on: str | None, as_of: str, status: str
) -> None:
    received = d(received_on) if received_on else None
    assert submission_status(received, DEADLINE, d(as_of)) == status


@pytest.mark.parametrize(("met_on", "as_of", "overdue"), [
    (None, "2026-06-30", False), (None, "2026-07-01", True), (None, "2027-05-20", True),
    ("2026-08-10", "2026-08-07", True), ("2026-08-10", "2026-08-10", False),
    ("2026-06-10", "2026-09-01", False),
])
def test_only_a_unit_past_the_gate_deadline_with_the_gate_unmet_is_flagged_overdue(met_on, as_of, overdue):
    slot = ready_slot(d(met_on)) if met_on else filed_slot()
    state = phase_of(preparation_gate(slot, DEADLINE), programme_config(), d(as_of))
    assert state.gate_overdue is overdue


def test_a_city_that_recommended_nobody_is_not_made_to_implement():
    gate = preparation_gate(filed_slot(), DEADLINE)
    state = phase_of(gate, programme_config(), d("2026-09-01"), recommended=False)
    assert (state.phase, state.gate_overdue) == (Phase.preparation, False)
