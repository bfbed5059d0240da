"""Deliver 12: the preparation gate's team minimum is the programme's team_minimum, not a fixed 3."""

from __future__ import annotations

import datetime as dt

from models.gates import preparation_gate
from tests.unit.factories import ready_slot

DEADLINE = dt.date(2026, 5, 12)


def _team(slot, minimum: int | None = None):
    if minimum is None:
        gate = preparation_gate(slot, DEADLINE)
    else:
        gate = preparation_gate(slot, DEADLINE, team_minimum=minimum)
    return next(c for c in gate.criteria if c.code == "team")


def test_by_default_three_members_are_enough():
    assert _team(ready_slot(team_size=3)).met


def test_a_province_asking_for_four_holds_a_three_member_team_back_saying_so():
    found = _team(ready_slot(team_size=3), 4)
    assert not found.met
    assert found.label == "服务团队不少于 4 人" and found.missing == "团队现有 3 人，至少需 4 人"


def test_a_province_asking_for_two_lets_a_two_member_team_through():
    assert _team(ready_slot(team_size=2), 2).met and not _team(ready_slot(team_size=2)).met


def test_the_status_of_every_unit_applies_the_programmes_team_minimum():
    from models.status import evaluate_slots
    from tests.unit.factories import programme_config, work_calendar

    cfg = programme_config()
    as_of = dt.date(2026, 9, 1)
    slot = ready_slot(team_size=3)
    assert evaluate_slots([slot], cfg, work_calendar(), as_of)[0].gate.met
    stricter = cfg.model_copy(update={"team_minimum": 4})
    gate = evaluate_slots([slot], stricter, work_calendar(), as_of)[0].gate
    assert not gate.met and "团队现有 3 人，至少需 4 人" in [c.missing for c in gate.criteria]
