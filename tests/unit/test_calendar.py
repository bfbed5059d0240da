"""Working-day calendar: statutory holidays, adjusted working days, gaps and the fast index."""

from __future__ import annotations

import random
import warnings
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from config.calendars import chinese_calendar_years, load_calendar, load_year_file
from config.tools.make_calendar_year import render
from models.calendar import CalendarGapError, WorkCalendar, YearCalendar
from models.errors import Refusal


@pytest.fixture
def messages() -> list[str]:
    return []


@pytest.fixture
def calendar(messages: list[str]) -> WorkCalendar:
    return load_calendar(warn=messages.append)


def d(text: str) -> date:
    return date.fromisoformat(text)


def days(start: str, end: str) -> list[date]:
    first, last = d(start), d(end)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


WORKDAY_FACTS_2026 = [
    ("2026-01-04", True),  # 周日，元旦调休上班
    ("2026-02-14", True),  # 周六，春节调休上班
    ("2026-02-28", True),  # 周六，春节调休上班
    ("2026-05-09", True),  # 周六，劳动节调休上班
    ("2026-09-20", True),  # 周日，国庆调休上班
    ("2026-10-10", True),  # 周六，国庆调休上班
    ("2026-10-07", False),  # 周三，国庆假期
    ("2026-01-02", False),  # 周五，元旦假期
    ("2026-05-12", True),  # 周二，普通工作日
    ("2026-05-16", False),  # 周六，普通周末
]


@pytest.mark.parametrize(("day", "expected"), WORKDAY_FACTS_2026)
def test_2026_official_arrangement_decides_whether_a_day_is_worked(
    calendar: WorkCalendar, day: str, expected: bool
) -> None:
    assert calendar.is_workday(d(day)) is expected


@pytest.mark.parametrize(
    ("start", "end"),
    [("2026-10-01", "2026-10-07"), ("2026-05-01", "2026-05-05"), ("2026-02-15", "2026-02-23")],
)
def test_every_day_of_a_2026_golden_week_is_a_day_off(
    calendar: WorkCalendar, start: str, end: str
) -> None:
    assert [x for x in days(start, end) if calendar.is_workday(x)] == []


ADD_CASES = [
    ("2026-05-12", 5, "2026-05-19"),
    ("2026-05-12", 0, "2026-05-12"),
    ("2026-05-16", 0, "2026-05-16"),  # n == 0 leaves a weekend day unchanged
    ("2026-04-30", 1, "2026-05-06"),  # 劳动节假期整段跳过
    ("2026-05-06", -1, "2026-04-30"),
    ("2026-05-08", 1, "2026-05-09"),  # 周六调休上班日也算
    ("2026-05-19", -5, "2026-05-12"),
    ("2026-09-30", 1, "2026-10-08"),
    ("2026-10-08", -2, "2026-09-29"),
    ("2026-12-31", 1, "2027-01-04"),  # 跨年进入 2027（元旦周五，之后是周末）
    ("2027-01-04", -1, "2026-12-31"),
]


@pytest.mark.parametrize(("start", "n", "expected"), ADD_CASES)
def test_add_workdays_counts_only_working_days_in_both_directions(
    calendar: WorkCalendar, start: str, n: int, expected: str
) -> None:
    assert calendar.add_workdays(d(start), n) == d(expected)


@pytest.mark.parametrize(
    ("start", "expected"),
    [("2026-09-30", "2026-10-08"), ("2026-05-08", "2026-05-09"), ("2026-02-13", "2026-02-14")],
)
def test_next_workday_is_strictly_after_the_given_day(
    calendar: WorkCalendar, start: str, expected: str
) -> None:
    assert calendar.next_workday(d(start)) == d(expected)


@pytest.mark.parametrize(
    ("start", "expected"),
    [("2026-10-01", "2026-10-08"), ("2026-10-08", "2026-10-08"), ("2026-10-10", "2026-10-10")],
)
def test_workday_on_or_after_keeps_a_working_day_and_skips_a_day_off(
    calendar: WorkCalendar, start: str, expected: str
) -> None:
    assert calendar.workday_on_or_after(d(start)) == d(expected)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-05-12", "2026-05-19", 5),
        ("2026-05-19", "2026-05-12", -5),
        ("2026-05-12", "2026-05-12", 0),
        ("2026-09-30", "2026-10-08", 1),
    ],
)
def test_workdays_between_excludes_the_start_and_includes_the_end(
    calendar: WorkCalendar, start: str, end: str, expected: int
) -> None:
    assert calendar.workdays_between(d(start), d(end)) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-10-01", "2026-10-07", 0),
        ("2026-10-08", "2026-10-08", 1),
        ("2026-10-08", "2026-10-10", 3),  # 周四、周五、周六调休
        ("2026-10-10", "2026-10-08", 0),
        ("2026-01-01", "2026-12-31", 248),  # 2026 年官方全年工作日数
    ],
)
def test_workdays_in_counts_both_ends(
    calendar: WorkCalendar, start: str, end: str, expected: int
) -> None:
    assert calendar.workdays_in(d(start), d(end)) == expected


