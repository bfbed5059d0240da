"""Quota pacing over the implementation window (2026-05-01 – 2027-04-30) on working days."""

from __future__ import annotations

import pytest

from models.pacing import QUOTA_CODES, elapsed_share, pace_status, quota_progress
from tests.unit.factories import d, programme_config, work_calendar


def share(as_of: str) -> float:
    return elapsed_share(programme_config(), work_calendar(), d(as_of))


def publicity(count: int, as_of: str):
    progress = quota_progress({"publicity": count}, programme_config(), share(as_of))
    (found,) = [q for q in progress if q.code == "publicity"]
    return found


@pytest.mark.parametrize(
    "as_of, expected",
    [
        ("2026-01-15", 0.0),
        ("2026-04-30", 0.0),
        ("2026-05-01", 0.0),  # a holiday: no working day has passed yet
        ("2027-04-30", 1.0),
        ("2027-05-01", 1.0),
        ("2027-12-31", 1.0),
    ],
)
def test_elapsed_share_is_zero_before_and_one_after_the_window(
    as_of: str, expected: float
) -> None:
    assert share(as_of) == expected


def test_elapsed_share_grows_with_working_days_only() -> None:
    assert 0 < share("2026-05-06") < share("2026-09-01") < share("2027-04-29") < 1
    assert share("2026-10-01") == share("2026-10-07")  # 国庆 holidays add nothing
    assert share("2026-10-10") > share("2026-10-09")  # adjusted working Saturday counts


def test_on_the_first_of_september_about_three_and_a_half_events_are_expected() -> None:
    expected = publicity(0, "2026-09-01").expected
    assert 3.2 < expected < 3.8


@pytest.mark.parametrize(
    "count, status",
    [(0, "at_risk"), (1, "at_risk"), (2, "behind"), (3, "on_track"), (4, "on_track"),
     (10, "met"), (12, "met")],
)
def test_publicity_status_on_the_first_of_september(count: int, status: str) -> None:
    assert publicity(count, "2026-09-01").status == status


@pytest.mark.parametrize(
    "count, status",
    [(0, "missed"), (9, "missed"), (10, "met"), (11, "met")],
)
def test_after_the_window_below_target_is_missed(count: int, status: str) -> None:
    assert publicity(count, "2027-05-10").status == status


def test_before_the_window_nothing_is_expected_and_all_is_on_track() -> None:
    progress = publicity(0, "2026-04-20")
    assert (progress.expected, progress.status, progress.projected) == (0.0, "on_track", 0.0)


@pytest.mark.parametrize(
    "count, target, expected, status",
    [
        (5, 5, 2.0, "met"),
        (0, 0, 0.0, "met"),
        (4, 10, 10.0, "missed"),
        (8, 10, 10.0, "missed"),
        (4, 10, 5.0, "on_track"),  # 4 >= 5 × 0.8
        (3, 10, 5.0, "behind"),  # 2.5 <= 3 < 4
        (2, 10, 5.0, "at_risk"),  # 2 < 5 × 0.5
        (0, 10, 0.0, "on_track"),
    ],
)
def test_pace_status_table(count: int, target: int, expected: float, status: str) -> None:
    assert pace_status(count, target, expected, programme_config()) == status


def test_quota_progress_covers_every_quota_with_its_config_labels() -> None:
    progress = quota_progress({"labour_supervision": 4}, programme_config(), 0.5)
    assert tuple(q.code for q in progress) == QUOTA_CODES
    by_code = {q.code: q for q in progress}
    assert by_code["publicity"].count == 0
    assert (by_code["labour_supervision"].label, by_code["labour_supervision"].unit) == (
        "劳动法律监督", "件")
    assert by_code["labour_supervision"].expected == 5.0
    assert by_code["labour_supervision"].projected == 8.0
    assert by_code["mediation_base"].target == 5


def test_quota_progress_serialises_rounded() -> None:
    data = publicity(2, "2026-09-01").as_dict()
    assert data["code"] == "publicity"
    assert data["status"] == "behind"
    assert data["expected"] == round(data["expected"], 1)
    assert 3.2 < data["expected"] < 3.8
    assert data["unit"] == "场"
