"""The Beijing-time day a ledger row counts from, inside the database (SQLite and PostgreSQL).

`known_day(occurred_on, imported_at)`: the later of the row's date and the Beijing day of its stored
import moment (UTC). China keeps UTC+8 all year, so SQLite shifts by eight hours; PostgreSQL converts
its timestamptz to Asia/Shanghai.
"""

from __future__ import annotations

from sqlalchemy import Date
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


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
