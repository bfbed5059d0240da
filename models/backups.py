"""Backup file names and the daily retention rule (pure: names and dates in, names out)."""

from __future__ import annotations

import datetime as dt
import re

DAILY_PREFIX = "legalcap-daily-"
_DAILY = re.compile(r"^legalcap-daily-(\d{4}-\d{2}-\d{2})\.db$")
_MANUAL = re.compile(r"^legalcap-(\d{8}-\d{6})(?:-\d+)?\.db$")


def daily_backup_name(day: dt.date) -> str:
    """The tick's backup of a date: legalcap-daily-2026-05-13.db."""
    return f"{DAILY_PREFIX}{day.isoformat()}.db"


def manual_backup_name(at: dt.datetime, attempt: int = 1) -> str:
    """`legalcap db backup`'s copy, named by its time: legalcap-20260513-083000.db (then -2, -3 …)."""
    suffix = "" if attempt == 1 else f"-{attempt}"
    return f"legalcap-{at:%Y%m%d-%H%M%S}{suffix}.db"


def daily_backup_day(name: str) -> dt.date | None:
    """The date of a daily backup's name, or None for any other file."""
    match = _DAILY.match(name)
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def is_backup_name(name: str) -> bool:
    """A daily or a manual backup made by legalcap."""
    return daily_backup_day(name) is not None or _MANUAL.match(name) is not None


def backups_to_remove(names: list[str], keep: int) -> list[str]:
    """Daily backups beyond the newest `keep` dates, oldest first; other files are never listed."""
    daily = sorted((d, n) for n in names if (d := daily_backup_day(n)) is not None)
    if keep <= 0:
        return []
    return [n for _, n in daily[:-keep]]
