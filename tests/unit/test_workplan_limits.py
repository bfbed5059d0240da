"""Work plans over the notice's 原则上 1,500 characters: accepted and flagged; a hard limit only if set."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pydantic import ValidationError

from flows.console import console, gate_table
from models.gates import preparation_gate
from models.status import evaluate_slots, unit_document
from models.workplan_count import COUNT_RULE, length_note, length_refusal
from tests.unit.factories import d, programme_config, ready_slot, work_calendar

DEADLINE = d("2026-05-12")


def test_a_plan_over_the_soft_limit_gets_a_note_naming_its_count_and_the_limit():
    assert length_note(1500) is None
    note = length_note(1620)
    assert note is not None and "1620 字" in note and "原则上不超过 1500 字" in note and "120 字" in note
    assert length_note(1620, soft_limit=2000) is None
    assert "1800" in (length_note(2001, soft_limit=1800) or "")


def test_the_hard_limit_refuses_only_when_configured():
    assert length_refusal(99_999, None) is None
    assert length_refusal(1800, 1800) is None
    refusal = length_refusal(1801, 1800)
    assert refusal is not None and "1801 字" in refusal and "1800 字硬上限" in refusal
    assert COUNT_RULE in refusal


def test_the_programme_config_carries_the_limits_with_the_notice_defaults():
    cfg = programme_config()
    assert (cfg.workplan_soft_limit, cfg.workplan_hard_limit) == (1500, None)
    data = cfg.model_dump(mode="json")
    changed = type(cfg).model_validate({**data, "workplan_soft_limit": 1800, "workplan_hard_limit": 3000})
    assert (changed.workplan_soft_limit, changed.workplan_hard_limit) == (1800, 3000)
    with pytest.raises(ValidationError, match="硬上限 1000 小于提示字数 1500"):
        type(cfg).model_validate({**data, "workplan_hard_limit": 1000})


def _materials(chars: int | None, soft_limit: int = 1500):
    slot = replace(ready_slot(), work_plan_chars=chars)
    gate = preparation_gate(slot, DEADLINE, soft_limit)
    return gate, next(c for c in gate.criteria if c.code == "materials_submitted")


def test_a_long_plan_is_met_but_flagged_for_the_reviewer_in_the_gate():
    gate, criterion = _materials(1620)
    assert criterion.met and gate.met
    assert criterion.flags == (length_note(1620),) and gate.flags == [length_note(1620)]
    assert criterion.as_dict()["flags"] == [length_note(1620)]
    for chars in (None, 1500):
        gate, criterion = _materials(chars)
        assert criterion.flags == () and gate.flags == []
    assert _materials(1620, soft_limit=1700)[1].flags == ()


def test_gates_explain_shows_the_flag():
    slot = replace(ready_slot(), work_plan_chars=1620)
    [status] = evaluate_slots([slot], programme_config(), work_calendar(), d("2026-06-30"))
    out = console()
    with out.capture() as captured:
        out.print(gate_table(unit_document(status, DEADLINE)))
    assert "请审核人留意" in captured.get() and "1620" in captured.get()


def test_the_status_reads_the_soft_limit_from_the_programme_config():
    slot = replace(ready_slot(), work_plan_chars=1620)
    cfg = programme_config().model_copy(update={"workplan_soft_limit": 1700})
    [status] = evaluate_slots([slot], cfg, work_calendar(), d("2026-06-30"))
    assert status.gate.flags == []
    [status] = evaluate_slots([slot], programme_config(), work_calendar(), d("2026-06-30"))
    assert status.gate.flags == [length_note(1620)]
