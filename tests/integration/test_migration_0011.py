"""Migration 0011 (notification.to_address): upgrading from 0010 gives a fresh create's schema."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from models.db import alembic_config, current_revision, head_revision, make_engine
from tests.integration.test_migration_0007 import _schema, _upgrade


def _columns(engine, table: str) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns(table)}


def test_upgrading_from_0010_gives_the_same_schema_as_creating_the_models(backend, tmp_path) -> None:
    (tmp_path / "migrated").mkdir()
    (tmp_path / "created").mkdir()
    with backend.database(tmp_path / "migrated") as old_url, backend.database(tmp_path / "created") as url:
        migrated, created = make_engine(old_url), make_engine(url)
        try:
            _upgrade(migrated, "0010")
            assert "to_address" not in _columns(migrated, "notification")
            _upgrade(migrated, "head")
            SQLModel.metadata.create_all(created)
            assert current_revision(migrated) == head_revision()
            schema = _schema(migrated)
            assert ("to_address", "VARCHAR", False) in schema["notification"][0]
            assert schema == _schema(created)
        finally:
            migrated.dispose()
            created.dispose()


def test_rows_queued_before_the_upgrade_go_to_their_audience_routes(backend, tmp_path) -> None:
    with backend.database(tmp_path) as url:
        engine = make_engine(url)
        try:
            _upgrade(engine, "0010")
            with engine.begin() as conn:
                conn.execute(text(
                    "INSERT INTO notification (idempotency_key, rule, subject, rung, period, audience,"
                    " channel, urgent, title, body, status, attempts, last_error, results_json, created_on)"
                    " VALUES ('k', 'r', 's', 0, '', 'province', '', false, 't', 'b', 'pending', 0, '', '{}',"
                    " '2026-05-13')"))
            _upgrade(engine, "head")
            with engine.connect() as conn:
                assert conn.execute(text("SELECT to_address FROM notification")).scalar_one() == ""
        finally:
            engine.dispose()


def test_downgrading_0011_removes_the_column(engine) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
    assert "to_address" not in _columns(engine, "notification")
