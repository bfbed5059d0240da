"""The province's own deadline (deadlines.filing) as pure rules: what waits for review, and the reminder."""

from __future__ import annotations

from dataclasses import replace

from models.filing_chases import (
    determine_filing_chases,
    open_filing_keys,
    review_due,
    waiting_for_review,
)
from notifications.render import render
from tests.unit.factories import (
    d,
    empty_slot,
    filed_slot,
    resubmitted_slot,
    returned_slot,
    submitted_slot,
    work_calendar,
)
from tests.unit.factories import programme_config as cfg


def _waiting(slots, as_of: str):
    return waiting_for_review(slots, cfg(), work_calendar(), d(as_of))


def test_complete_materials_not_yet_decided_wait_for_review():
    slots = [empty_slot("340200", "芜湖市"), submitted_slot(work_plan=False, city_code="340300",
                                                           city_name="蚌埠市", unit_code="340321"),
             submitted_slot(), filed_slot()]
    [waiting] = _waiting(slots[:3], "2026-05-13")
    assert (waiting.unit_code, waiting.received_on) == ("340123", d("2026-05-08"))
    assert waiting.due == d("2026-05-22")
    assert _waiting([filed_slot()], "2026-05-20") == []


def test_materials_not_yet_received_by_the_day_do_not_wait():
    assert _waiting([submitted_slot(d("2026-05-11"))], "2026-05-10") == []


def test_a_returned_unit_waits_again_only_once_it_resends():
    assert _waiting([returned_slot(d("2026-05-15"))], "2026-05-20") == []
    [again] = _waiting([resubmitted_slot(d("2026-05-25"), d("2026-05-15"))], "2026-05-26")
    assert again.resubmitted and again.received_on == d("2026-05-25")
    assert again.due == work_calendar().add_workdays(d("2026-05-25"), 5)


def test_late_materials_get_the_resubmission_period_but_never_before_the_filing_deadline():
    cal = work_calendar()
    assert review_due(d("2026-05-12"), cfg(), cal) == d("2026-05-22")
    assert review_due(d("2026-05-13"), cfg(), cal) == d("2026-05-22")  # +5 working days is earlier
    assert review_due(d("2026-06-01"), cfg(), cal) == cal.add_workdays(d("2026-06-01"), 5)


def test_no_reminder_before_the_first_rung_then_one_to_the_province_listing_them_all():
    slots = [submitted_slot(), submitted_slot(d("2026-05-11"), city_code="340200", city_name="芜湖市",
                                              unit_code="340222", unit_name="繁昌区")]
    early = d("2026-05-18")  # 4 working days before 2026-05-22: the first rung is at −3
    assert determine_filing_chases(_waiting(slots, "2026-05-18"), cfg(), work_calendar(), early) == []
    on = d("2026-05-19")
    [finding] = determine_filing_chases(_waiting(slots, "2026-05-19"), cfg(), work_calendar(), on)
    assert (finding.audience, finding.subject, finding.period, finding.rung) == (
        "province", "filing", "2026-05-22", 0)
    title, body = render(finding)
    assert title == "【提醒】待审核备案 2 个单位，2026-05-22 前须完成"
    assert "合肥市 肥西县（340123）：2026-05-08 收到" in body and "芜湖市 繁昌区（340222）" in body
    assert "legalcap review pending" in body


def test_after_the_deadline_the_reminder_is_urgent_and_says_overdue():
    after = d("2026-05-25")
    [finding] = determine_filing_chases(_waiting([submitted_slot()], "2026-05-25"), cfg(), work_calendar(),
                                        after)
    assert finding.urgent and finding.rung == 1
    assert render(finding)[0] == "【逾期】待审核备案 1 个单位，审核备案未按期完成"


def test_the_open_key_follows_the_earliest_due_and_closes_once_nothing_waits():
    waiting = _waiting([submitted_slot(), resubmitted_slot(d("2026-06-01"))], "2026-06-02")
    assert open_filing_keys(waiting) == {("filing", "2026-05-22")}
    assert open_filing_keys(_waiting([replace(submitted_slot(), filing=filed_slot().filing)],
                                     "2026-06-02")) == set()
