"""Alembic environment: runs on the connection legalcap hands over (or a URL for CLI use)."""

from alembic import context
from sqlmodel import SQLModel

import models.tables  # noqa: F401

target_metadata = SQLModel.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from models.db import make_engine

    url = context.config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("迁移既无数据库连接，也未设置 sqlalchemy.url")
    engine = make_engine(url)
    with engine.begin() as conn:
        _run(conn)


run_migrations_online()