def test_workdays_between_and_add_workdays_round_trip_across_2026(
    calendar: WorkCalendar,
) -> None:
    for start in days("2026-01-01", "2026-12-31")[::3]:
        for n in range(-30, 31):
            end = calendar.add_workdays(start, n)
            if n > 0 or calendar.is_workday(start):
                assert calendar.workdays_between(start, end) == n, (start, n, end)
            if n < 0:
                assert calendar.workdays_in(end, start - timedelta(days=1)) == -n, (start, n)
            if n:
                assert calendar.is_workday(end), (start, n, end)


def test_add_workdays_agrees_with_a_day_by_day_walk(calendar: WorkCalendar) -> None:
    for start in days("2026-01-10", "2026-12-20")[::7]:
        walk, moved = start, 0
        while moved > -12:
            walk -= timedelta(days=1)
            moved -= calendar.is_workday(walk)
        assert calendar.add_workdays(start, -12) == walk, start


def test_2027_dates_work_and_warn_once_that_adjusted_days_are_provisional(
    calendar: WorkCalendar, messages: list[str]
) -> None:
    assert calendar.is_workday(d("2027-02-08")) is False  # 春节（推算）
    assert calendar.is_workday(d("2027-02-11")) is True
    assert calendar.add_workdays(d("2027-04-30"), 1) == d("2027-05-05")
    assert calendar.workdays_in(d("2027-01-01"), d("2027-12-31")) > 240
    calendar.workday_index([d("2027-06-09")])
    provisional = [m for m in messages if "2027" in m]
    assert len(provisional) == 1
    assert "调休安排尚未录入官方数据" in provisional[0]
    assert messages == provisional


def test_provisional_warning_goes_to_warnings_warn_without_a_callback() -> None:
    cal = load_calendar()
    with pytest.warns(UserWarning, match="2027 年调休安排尚未录入官方数据"):
        cal.is_workday(d("2027-03-01"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cal.is_workday(d("2027-03-02"))


def test_a_year_without_data_raises_a_chinese_gap_error(calendar: WorkCalendar) -> None:
    with pytest.raises(CalendarGapError, match="工作日历未覆盖 2030 年") as info:
        calendar.is_workday(d("2030-03-04"))
    assert "calendar-2030.yaml" in str(info.value)
    assert info.value.year == 2030
    assert isinstance(info.value, Refusal)  # the CLI prints it as one line, exit 2


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.add_workdays(d("2027-12-20"), 20),
        lambda c: c.workdays_between(d("2026-01-05"), d("2030-01-05")),
        lambda c: c.workday_index(np.array(["2030-01-02"], dtype="datetime64[D]")),
        lambda c: c.next_workday(d("2003-12-31")),
    ],
)
def test_every_method_raises_the_gap_error_for_uncovered_years(
    calendar: WorkCalendar, call
) -> None:
    with pytest.raises(CalendarGapError):
        call(calendar)


def test_weekday_fallback_uses_monday_to_friday_and_warns_once_per_year() -> None:
    messages: list[str] = []
    cal = load_calendar(weekday_fallback=True, warn=messages.append)
    week = days("2030-03-04", "2030-03-10")  # 周一至周日
    assert [cal.is_workday(x) for x in week] == [True] * 5 + [False] * 2
    assert cal.add_workdays(d("2030-03-08"), 1) == d("2030-03-11")
    assert cal.workdays_in(d("2030-01-01"), d("2030-12-31")) == 261
    cal.workday_index([d("2030-06-03")])
    fallback = [m for m in messages if "2030" in m]
    assert fallback == ["工作日历：2030 年无节假日数据，按周一至周五推算工作日（结果可能不准确）"]


def test_workday_index_agrees_with_workdays_between_on_random_pairs(
    calendar: WorkCalendar,
) -> None:
    rng = random.Random(20260512)
    pool = days("2026-01-01", "2027-12-31")
    pairs = [(rng.choice(pool), rng.choice(pool)) for _ in range(10_000)]
    firsts = calendar.workday_index([a for a, _ in pairs])
    seconds = calendar.workday_index(np.array([b for _, b in pairs], dtype="datetime64[D]"))
    for (a, b), ia, ib in zip(pairs, firsts, seconds, strict=True):
        assert ib - ia == calendar.workdays_between(a, b), (a, b)


def test_workday_index_accepts_pandas_and_numpy_and_returns_int64(
    calendar: WorkCalendar,
) -> None:
    stamps = pd.to_datetime(["2026-05-12 00:00", "2026-05-19 15:30"])
    from_index = calendar.workday_index(stamps)
    from_series = calendar.workday_index(pd.Series(stamps))
    from_numpy = calendar.workday_index(stamps.to_numpy().astype("datetime64[D]"))
    assert from_index.dtype == np.int64
    assert from_index.tolist() == from_series.tolist() == from_numpy.tolist()
    assert int(from_index[1] - from_index[0]) == 5
    assert calendar.workday_index([]).shape == (0,)


