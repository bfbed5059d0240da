"""Migration 0013 (index on notification.audience): an upgrade from 0012 gives the created schema; downgrade
drops the index."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect
from sqlmodel import SQLModel

from models.db import alembic_config, current_revision, head_revision, make_engine
from tests.integration.test_migration_0007 import _schema, _upgrade

INDEX = "ix_notification_audience"


def indexes(engine) -> set[str]:
    return {i["name"] for i in inspect(engine).get_indexes("notification")}


def test_upgrading_from_0012_gives_the_same_schema_as_creating_the_models(backend, tmp_path) -> None:
    (tmp_path / "migrated").mkdir()
    (tmp_path / "created").mkdir()
    with backend.database(tmp_path / "migrated") as old_url, backend.database(tmp_path / "created") as url:
        migrated, created = make_engine(old_url), make_engine(url)
        try:
            _upgrade(migrated, "0012")
            assert INDEX not in indexes(migrated)
            _upgrade(migrated, "head")
            SQLModel.metadata.create_all(created)
            assert current_revision(migrated) == head_revision()
            assert INDEX in indexes(migrated)
            assert _schema(migrated) == _schema(created)
        finally:
            migrated.dispose()
            created.dispose()


def test_downgrading_0013_drops_the_index(engine) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0012")
    assert INDEX not in indexes(engine)
    assert "notification" in inspect(engine).get_table_names()
