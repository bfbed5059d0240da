"""Migration 0008 (mailbox tables): upgrading from 0007 gives the models' schema; downgrading removes it."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from models.db import alembic_config, make_engine

TABLES = ("contact", "mailattachment", "mailmessage")


def _schema(engine: Engine) -> dict[str, tuple]:
    found = inspect(engine)
    out = {}
    for table in TABLES:
        columns = sorted((c["name"], str(c["type"]).split("(")[0], c["nullable"])
                         for c in found.get_columns(table))
        indexes = sorted((i["name"], tuple(i["column_names"])) for i in found.get_indexes(table))
        uniques = sorted(tuple(u["column_names"]) for u in found.get_unique_constraints(table))
        keys = sorted((tuple(k["constrained_columns"]), k["referred_table"])
                      for k in found.get_foreign_keys(table))
        out[table] = (columns, indexes, uniques, keys)
    return out


def _migrate(engine: Engine, verb: str, target: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, verb)(cfg, target)


def test_upgrading_from_0007_gives_the_same_mailbox_tables_as_the_models(backend, tmp_path) -> None:
    (tmp_path / "migrated").mkdir()
    (tmp_path / "created").mkdir()
    with backend.database(tmp_path / "migrated") as old_url, backend.database(tmp_path / "created") as url:
        migrated, created = make_engine(old_url), make_engine(url)
        try:
            _migrate(migrated, "upgrade", "0007")
            assert not set(TABLES) & set(inspect(migrated).get_table_names())
            _migrate(migrated, "upgrade", "0008")
            SQLModel.metadata.create_all(created)
            schema = _schema(migrated)
            assert ("sha256",) in schema["mailmessage"][2]
            assert ("mail_id", "position") in schema["mailattachment"][2]
            assert schema == _schema(created)
        finally:
            migrated.dispose()
            created.dispose()


def test_downgrading_0008_removes_the_mailbox_tables(engine) -> None:
    _migrate(engine, "downgrade", "0007")
    assert not set(TABLES) & set(inspect(engine).get_table_names())
