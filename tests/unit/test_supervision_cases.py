"""一函两书 cases from ledger rows: stages, the reply deadline in working days, overdue chases."""

from __future__ import annotations

from models.supervision import CaseRow, build_cases, determine_reply_chases, group_documents, overdue
from tests.unit.factories import d, programme_config, work_calendar

UNIT = "340123"
CITIES = {UNIT: ("340100", "合肥市", "肥西县")}


def _cases(*rows: CaseRow):
    return build_cases(group_documents(list(rows)), programme_config(), work_calendar())


def test_the_reply_is_due_15_working_days_after_the_opinion():
    [case] = _cases(CaseRow(UNIT, "JD-1", "reminder_letter", d("2026-09-01"), "某公司"),
                    CaseRow(UNIT, "JD-1", "opinion", d("2026-09-21")))
    # 15 working days after Monday 2026-09-21, across the National Day holiday (10-01..07, 10-10 worked)
    assert case.reply_due == d("2026-10-19")
    assert case.stage == "opinion" and case.employer == "某公司"


def test_an_explicit_reply_deadline_in_the_ledger_wins():
    [case] = _cases(CaseRow(UNIT, "JD-2", "opinion", d("2026-09-01"), reply_due=d("2026-09-10")))
    assert case.reply_due == d("2026-09-10")


def test_a_reply_or_a_recommendation_closes_the_overdue_state():
    replied = _cases(CaseRow(UNIT, "A", "opinion", d("2026-09-01"), replied_on=d("2026-09-15")))[0]
    escalated = _cases(CaseRow(UNIT, "B", "opinion", d("2026-09-01")),
                       CaseRow(UNIT, "B", "recommendation", d("2026-10-20")))[0]
    waiting = _cases(CaseRow(UNIT, "C", "opinion", d("2026-09-01")))[0]
    day = d("2026-11-02")
    assert (overdue(replied, day), overdue(escalated, day), overdue(waiting, day)) == (False, False, True)
    assert (replied.stage, escalated.stage) == ("replied", "recommendation")


def test_an_overdue_reply_reminds_the_unit_then_the_city():
    [case] = _cases(CaseRow(UNIT, "JD-9", "opinion", d("2026-09-01"), "某建筑公司"))
    cfg, cal = programme_config(), work_calendar()
    first = cal.next_workday(case.reply_due)
    assert determine_reply_chases([case], CITIES, cfg, cal, case.reply_due) == []
    [to_unit] = determine_reply_chases([case], CITIES, cfg, cal, first)
    assert to_unit.audience == "unit-340123" and to_unit.subject == "340123:JD-9"
    later = determine_reply_chases([case], CITIES, cfg, cal, cal.add_workdays(first, 5))
    assert {f.audience for f in later} == {"unit-340123", "city-340100"}


def test_units_not_in_implementation_are_not_chased():
    [case] = _cases(CaseRow(UNIT, "JD-9", "opinion", d("2026-09-01")))
    assert determine_reply_chases([case], {}, programme_config(), work_calendar(), d("2026-12-01")) == []
