"""Escalation ladders on the real 2026 calendar (劳动节 5/1–5 off, Saturday 5/9 worked)."""

from __future__ import annotations

import datetime as dt

import pytest

from config.programme import Ladder, Rung
from models.ladders import latest_due_rung, rung_date
from tests.unit.factories import d, programme_config, work_calendar

DUE = dt.date(2026, 5, 12)


def recommendation_ladder() -> Ladder:
    return programme_config().ladders.recommendation


@pytest.mark.parametrize(
    "index, fires_on",
    [(0, "2026-05-06"), (1, "2026-05-11"), (2, "2026-05-13"), (3, "2026-05-19")],
)
def test_each_recommendation_rung_fires_on_its_working_day(index: int, fires_on: str) -> None:
    rung = recommendation_ladder().rungs[index]
    assert rung_date(rung, DUE, work_calendar()) == d(fires_on)


@pytest.mark.parametrize(
    "offset, due, fires_on",
    [
        (-2, "2026-05-12", "2026-05-09"),  # the adjusted Saturday counts
        (1, "2026-05-08", "2026-05-09"),
        (0, "2026-05-12", "2026-05-12"),  # a working due date fires that day
        (0, "2026-05-01", "2026-05-06"),  # a holiday due date fires on the next working day
        (0, "2026-05-10", "2026-05-11"),  # Sunday
        (1, "2026-04-30", "2026-05-06"),
        (-1, "2026-05-06", "2026-04-30"),
    ],
)
def test_rung_dates_count_working_days_only(offset: int, due: str, fires_on: str) -> None:
    rung = Rung(offset=offset, audience=("unit",))
    assert rung_date(rung, d(due), work_calendar()) == d(fires_on)


LATEST = [
    # (as_of, rung index or None, fires_on)
    ("2026-04-30", None, None),
    ("2026-05-05", None, None),
    ("2026-05-06", 0, "2026-05-06"),
    ("2026-05-09", 0, "2026-05-06"),
    ("2026-05-11", 1, "2026-05-11"),
    ("2026-05-12", 1, "2026-05-11"),
    ("2026-05-13", 2, "2026-05-13"),
    ("2026-05-18", 2, "2026-05-13"),
    ("2026-05-19", 3, "2026-05-19"),
    ("2026-07-01", 3, "2026-05-19"),
]


@pytest.mark.parametrize("as_of, index, fires_on", LATEST, ids=[row[0] for row in LATEST])
def test_the_latest_due_rung_on_each_date(
    as_of: str, index: int | None, fires_on: str | None
) -> None:
    due_rung = latest_due_rung(recommendation_ladder(), DUE, d(as_of), work_calendar())
    if index is None:
        assert due_rung is None
    else:
        assert (due_rung.index, due_rung.fires_on) == (index, d(fires_on))


def test_on_the_day_after_the_deadline_the_city_and_the_province_are_told_urgently() -> None:
    due_rung = latest_due_rung(recommendation_ladder(), DUE, d("2026-05-13"), work_calendar())
    assert due_rung.index == 2
    assert [a.value for a in due_rung.rung.audience] == ["city", "province"]
    assert due_rung.rung.urgent


def test_a_tick_that_missed_days_fires_only_the_latest_due_rung() -> None:
    """Nothing ran between 5 and 18 May: rungs 0 and 1 are not replayed, only rung 2."""
    due_rung = latest_due_rung(recommendation_ladder(), DUE, d("2026-05-18"), work_calendar())
    assert due_rung.index == 2
    assert due_rung.fires_on == d("2026-05-13")
    assert due_rung.rung.offset == 1


def test_a_ladder_whose_first_rung_is_after_the_deadline_is_silent_before_it() -> None:
    ladder = Ladder(rungs=(Rung(offset=1, audience=("province",)),))
    assert latest_due_rung(ladder, DUE, DUE, work_calendar()) is None
    assert latest_due_rung(ladder, DUE, d("2026-05-13"), work_calendar()).index == 0
