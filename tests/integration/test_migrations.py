"""Alembic migrations against a real database of each kind."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from models.db import alembic_config, current_revision, head_revision, make_engine, upgrade

MODEL_TABLES = set(SQLModel.metadata.tables)


def _tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_upgrading_an_empty_database_creates_every_table_and_stamps_head(db_url) -> None:
    engine = make_engine(db_url)
    try:
        assert _tables(engine) == set()
        assert current_revision(engine) is None
        assert {"city", "unit", "programme", "notification", "auditevent"} <= MODEL_TABLES

        assert upgrade(engine) is True

        assert _tables(engine) == MODEL_TABLES | {"alembic_version"}
        assert head_revision() is not None
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_a_second_upgrade_applies_nothing_and_keeps_the_revision(db_url) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        assert upgrade(engine) is False
        assert current_revision(engine) == head_revision()
        assert _tables(engine) == MODEL_TABLES | {"alembic_version"}
    finally:
        engine.dispose()


def test_the_migrated_schema_matches_the_models_with_nothing_left_to_autogenerate(engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_downgrading_to_base_removes_every_table_of_the_models(engine) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert _tables(engine) - {"alembic_version"} == set()
    assert current_revision(engine) is None
    assert upgrade(engine) is True
    assert _tables(engine) == MODEL_TABLES | {"alembic_version"}


def test_a_sqlite_engine_journals_in_wal_mode_and_enforces_foreign_keys(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()
