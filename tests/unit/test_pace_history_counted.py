"""Counting quota items per day and cumulating month-end by month-end gives the record counting every
item at every month-end gave (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from models.pace_history import (
    LedgerItem,
    PaceRecord,
    checked_month_ends,
    count_day,
    counted_pace_record,
    on_pace,
    pace_record,
    quota_items,
    tally,
)
from tests.unit.factories import d, programme_config, work_calendar

CFG, CALENDAR = programme_config(), work_calendar()
DAYS = st.dates(min_value=d("2026-04-01"), max_value=d("2027-06-30"))
ITEMS = st.lists(st.tuples(st.sampled_from(("publicity", "labour_supervision", "mediation_base")), DAYS),
                 max_size=80)


def _ending(end: dt.date):
    """The shipped configuration with the implementation window ending on `end`."""
    window = CFG.phases.implementation.model_copy(update={"end": end})
    return CFG.model_copy(update={"phases": CFG.phases.model_copy(update={"implementation": window})})


MID_APRIL = _ending(d("2027-04-15"))


def _every_item_every_month_end(items: list[tuple[str, dt.date]], start: dt.date, as_of: dt.date,
                                cfg=CFG) -> PaceRecord:
    """The former rule: at each checked month-end, count the items known by then from scratch."""
    behind = []
    checked = checked_month_ends(cfg, CALENDAR, start, as_of)
    for end in checked:
        counts: dict[str, int] = {}
        for code, on in items:
            if on <= end:
                counts[code] = counts.get(code, 0) + 1
        if not on_pace(counts, cfg, CALENDAR, start, end):
            behind.append(end.strftime("%Y-%m"))
    return PaceRecord(len(checked) - len(behind), len(checked), tuple(behind))


@settings(max_examples=60, deadline=None)
@given(items=ITEMS, start=st.dates(min_value=d("2026-05-01"), max_value=d("2026-12-31")), as_of=DAYS)
def test_counted_record_equals_counting_every_item(items, start, as_of):
    expected = _every_item_every_month_end(items, start, as_of)
    assert counted_pace_record(tally(items), CFG, CALENDAR, start, as_of) == expected


@settings(max_examples=60, deadline=None)
@given(items=ITEMS, start=st.dates(min_value=d("2026-05-01"), max_value=d("2026-12-31")), as_of=DAYS,
       cfg=st.sampled_from((CFG, MID_APRIL)))
def test_counting_at_the_first_of_the_month_changes_no_check(items, start, as_of, cfg):
    by_month = [(code, count_day(on, cfg)) for code, on in items]
    expected = _every_item_every_month_end(items, start, as_of, cfg)
    assert counted_pace_record(tally(by_month), cfg, CALENDAR, start, as_of) == expected


def test_the_window_ends_month_keeps_exact_days():
    assert count_day(d("2027-04-16"), MID_APRIL) == d("2027-04-16")
    assert count_day(d("2027-03-16"), MID_APRIL) == d("2027-03-01")
    assert checked_month_ends(MID_APRIL, CALENDAR, d("2026-05-01"), d("2027-06-01"))[-1] == d("2027-04-15")


def test_the_counted_record_sees_a_busy_unit_on_pace_and_a_late_one_behind():
    rng = random.Random(3)
    busy = [(code, d("2026-05-04") + dt.timedelta(days=rng.randint(0, 360)))
            for code in ("publicity", "labour_supervision", "mediation_base") for _ in range(40)]
    record = counted_pace_record(tally(busy), CFG, CALENDAR, d("2026-05-01"), d("2027-04-30"))
    assert record.checked > 0 and record.behind_months == ()
    late = [("publicity", d("2027-04-01"))]
    assert counted_pace_record(tally(late), CFG, CALENDAR, d("2026-05-01"), d("2026-09-30")).kept == 0


def test_rows_give_the_same_record_through_the_counted_rule():
    rows = [LedgerItem("labour_supervision", "notice", "J1", d("2026-05-08"), d("2026-05-08")),
            LedgerItem("labour_supervision", "opinion", "J1", d("2026-05-20"), d("2026-05-20"))]
    assert tally(quota_items(rows)) == [("labour_supervision", d("2026-05-08"), 1)]
    assert pace_record(rows, CFG, CALENDAR, d("2026-05-01"), d("2026-08-31")) == counted_pace_record(
        [("labour_supervision", d("2026-05-08"), 1)], CFG, CALENDAR, d("2026-05-01"), d("2026-08-31"))
