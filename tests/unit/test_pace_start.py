"""Pacing from the unit's real start, the grace period before pace reminders, whole-item shortfalls."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from models.pace_chases import determine_pace_chases, lagging_subjects
from models.pacing import elapsed_share, in_grace, pace_start, shortfall
from models.status import evaluate_slots
from tests.unit.factories import d, programme_config, ready_slot, work_calendar

GATE_MET = d("2026-06-10")


def _statuses(as_of: dt.date, counts: dict[str, int] | None = None, ready_on: dt.date = GATE_MET):
    slot = replace(ready_slot(ready_on), quota_counts=dict(counts or {}))
    return evaluate_slots([slot], programme_config(), work_calendar(), as_of)


def _publicity(as_of: dt.date, counts: dict[str, int] | None = None, ready_on: dt.date = GATE_MET):
    [st] = _statuses(as_of, counts, ready_on)
    return next(q for q in st.quotas if q.code == "publicity")


@pytest.mark.parametrize(
    ("gate_met", "contract", "start"),
    [
        ("2026-06-10", "2026-06-08", "2026-06-10"),  # the gate day
        (None, "2026-06-08", "2026-06-08"),          # gate unmet: the contract day
        (None, None, "2026-05-01"),                  # neither: the implementation start
        ("2026-04-20", "2026-04-18", "2026-05-01"),  # never before the implementation start
    ],
)
def test_the_real_start_is_the_later_of_the_window_and_the_gate_or_contract(gate_met, contract, start):
    cfg = programme_config()
    assert pace_start(cfg, gate_met and d(gate_met), contract and d(contract)) == d(start)


def test_the_share_runs_from_the_units_start_to_the_window_end():
    cfg, cal = programme_config(), work_calendar()
    assert elapsed_share(cfg, cal, d("2026-06-09"), GATE_MET) == 0.0
    assert elapsed_share(cfg, cal, d("2027-04-30"), GATE_MET) == 1.0
    late, early = elapsed_share(cfg, cal, d("2026-09-01"), GATE_MET), elapsed_share(cfg, cal, d("2026-09-01"))
    assert 0 < late < early  # fewer of its own working days have passed


def test_two_working_days_after_its_gate_a_unit_is_not_behind():
    progress = _publicity(d("2026-06-12"))
    assert progress.expected < 0.3 and progress.status == "on_track"


def test_a_unit_paced_from_its_gate_day_is_expected_less_than_from_may():
    [st] = _statuses(d("2026-09-01"))
    assert st.pace_from == GATE_MET
    from_gate = next(q for q in st.quotas if q.code == "publicity").expected
    cfg, cal = programme_config(), work_calendar()
    assert from_gate == pytest.approx(10 * elapsed_share(cfg, cal, d("2026-09-01"), GATE_MET))
    assert from_gate < 10 * elapsed_share(cfg, cal, d("2026-09-01"))


@pytest.mark.parametrize(
    ("expected", "count", "gap"),
    [(1.0, 0, 1), (1.04, 0, 1), (1.06, 0, 2), (0.96, 0, 1), (3.5, 2, 2), (0.4, 1, 0), (2.0, 2, 0),
     (0.30000000000000004, 0, 1)],
)
def test_shortfalls_are_whole_items_rounded_up_from_the_expected_count_as_shown(expected, count, gap):
    assert shortfall(expected, count) == gap


def test_the_grace_period_is_counted_in_working_days_from_the_start():
    cfg, cal = programme_config(), work_calendar()
    last = cal.add_workdays(GATE_MET, cfg.chasing.pace_grace_workdays - 1)
    assert in_grace(cfg, cal, GATE_MET, last)
    assert not in_grace(cfg, cal, GATE_MET, cal.next_workday(last))
    assert not in_grace(cfg.model_copy(update={"chasing": cfg.chasing.model_copy(
        update={"pace_grace_workdays": 0})}), cal, GATE_MET, GATE_MET)


def test_no_pace_reminder_during_the_grace_period_even_when_lagging():
    cfg, cal = programme_config(), work_calendar()
    ready = d("2026-07-01")
    in_july = d("2026-07-24")  # 18th working day after the gate: within the 20-day grace
    statuses = _statuses(in_july, ready_on=ready)
    assert in_grace(cfg, cal, ready, in_july)
    assert determine_pace_chases(statuses, cfg, cal, in_july) == []
    assert lagging_subjects(statuses, cfg, cal, in_july) == set()


def test_after_the_grace_period_a_lagging_unit_is_reminded_with_a_whole_shortfall():
    cfg, cal = programme_config(), work_calendar()
    sept_1 = d("2026-09-01")
    findings = determine_pace_chases(_statuses(sept_1), cfg, cal, sept_1)
    publicity = next(f for f in findings if f.subject == "340123:publicity")
    assert publicity.context["gap"] == shortfall(publicity.context["expected"], 0) >= 1
    assert publicity.context["gap"] == -(-publicity.context["expected"] // 1)


def test_a_unit_that_catches_up_is_told_nothing_more():
    cfg, cal = programme_config(), work_calendar()
    sept_8 = d("2026-09-08")
    caught_up = {"publicity": 5, "labour_supervision": 5, "mediation_base": 3}
    statuses = _statuses(sept_8, caught_up)
    assert {q.status for q in statuses[0].quotas} == {"on_track"}
    assert determine_pace_chases(statuses, cfg, cal, sept_8) == []
    assert lagging_subjects(statuses, cfg, cal, sept_8) == set()
