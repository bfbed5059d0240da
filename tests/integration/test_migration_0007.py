"""Migration 0007 (实际成效 table, received_on columns): upgrading from 0006 gives a fresh create's schema."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from models.db import alembic_config, current_revision, head_revision, make_engine


def _schema(engine: Engine) -> dict[str, tuple]:
    """Per model table: its columns (name, type, nullable), indexes and foreign keys."""
    found = inspect(engine)
    out = {}
    for table in sorted(SQLModel.metadata.tables):
        columns = sorted((c["name"], str(c["type"]).split("(")[0], c["nullable"])
                         for c in found.get_columns(table))
        indexes = sorted((i["name"], tuple(i["column_names"])) for i in found.get_indexes(table))
        keys = sorted((tuple(k["constrained_columns"]), k["referred_table"])
                      for k in found.get_foreign_keys(table))
        out[table] = (columns, indexes, keys)
    return out


def _upgrade(engine: Engine, target: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def test_upgrading_from_0006_gives_the_same_schema_as_creating_the_models(backend, tmp_path) -> None:
    (tmp_path / "migrated").mkdir()
    (tmp_path / "created").mkdir()
    with backend.database(tmp_path / "migrated") as old_url, backend.database(tmp_path / "created") as url:
        migrated, created = make_engine(old_url), make_engine(url)
        try:
            _upgrade(migrated, "0006")
            assert "effectrecord" not in inspect(migrated).get_table_names()
            _upgrade(migrated, "head")
            SQLModel.metadata.create_all(created)
            assert current_revision(migrated) == head_revision()
            schema = _schema(migrated)
            assert ("received_on", "DATE", True) in schema["expenditure"][0]
            assert ("received_on", "DATE", True) in schema["oversightvisit"][0]
            effect = {("effect", "FLOAT", False), ("effect", "DOUBLE PRECISION", False)}
            assert effect & set(schema["effectrecord"][0])
            assert schema == _schema(created)
        finally:
            migrated.dispose()
            created.dispose()


def test_downgrading_0007_removes_its_table_and_columns(engine) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
    found = inspect(engine)
    assert "effectrecord" not in found.get_table_names()
    assert "received_on" not in {c["name"] for c in found.get_columns("expenditure")}
    assert "received_on" not in {c["name"] for c in found.get_columns("oversightvisit")}
