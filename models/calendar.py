"""Working-day calendar: Chinese statutory holidays plus adjusted working days (调休上班)."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

from models.errors import Refusal

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class CalendarGapError(Refusal):
    """A date falls in a year for which no holiday data is configured."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"工作日历未覆盖 {year} 年：请在 config/ 中添加 calendar-{year}.yaml，"
            "或在项目配置中开启 calendar.weekday_fallback（按周一至周五推算）"
        )


@dataclass(frozen=True)
class YearCalendar:
    """One year's declared days off and adjusted working days."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    provisional: bool = False
    source: str = ""

    def __post_init__(self) -> None:
        """Freeze the date sets and reject dates outside the year or listed twice."""
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "workdays", frozenset(self.workdays))
        for day in sorted(self.holidays | self.workdays):
            if day.year != self.year:
                raise ValueError(f"日期 {day.isoformat()} 不属于 {self.year} 年")
        both = sorted(self.holidays & self.workdays)
        if both:
            raise ValueError(f"日期 {both[0].isoformat()} 同时被列为节假日和调休上班日")


def fallback_message(year: int) -> str:
    """Warning text for a year computed as plain Monday–Friday."""
    return f"工作日历：{year} 年无节假日数据，按周一至周五推算工作日（结果可能不准确）"


def provisional_message(calendar: YearCalendar) -> str:
    """Loud warning text for a year whose adjusted working days are not official yet."""
    year = calendar.year
    return (
        f"工作日历：{year} 年调休安排尚未录入官方数据，当前仅按法定节假日推算，"
        f"调休上班日缺失，涉及 {year} 年的期限可能偏早或偏晚！"
        f"国务院办公厅公布 {year} 年放假安排后，请更新 config/calendar-{year}.yaml 并设置 "
        f"provisional: false（当前数据来源：{calendar.source or '未注明'}）"
    )


def _as_date(value: date) -> date:
    """Drop the time part of a datetime; pass a date through."""
    return value.date() if isinstance(value, datetime) else value


def _day_of_year(value: date) -> int:
    """Zero-based position of a date within its year."""
    return value.toordinal() - date(value.year, 1, 1).toordinal()


def _weekday_mask(year: int) -> np.ndarray:
    """Boolean mask of Monday–Friday for every day of a year."""
    first = np.datetime64(f"{year}-01-01", "D")
    days = np.arange(first, np.datetime64(f"{year + 1}-01-01", "D"))
    return np.is_busday(days)


def _year_mask(calendar: YearCalendar) -> np.ndarray:
    """Boolean working-day mask for every day of a configured year."""
    mask = _weekday_mask(calendar.year)
    for day in calendar.holidays:
        mask[_day_of_year(day)] = False
    for day in calendar.workdays:
        mask[_day_of_year(day)] = True
    return mask


def _to_epoch_days(dates: object) -> np.ndarray:
    """Convert an array-like of dates to int64 days since 1970-01-01."""
    if hasattr(dates, "to_numpy"):
        dates = dates.to_numpy()
    arr = np.asarray(dates)
    if arr.dtype.kind != "M":
        arr = np.array([_as_date(d) for d in arr.ravel()], dtype="datetime64[D]")
    arr = arr.astype("datetime64[D]").ravel()
    if np.isnat(arr).any():
        raise ValueError("工作日历：日期不能为空（NaT）")
    return arr.astype(np.int64)


@dataclass(frozen=True)
class _IndexTable:
    """Cumulative working-day counts over the contiguous years first_year..last_year."""

    first_year: int
    last_year: int
    cum: np.ndarray
    origin_offset: int

    @property
    def start_day(self) -> int:
        """1 January of first_year as days since 1970-01-01."""
        return date(self.first_year, 1, 1).toordinal() - _EPOCH_ORDINAL


class WorkCalendar:
    """Answers working-day questions from per-year holiday data."""

    def __init__(
        self,
        years: Mapping[int, YearCalendar],
        *,
        weekday_fallback: bool = False,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self._years = dict(years)
        self._weekday_fallback = weekday_fallback
        self._warn = warn or self._default_warn
        self._origin_year = min(self._years) if self._years else None
        self._cums: dict[int, np.ndarray] = {}
        self._table: _IndexTable | None = None
        self._lock = threading.RLock()

    @staticmethod
    def _default_warn(message: str) -> None:
        """Emit a UserWarning pointing at the caller of the calendar."""
        warnings.warn(message, UserWarning, stacklevel=2)

    @property
    def covered_years(self) -> tuple[int, ...]:
        """Years that have configured holiday data, ascending."""
        return tuple(sorted(self._years))

    def _year_cum(self, year: int) -> np.ndarray:
        """Cumulative working-day count for each day of a year (built once, warns once)."""
        cum = self._cums.get(year)
        if cum is not None:
            return cum
        with self._lock:
            cum = self._cums.get(year)
            if cum is None:
                cum = np.cumsum(self._build_mask(year), dtype=np.int64)
                self._cums[year] = cum
        return cum

    def _build_mask(self, year: int) -> np.ndarray:
        """Working-day mask of a year, raising or warning when data is missing."""
        calendar = self._years.get(year)
        if calendar is None:
            if not self._weekday_fallback:
                raise CalendarGapError(year)
            self._warn(fallback_message(year))
            return _weekday_mask(year)
        if calendar.provisional:
            self._warn(provisional_message(calendar))
        return _year_mask(calendar)

    def _count_upto(self, value: date) -> int:
        """Working days from 1 January of the date's year up to and including the date."""
        return int(self._year_cum(value.year)[_day_of_year(value)])

    def _year_total(self, year: int) -> int:
        """Working days in a whole year."""
        return int(self._year_cum(year)[-1])

    def _nth_in_year(self, year: int, rank: int) -> date:
        """The working day with the given 1-based rank within a year."""
        position = int(np.searchsorted(self._year_cum(year), rank, side="left"))
        return date(year, 1, 1) + timedelta(days=position)

    def is_workday(self, d: date) -> bool:
        """True when people work on this date."""
        d = _as_date(d)
        cum = self._year_cum(d.year)
        i = _day_of_year(d)
        return bool(cum[i] - (cum[i - 1] if i else 0))

    def next_workday(self, d: date) -> date:
        """First working day strictly after d."""
        return self.add_workdays(d, 1)

    def workday_on_or_after(self, d: date) -> date:
        """d itself when it is a working day, else the next working day."""
        d = _as_date(d)
        return d if self.is_workday(d) else self.next_workday(d)

    def add_workdays(self, d: date, n: int) -> date:
        """The n-th working day after d (before d when n < 0; d itself when n == 0)."""
        d = _as_date(d)
        if n > 0:
            return self._forward(d, n)
        if n < 0:
            return self._backward(d, -n)
        return d

    def _forward(self, d: date, n: int) -> date:
        """The n-th working day strictly after d, n >= 1."""
        year, rank = d.year, self._count_upto(d) + n
        while rank > self._year_total(year):
            rank -= self._year_total(year)
            year += 1
        return self._nth_in_year(year, rank)

    def _backward(self, d: date, n: int) -> date:
        """The n-th working day strictly before d, n >= 1."""
        before = self._count_upto(d) - int(self.is_workday(d))
        year, rank = d.year, before - n + 1
        while rank < 1:
            year -= 1
            rank += self._year_total(year)
        return self._nth_in_year(year, rank)

    def workdays_between(self, start: date, end: date) -> int:
        """Working days x with start < x <= end (negated when end < start)."""
        start, end = _as_date(start), _as_date(end)
        if end < start:
            return -self._count_after(end, start)
        return self._count_after(start, end)

    def _count_after(self, start: date, end: date) -> int:
        """Working days x with start < x <= end, for start <= end."""
        whole_years = sum(self._year_total(y) for y in range(start.year, end.year))
        return whole_years + self._count_upto(end) - self._count_upto(start)

    def workdays_in(self, start: date, end: date) -> int:
        """Working days x with start <= x <= end (0 when end < start)."""
        start, end = _as_date(start), _as_date(end)
        if end < start:
            return 0
        return self._count_after(start, end) + int(self.is_workday(start))

    def workday_index(self, dates: object) -> np.ndarray:
        """Cumulative working-day ordinal of each date; differences equal workdays_between."""
        days = _to_epoch_days(dates)
        if days.size == 0:
            return np.zeros(0, dtype=np.int64)
        table = self._table_for(self._epoch_year(days.min()), self._epoch_year(days.max()))
        return table.cum[days - table.start_day] - table.origin_offset

    @staticmethod
    def _epoch_year(day: np.int64) -> int:
        """Calendar year of a day counted from 1970-01-01."""
        return date.fromordinal(int(day) + _EPOCH_ORDINAL).year

    def _table_for(self, low: int, high: int) -> _IndexTable:
        """Cumulative table covering at least the years low..high and the origin year."""
        table = self._table
        if table is not None and table.first_year <= low and high <= table.last_year:
            return table
        with self._lock:
            if self._origin_year is None:
                self._origin_year = low
            if self._table is not None:
                low = min(low, self._table.first_year)
                high = max(high, self._table.last_year)
            self._table = self._build_table(
                min(low, self._origin_year), max(high, self._origin_year)
            )
            return self._table

    def _build_table(self, first: int, last: int) -> _IndexTable:
        """Concatenate per-year counts into one cumulative table from first to last."""
        parts, carried, origin_offset = [], 0, 0
        for year in range(first, last + 1):
            if year == self._origin_year:
                origin_offset = carried
            cum = self._year_cum(year)
            parts.append(cum + carried)
            carried += int(cum[-1])
        return _IndexTable(first, last, np.concatenate(parts), origin_offset)
