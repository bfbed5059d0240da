"""Build the WorkCalendar from chinesecalendar data plus config/calendar-YYYY.yaml overrides."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import chinese_calendar
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from config.yaml_files import ConfigError, describe_validation_error, read_yaml, shown_path
from models.calendar import WorkCalendar, YearCalendar

CALENDAR_DIR = Path(__file__).resolve().parent
_FILE_NAME = re.compile(r"^calendar-(\d{4})\.yaml$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

class _Day(BaseModel):
    """One dated entry of a calendar file."""

    model_config = ConfigDict(extra="forbid")

    date: date
    name: str = ""

    @field_validator("date", mode="before")
    @classmethod
    def _iso_text(cls, value: object) -> object:
        """Accept only YYYY-MM-DD text (or a real date)."""
        if isinstance(value, date):
            return value
        if not isinstance(value, str) or not _ISO_DATE.match(value):
            raise ValueError("不是有效日期（应为 YYYY-MM-DD）")
        return value


class _CalendarFile(BaseModel):
    """Schema of config/calendar-YYYY.yaml."""

    model_config = ConfigDict(extra="forbid")

    year: int
    provisional: bool = False
    source: str
    holidays: list[_Day] = []
    workdays: list[_Day] = []


@lru_cache(maxsize=1)
def chinese_calendar_years() -> Mapping[int, YearCalendar]:
    """Per-year calendars from the installed chinesecalendar package (parsed once)."""
    source = f"chinesecalendar {chinese_calendar.__version__}"
    holidays: dict[int, set[date]] = {}
    workdays: dict[int, set[date]] = {}
    for day in chinese_calendar.holidays:
        holidays.setdefault(day.year, set()).add(day)
    for day in chinese_calendar.workdays:
        workdays.setdefault(day.year, set()).add(day)
    return MappingProxyType(
        {
            year: YearCalendar(
                year=year,
                holidays=frozenset(holidays.get(year, ())),
                workdays=frozenset(workdays.get(year, ())),
                provisional=False,
                source=source,
            )
            for year in range(min(holidays), max(holidays) + 1)
        }
    )


def _check_dates(parsed: _CalendarFile, shown: str) -> None:
    """Reject dates outside the file's year and dates listed as both kinds."""
    for key in ("holidays", "workdays"):
        for i, entry in enumerate(getattr(parsed, key)):
            if entry.date.year != parsed.year:
                raise ValueError(
                    f"{shown}: {key}[{i}]: 日期 {entry.date.isoformat()} 不属于 {parsed.year} 年"
                )
    off = {entry.date for entry in parsed.holidays}
    for i, entry in enumerate(parsed.workdays):
        if entry.date in off:
            raise ValueError(
                f"{shown}: workdays[{i}]: 日期 {entry.date.isoformat()} 同时出现在 holidays 中"
            )


def load_year_file(path: Path) -> YearCalendar:
    """Read and validate one config/calendar-YYYY.yaml file."""
    shown = shown_path(path)
    try:
        parsed = _CalendarFile.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise ConfigError(f"{shown}: " + "；".join(describe_validation_error(exc))) from None
    match = _FILE_NAME.match(path.name)
    if match and int(match.group(1)) != parsed.year:
        raise ValueError(
            f"{shown}: year: 文件名为 {match.group(1)} 年，但 year 写的是 {parsed.year}"
        )
    _check_dates(parsed, shown)
    return YearCalendar(
        year=parsed.year,
        holidays=frozenset(entry.date for entry in parsed.holidays),
        workdays=frozenset(entry.date for entry in parsed.workdays),
        provisional=parsed.provisional,
        source=parsed.source,
    )


def year_files(folder: Path) -> list[Path]:
    """calendar-YYYY.yaml files in a folder, sorted by name."""
    return sorted(p for p in folder.glob("calendar-*.yaml") if _FILE_NAME.match(p.name))


def load_calendar(
    *,
    weekday_fallback: bool = False,
    warn: Callable[[str], None] | None = None,
    extra_dir: Path | None = None,
) -> WorkCalendar:
    """chinesecalendar years, overridden by calendar-YYYY.yaml in config/ then extra_dir."""
    years = dict(chinese_calendar_years())
    folders = [CALENDAR_DIR]
    if extra_dir is not None:
        if not Path(extra_dir).is_dir():
            raise ValueError(f"{extra_dir}: 工作日历目录不存在")
        folders.append(Path(extra_dir))
    for folder in folders:
        for path in year_files(folder):
            calendar = load_year_file(path)
            years[calendar.year] = calendar
    return WorkCalendar(years, weekday_fallback=weekday_fallback, warn=warn)
