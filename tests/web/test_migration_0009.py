"""Migration 0009 (portal accounts): upgrading from 0008 gives the models' tables; downgrading drops them."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from models.db import alembic_config, make_engine

TABLES = ("webuser", "webloginattempt")


def _schema(engine: Engine) -> dict[str, tuple]:
    found = inspect(engine)
    return {table: (sorted((c["name"], str(c["type"]).split("(")[0], c["nullable"])
                           for c in found.get_columns(table)),
                    sorted((i["name"], tuple(i["column_names"])) for i in found.get_indexes(table)),
                    sorted(tuple(u["column_names"]) for u in found.get_unique_constraints(table)))
            for table in TABLES}


def _migrate(engine: Engine, verb: str, target: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, verb)(cfg, target)


def test_upgrading_from_0008_gives_the_same_portal_tables_as_the_models(backend, tmp_path) -> None:
    (tmp_path / "migrated").mkdir()
    (tmp_path / "created").mkdir()
    with backend.database(tmp_path / "migrated") as old_url, backend.database(tmp_path / "created") as url:
        migrated, created = make_engine(old_url), make_engine(url)
        try:
            _migrate(migrated, "upgrade", "0008")
            assert not set(TABLES) & set(inspect(migrated).get_table_names())
            _migrate(migrated, "upgrade", "0009")
            SQLModel.metadata.create_all(created)
            schema = _schema(migrated)
            assert ("username",) in schema["webuser"][2]
            assert schema == _schema(created)
        finally:
            migrated.dispose()
            created.dispose()


def test_downgrading_0009_removes_the_portal_tables(engine) -> None:
    _migrate(engine, "downgrade", "0008")
    names = set(inspect(engine).get_table_names())
    assert not set(TABLES) & names and "mailmessage" in names
