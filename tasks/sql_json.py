"""Read one key of a JSON text column inside the database (SQLite json_extract, PostgreSQL ->>)."""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.visitors import InternalTraversal


class json_text(FunctionElement):
    """json_text(column, "key"): the key's value as text, NULL when absent."""

    type = String()
    inherit_cache = True
    _traverse_internals: ClassVar = [
        *FunctionElement._traverse_internals, ("key", InternalTraversal.dp_string)]

    def __init__(self, column, key: str) -> None:
        if not key.isidentifier():
            raise ValueError(f"JSON key must be a plain identifier: {key!r}")
        self.key = key
        super().__init__(column)


@compiles(json_text, "sqlite")
def _sqlite(element: json_text, compiler, **kw) -> str:
    column = compiler.process(next(iter(element.clauses)), **kw)
    return f"json_extract({column}, '$.{element.key}')"


@compiles(json_text, "postgresql")
def _postgresql(element: json_text, compiler, **kw) -> str:
    column = compiler.process(next(iter(element.clauses)), **kw)
    return f"(CAST({column} AS jsonb) ->> '{element.key}')"
