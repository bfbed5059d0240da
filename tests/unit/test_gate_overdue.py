"""A unit past the gate deadline with the gate unmet (筹备逾期): chased monthly, obligations all the same."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from models.chases import determine_overdue_chases, overdue_subjects
from models.enums import ArchiveKind
from models.ledger_chases import determine_monthly_ledger_chases
from models.status import evaluate_slots, gate_lacking
from notifications.render import render
from tests.unit.factories import d, filed_slot, programme_config, ready_slot, work_calendar

UNIT = "340123"


def _statuses(as_of: dt.date, slot=None):
    return evaluate_slots([slot or filed_slot()], programme_config(), work_calendar(), as_of)


def _chases(as_of: str, slot=None):
    day = d(as_of)
    return determine_overdue_chases(_statuses(day, slot), programme_config(), work_calendar(), day)


def _no_archive(*kinds: ArchiveKind):
    """Ready in every way but these archive kinds: the gate stays unmet."""
    slot = ready_slot(d("2026-06-10"))
    return replace(slot, archive={k: e for k, e in slot.archive.items() if k not in kinds})


def test_july_is_left_to_the_gate_deadlines_own_ladder():
    assert _chases("2026-07-01") == [] and _chases("2026-07-15") == []


def test_from_august_each_month_climbs_unit_then_city_then_province():
    first = d("2026-08-03")  # the first working day of August
    cal = work_calendar()
    assert [f.audience for f in _chases("2026-08-03")] == [f"unit-{UNIT}"]
    assert [f.audience for f in _chases(cal.add_workdays(first, 5).isoformat())] == [
        f"unit-{UNIT}", "city-340100"]
    [province] = _chases(cal.add_workdays(first, 10).isoformat())
    assert (province.audience, province.urgent, province.period, province.subject) == (
        "province", True, "2026-08", UNIT)
    assert [f.period for f in _chases("2027-05-06")] == ["2027-05"]  # still chased in evaluation


def test_the_reminder_names_what_is_missing_plainly():
    slot = _no_archive(ArchiveKind.award_notice, ArchiveKind.communication_log)
    [st] = _statuses(d("2026-08-03"), slot)
    assert gate_lacking(st) == ["中标公示", "过程沟通记录"]
    [finding] = _chases("2026-08-03", slot)
    title, body = render(finding)
    assert title == "【筹备逾期】肥西县：筹备部署关口仍未满足（2026年8月）"
    assert "仍缺：中标公示、过程沟通记录。" in body


def test_a_unit_that_meets_its_gate_is_no_longer_chased():
    late = ready_slot(d("2026-08-20"))
    assert _chases("2026-08-19", late) != []
    assert _chases("2026-09-01", late) == []
    assert overdue_subjects(_statuses(d("2026-09-01"), late)) == set()
    assert overdue_subjects(_statuses(d("2026-08-19"), late)) == {UNIT}


def test_its_implementation_obligations_run_all_the_same():
    day = d("2026-09-07")  # the monthly ledger's due day
    [st] = _statuses(day)
    assert st.phase.gate_overdue and st.pace_from == d("2026-05-01")
    assert {q.status for q in st.quotas} == {"at_risk"}
    findings = determine_monthly_ledger_chases([st], programme_config(), work_calendar(), day)
    assert [f.audience for f in findings] == [f"unit-{UNIT}"]


def test_the_status_table_says_plainly_what_is_missing_and_that_the_unit_is_overdue():
    from rich.console import Console

    from flows.console import status_table
    from models.status import status_document

    cfg, day = programme_config(), d("2027-05-31")
    slot = _no_archive(ArchiveKind.award_notice, ArchiveKind.communication_log)
    doc = status_document(_statuses(day, slot), cfg, cfg.config_hash(), day)
    console = Console(width=300, record=True)
    console.print(status_table(doc))
    text = console.export_text()
    assert "总结评估（筹备逾期）" in text and "缺：中标公示、过程沟通记录" in text
    assert "采购档案七类齐全" not in text
