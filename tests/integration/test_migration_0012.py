"""Migration 0012 (provincetablerows): an upgrade from 0011 gives the created schema; downgrade drops it."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect
from sqlmodel import SQLModel

from models.db import alembic_config, current_revision, head_revision, make_engine
from tests.integration.test_migration_0007 import _schema, _upgrade


def test_upgrading_from_0011_gives_the_same_schema_as_creating_the_models(backend, tmp_path) -> None:
    (tmp_path / "migrated").mkdir()
    (tmp_path / "created").mkdir()
    with backend.database(tmp_path / "migrated") as old_url, backend.database(tmp_path / "created") as url:
        migrated, created = make_engine(old_url), make_engine(url)
        try:
            _upgrade(migrated, "0011")
            assert "provincetablerows" not in inspect(migrated).get_table_names()
            _upgrade(migrated, "head")
            SQLModel.metadata.create_all(created)
            assert current_revision(migrated) == head_revision()
            schema = _schema(migrated)
            assert "provincetablerows" in schema
            assert schema == _schema(created)
        finally:
            migrated.dispose()
            created.dispose()


def test_downgrading_0012_drops_the_table(engine) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0011")
    assert "provincetablerows" not in inspect(engine).get_table_names()
