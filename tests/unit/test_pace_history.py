"""The month-end pace record: the pace chase's rule, looked at on every month-end of the window."""

from __future__ import annotations

import datetime as dt

from models.pace_history import LedgerItem, PaceRecord, month_ends, pace_record, quota_items
from tests.unit.factories import d, programme_config, work_calendar

MAY_1 = d("2026-05-01")
YEAR_END = d("2027-04-30")


def _item(category: str, on: dt.date, *, subtype: str = "", case_no: str = "",
          received: dt.date | None = None) -> LedgerItem:
    return LedgerItem(category, subtype, case_no, on, received or on)


def _monthly(first: dt.date, months: int, category: str, subtype: str = "", cases: bool = False
             ) -> list[LedgerItem]:
    """One item on the first working week of each month from `first`."""
    out = []
    for n in range(months):
        month = (first.month - 1 + n) % 12 + 1
        on = dt.date(first.year + (first.month - 1 + n) // 12, month, 8)
        out.append(_item(category, on, subtype=subtype, case_no=f"J{n}" if cases else ""))
    return out


def _steady(first: dt.date = MAY_1) -> list[LedgerItem]:
    return (_monthly(first, 10, "publicity") + _monthly(first, 10, "labour_supervision", "notice", True)
            + _monthly(first, 5, "legal_aid", "mediation"))


def _record(rows: list[LedgerItem], start: dt.date = MAY_1, as_of: dt.date = YEAR_END) -> PaceRecord:
    return pace_record(rows, programme_config(), work_calendar(), start, as_of)


def test_month_ends_run_from_may_to_the_window_end_up_to_as_of():
    cfg = programme_config()
    assert month_ends(cfg, d("2026-08-30")) == [d("2026-05-31"), d("2026-06-30"), d("2026-07-31")]
    ends = month_ends(cfg, d("2027-06-30"))
    assert len(ends) == 12 and ends[-1] == YEAR_END


def test_a_steady_unit_keeps_every_month_checked():
    record = _record(_steady())
    assert record == PaceRecord(11, 11, ())  # June 2026 to April 2027; May 31 is within the grace
    assert record.text() == "按月进度：检查 11 个月，11 个月正常"


def test_a_slow_starter_loses_the_months_it_was_behind():
    late = d("2026-11-02")
    rows = _steady(late) + _monthly(MAY_1, 1, "legal_aid", "mediation")
    record = _record(rows)
    assert record.checked == 11 and record.kept < record.checked
    assert record.behind_months[:3] == ("2026-06", "2026-07", "2026-08")
    assert "滞后：2026年6月、2026年7月、2026年8月" in record.text()
    assert _record(_steady()).kept > record.kept


def test_month_ends_within_the_grace_period_are_not_checked():
    start = d("2026-06-10")  # 14 working days to June 30, within the 20 of the grace period
    assert _record([], start, d("2026-06-30")) == PaceRecord(0, 0, ())
    record = _record([], start, d("2026-08-31"))
    assert record.checked == 2 and record.behind_months == ("2026-07", "2026-08")
    assert _record([], start, d("2026-05-31")).checked == 0  # before its start: nothing


def test_a_supervision_case_counts_once_from_its_first_known_row():
    rows = [_item("labour_supervision", d("2026-06-20"), subtype="opinion", case_no="J1"),
            _item("labour_supervision", d("2026-06-05"), subtype="notice", case_no="J1",
                  received=d("2026-06-09")),
            _item("labour_supervision", d("2026-07-01"), subtype="recommendation", case_no="J1")]
    assert quota_items(rows) == [("labour_supervision", d("2026-06-09"))]


def test_documents_of_one_case_do_not_keep_a_unit_on_pace():
    others = _monthly(MAY_1, 10, "publicity") + _monthly(MAY_1, 5, "legal_aid", "mediation")
    one_case = [_item("labour_supervision", on.occurred_on, subtype="opinion", case_no="J1")
                for on in _monthly(MAY_1, 10, "publicity")]
    assert _record(others + one_case).kept < _record(_steady()).kept == 11


def test_a_row_counts_from_the_day_it_was_received_not_its_date():
    on_time = _steady()
    late = [LedgerItem(r.category, r.subtype, r.case_no, r.occurred_on, d("2026-12-01")) for r in on_time]
    record = _record(late)
    assert record.behind_months[:2] == ("2026-06", "2026-07") and "2026-12" not in record.behind_months


def test_a_quota_still_short_at_the_window_end_is_not_on_pace():
    rows = _steady()[:-1]  # the fifth mediation case never comes
    assert _record(rows).behind_months[-1] == "2027-04"


def test_other_ledger_rows_are_not_quota_items():
    rows = [_item("legal_aid", MAY_1, subtype="arbitration"), _item("collective", MAY_1)]
    assert quota_items(rows) == []
