"""Build the WorkCalendar from chinesecalendar data plus config/calendar-YYYY.yaml overrides."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import chinese_calendar
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from models.calendar import WorkCalendar, YearCalendar

CALENDAR_DIR = Path(__file__).resolve().parent
_FILE_NAME = re.compile(r"^calendar-(\d{4})\.yaml$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"

_REASONS = {
    "extra_forbidden": "未知字段（请检查拼写）",
    "missing": "缺少必填字段",
    "date_from_datetime_parsing": "不是有效日期（应为 YYYY-MM-DD）",
    "date_parsing": "不是有效日期（应为 YYYY-MM-DD）",
    "date_type": "不是有效日期（应为 YYYY-MM-DD）",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文本",
    "list_type": "应为列表",
    "model_type": "应为映射（键: 值），如 year、provisional、source、holidays、workdays",
}


class _DateLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text so pydantic can report bad ones by key."""


_DateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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


def _display(path: Path) -> str:
    """Path as shown in error messages: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _yaml_path(loc: tuple) -> str:
    """Render a pydantic error location as a YAML key path like holidays[3].date."""
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(根)"


def _describe(exc: ValidationError) -> str:
    """One Chinese clause per validation error, unknown keys first."""
    clauses = []
    for err in sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden"):
        reason = _REASONS.get(err["type"]) or err["msg"].removeprefix("Value error, ")
        clauses.append(f"{_yaml_path(tuple(err['loc']))}: {reason}")
    return "；".join(clauses)


def _read_yaml(path: Path) -> object:
    """Parse a calendar file, leaving dates as text for pydantic to check."""
    shown = _display(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_DateLoader)  # a SafeLoader
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"（第 {mark.line + 1} 行）" if mark else ""
        raise ValueError(f"{shown}: YAML 格式错误{where}") from None
    return data


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
    shown = _display(path)
    try:
        parsed = _CalendarFile.model_validate(_read_yaml(path))
    except ValidationError as exc:
        raise ValueError(f"{shown}: {_describe(exc)}") from None
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