def test_workday_index_handles_a_million_dates(calendar: WorkCalendar) -> None:
    start = np.datetime64("2026-01-01", "D")
    million = start + np.random.default_rng(1).integers(0, 730, 1_000_000)
    index = calendar.workday_index(million)
    assert index.shape == (1_000_000,)
    assert np.all(np.diff(calendar.workday_index(np.sort(million))) >= 0)


def test_workday_index_rejects_missing_dates(calendar: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="NaT"):
        calendar.workday_index(pd.Series(pd.to_datetime(["2026-05-12", None])))


def test_chinesecalendar_years_2004_to_2026_are_official_and_not_provisional() -> None:
    years = chinese_calendar_years()
    assert sorted(years) == list(range(2004, 2027))
    assert not any(y.provisional for y in years.values())
    assert years[2026].source.startswith("chinesecalendar ")


def test_holidays_cn_and_chinesecalendar_agree_on_every_2026_working_day(
    tmp_path: Path, calendar: WorkCalendar
) -> None:
    (tmp_path / "calendar-2026.yaml").write_text(render(2026), encoding="utf-8")
    from_holidays_cn = load_calendar(extra_dir=tmp_path)
    for x in days("2026-01-01", "2026-12-31"):
        assert from_holidays_cn.is_workday(x) == calendar.is_workday(x), x


def test_the_committed_2027_file_matches_the_generator() -> None:
    committed = Path(__file__).parents[2] / "config" / "calendar-2027.yaml"
    assert committed.read_text(encoding="utf-8") == render(2027)
    loaded = load_year_file(committed)
    assert loaded.provisional is True
    assert d("2027-02-06") in loaded.holidays  # 春节（正月初一）
    assert loaded.workdays == frozenset()


def test_a_yaml_file_in_extra_dir_overrides_a_packaged_year(tmp_path: Path) -> None:
    (tmp_path / "calendar-2027.yaml").write_text(
        "year: 2027\nprovisional: false\nsource: 国办发明电〔2026〕测试\n"
        "holidays:\n  - {date: 2027-03-01, name: 测试}\n"
        "workdays:\n  - {date: 2027-03-06, name: 调休上班}\n",
        encoding="utf-8",
    )
    messages: list[str] = []
    cal = load_calendar(extra_dir=tmp_path, warn=messages.append)
    assert cal.is_workday(d("2027-03-01")) is False
    assert cal.is_workday(d("2027-03-06")) is True
    assert cal.is_workday(d("2027-02-08")) is True  # 覆盖后不再有推算的春节
    assert messages == []


BAD_FILES = [
    ("year: 2027\nsource: x\nholiday: []\n", "holiday", "未知字段"),
    (
        "year: 2027\nsource: x\nholidays:\n  - {date: 2027-01-01, nam: 元旦}\n",
        "holidays[0].nam",
        "未知字段",
    ),
    (
        "year: 2027\nsource: x\nholidays:\n  - {date: 2027-01-01}\n  - {date: 2027-02-30}\n",
        "holidays[1].date",
        "不是有效日期",
    ),
    (
        "year: 2027\nsource: x\nholidays:\n  - {date: 2027-01-01}\n  - {date: 2026-12-31}\n",
        "holidays[1]",
        "日期 2026-12-31 不属于 2027 年",
    ),
    ("year: 2027\nsource: x\nworkdays:\n  - {date: 2028-01-01}\n", "workdays[0]", "不属于 2027 年"),
    (
        "year: 2027\nsource: x\nholidays: [{date: 2027-01-01}]\nworkdays: [{date: 2027-01-01}]\n",
        "workdays[0]",
        "同时出现在 holidays 中",
    ),
    ("year: 2026\nsource: x\n", "year", "文件名为 2027 年"),
    ("year: 2027\n", "source", "缺少必填项"),
    ("year: 2027\nsource: x\nholidays: [\n", "", "YAML 格式错误"),
]


@pytest.mark.parametrize(("text", "key", "reason"), BAD_FILES)
def test_a_bad_yaml_file_raises_a_value_error_naming_the_file_and_key(
    tmp_path: Path, text: str, key: str, reason: str
) -> None:
    (tmp_path / "calendar-2027.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_calendar(extra_dir=tmp_path)
    message = str(info.value)
    assert "calendar-2027.yaml: " in message
    assert not key or f"{key}: " in message
    assert reason in message


def test_year_calendar_rejects_a_date_from_another_year() -> None:
    with pytest.raises(ValueError, match="不属于 2027 年"):
        YearCalendar(2027, frozenset({d("2026-12-31")}), frozenset(), False, "test")


def test_workdays_win_over_the_weekday_rule_in_a_hand_built_calendar() -> None:
    year = YearCalendar(
        2031, frozenset({d("2031-01-01")}), frozenset({d("2031-01-04")}), False, "test"
    )
    cal = WorkCalendar({2031: year})
    assert cal.is_workday(d("2031-01-01")) is False  # 周三放假
    assert cal.is_workday(d("2031-01-04")) is True  # 周六上班
    assert cal.workday_index([d("2031-01-02")]).tolist() == [1]
