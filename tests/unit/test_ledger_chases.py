"""Ledger chases as pure rules: a silent unit, and the monthly ledger not handed in."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from models.ledger_chases import (
    determine_monthly_ledger_chases,
    determine_silence_chases,
    missing_monthly_subjects,
    monthly_due,
)
from models.status import evaluate_slots
from tests.unit.factories import d, programme_config, ready_slot, work_calendar

UNIT = "340123"


def _statuses(as_of: dt.date, **facts):
    slot = replace(ready_slot(d("2026-06-10")), **facts)
    return evaluate_slots([slot], programme_config(), work_calendar(), as_of)


def test_the_monthly_ledger_is_due_on_the_fifth_working_day():
    # October 2026: 1–7 are holidays, Saturday the 10th is worked → 8, 9, 10, 12, 13.
    assert monthly_due(d("2026-10-20"), programme_config(), work_calendar()) == d("2026-10-13")
    assert monthly_due(d("2026-09-15"), programme_config(), work_calendar()) == d("2026-09-07")


@pytest.mark.parametrize(
    ("last_import", "as_of", "chased"),
    [
        (None, "2026-09-07", True),            # nothing ever imported, due today
        ("2026-08-05", "2026-09-07", True),    # August's import is not September's
        ("2026-09-03", "2026-09-07", False),   # handed in this month
        ("2026-08-05", "2026-09-04", False),   # not due yet (4th working day)
    ],
)
def test_the_monthly_ledger_is_chased_from_its_due_day_until_it_arrives(last_import, as_of, chased):
    day = d(as_of)
    statuses = _statuses(day, last_import_on=d(last_import) if last_import else None)
    findings = determine_monthly_ledger_chases(statuses, programme_config(), work_calendar(), day)
    assert bool(findings) is chased
    if chased:
        assert findings[0].audience == f"unit-{UNIT}" and findings[0].context["month"] == "2026-08"


def test_a_unit_that_entered_implementation_this_month_owes_no_monthly_ledger():
    statuses = _statuses(d("2026-06-20"))  # implementation since 2026-06-10
    assert missing_monthly_subjects(statuses, d("2026-06-20")) == set()


def test_a_unit_silent_for_30_working_days_is_chased_and_a_new_entry_stops_it():
    cfg, cal = programme_config(), work_calendar()
    last = d("2026-07-01")
    due = cal.add_workdays(last, cfg.chasing.no_entry_workdays)
    quiet = _statuses(due, last_entry_on=last)
    [finding] = determine_silence_chases(quiet, cfg, cal, due)
    assert finding.subject == UNIT and finding.context["workdays"] == 30 and finding.period == "2026-07-01"
    day_before = cal.add_workdays(due, -1)
    assert determine_silence_chases(_statuses(day_before, last_entry_on=last), cfg, cal, day_before) == []
    assert determine_silence_chases(_statuses(due, last_entry_on=due), cfg, cal, due) == []
