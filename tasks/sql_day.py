"""The Beijing-time day a ledger row counts from, inside the database (SQLite and PostgreSQL).

`known_day(occurred_on, imported_at)`: the later of the row's date and the Beijing day of its stored
import moment (UTC). China keeps UTC+8 all year, so SQLite shifts by eight hours; PostgreSQL converts
its timestamptz to Asia/Shanghai. `count_day(day, exact_from)`: models/pace_history.count_day in SQL.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from sqlalchemy import Date
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.visitors import InternalTraversal


class known_day(FunctionElement):
    """known_day(occurred_on, imported_at): max(occurred_on, imported day in Beijing time)."""

    type = Date()
    inherit_cache = True


def _parts(element: known_day, compiler, **kw) -> tuple[str, str]:
    occurred, imported = (compiler.process(c, **kw) for c in element.clauses)
    return occurred, imported


@compiles(known_day, "sqlite")
def _sqlite(element: known_day, compiler, **kw) -> str:
    occurred, imported = _parts(element, compiler, **kw)
    return f"max({occurred}, date({imported}, '+8 hours'))"


@compiles(known_day, "postgresql")
def _postgresql(element: known_day, compiler, **kw) -> str:
    occurred, imported = _parts(element, compiler, **kw)
    return f"GREATEST({occurred}, CAST(({imported} AT TIME ZONE 'Asia/Shanghai') AS DATE))"


class count_day(FunctionElement):
    """count_day(day, exact_from): the day itself from exact_from on, else the first of its month."""

    type = Date()
    inherit_cache = True
    _traverse_internals: ClassVar = [
        *FunctionElement._traverse_internals, ("exact_from", InternalTraversal.dp_string)]

    def __init__(self, day, exact_from: dt.date) -> None:
        self.exact_from = exact_from.isoformat()  # a date's ISO text: safe to inline
        super().__init__(day)


@compiles(count_day, "sqlite")
def _sqlite_count(element: count_day, compiler, **kw) -> str:
    day = compiler.process(next(iter(element.clauses)), **kw)
    return f"CASE WHEN {day} >= '{element.exact_from}' THEN {day} ELSE date({day}, 'start of month') END"


@compiles(count_day, "postgresql")
def _postgresql_count(element: count_day, compiler, **kw) -> str:
    day = compiler.process(next(iter(element.clauses)), **kw)
    return (f"CASE WHEN {day} >= DATE '{element.exact_from}' THEN {day} "
            f"ELSE CAST(date_trunc('month', {day}) AS DATE) END")
