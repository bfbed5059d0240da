"""The one builder of data-fingerprint queries: a single SELECT of the highest id of each given table.

Two callers watch different sets on purpose: the portal's kept unit pages every data table
(web/unit_cache), the stored province table only the tables behind its rows (tasks/province_store)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Integer, Table


def highest_ids_sql(tables: Iterable[Table], extra: Iterable[str] = ()) -> str:
    """SELECT max(id) of each table (count(*) of a table without an integer id), then the `extra` scalar
    subqueries, as one statement of one row."""
    parts = []
    for table in tables:
        ids = [c for c in table.primary_key.columns if c.name == "id" and isinstance(c.type, Integer)]
        parts.append(f"(SELECT max(id) FROM {table.name})" if ids else f"(SELECT count(*) FROM {table.name})")
    return "SELECT " + ", ".join([*parts, *extra])
