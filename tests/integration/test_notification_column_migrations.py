"""Migrations that add a column to the outbox (0010 attachments_json, 0011 to_address): upgrading from the
revision before gives a fresh create's schema, rows queued before get the column's default, and the
downgrade removes the column again."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from models.db import alembic_config, current_revision, head_revision, make_engine
from tests.integration.test_migration_0007 import _schema, _upgrade

# (revision, the one before it, the column it adds, the value a row queued before the upgrade gets)
ADDED = [("0010", "0009", "attachments_json", "[]"), ("0011", "0010", "to_address", "")]
OLD_ROW = ("INSERT INTO notification (idempotency_key, rule, subject, rung, period, audience, channel,"
           " urgent, title, body, status, attempts, last_error, results_json, created_on) VALUES ('k', 'r',"
           " 's', 0, '', 'province', '', false, 't', 'b', 'pending', 0, '', '{}', '2026-05-13')")


def _columns(engine, table: str) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns(table)}


@pytest.mark.parametrize(("revision", "before", "column", "default"), ADDED)
def test_upgrading_gives_the_same_schema_as_creating_the_models(backend, tmp_path, revision, before, column,
                                                                 default) -> None:
    (tmp_path / "migrated").mkdir()
    (tmp_path / "created").mkdir()
    with backend.database(tmp_path / "migrated") as old_url, backend.database(tmp_path / "created") as url:
        migrated, created = make_engine(old_url), make_engine(url)
        try:
            _upgrade(migrated, before)
            assert column not in _columns(migrated, "notification")
            _upgrade(migrated, "head")
            SQLModel.metadata.create_all(created)
            assert current_revision(migrated) == head_revision()
            schema = _schema(migrated)
            assert (column, "VARCHAR", False) in schema["notification"][0]
            assert schema == _schema(created)
        finally:
            migrated.dispose()
            created.dispose()


@pytest.mark.parametrize(("revision", "before", "column", "default"), ADDED)
def test_rows_queued_before_the_upgrade_get_the_default(backend, tmp_path, revision, before, column,
                                                        default) -> None:
    with backend.database(tmp_path) as url:
        engine = make_engine(url)
        try:
            _upgrade(engine, before)
            with engine.begin() as conn:
                conn.execute(text(OLD_ROW))
            _upgrade(engine, "head")
            with engine.connect() as conn:
                assert conn.execute(text(f"SELECT {column} FROM notification")).scalar_one() == default
        finally:
            engine.dispose()


@pytest.mark.parametrize(("revision", "before", "column", "default"), ADDED)
def test_downgrading_removes_the_column(engine, revision, before, column, default) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, before)
    assert column not in _columns(engine, "notification")
