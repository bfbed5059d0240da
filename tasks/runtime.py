"""The process's database engine: made once per URL, schema upgraded and reference data loaded."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy.engine import Engine

from config.settings import get_settings
from models.db import make_engine, session_scope, upgrade
from tasks.db_guard import sqlite_path, translate_machine_errors, verify_existing
from tasks.reference import sync_reference_data


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """An engine whose schema is at head and whose cities and counties are loaded.

    An existing SQLite file is checked first (header, size, quick_check) and refused, untouched,
    when damaged; a missing one is created.
    """
    verify_existing(url, get_settings().backups_dir)
    engine = make_engine(url)
    path = sqlite_path(url)
    if path is not None:
        translate_machine_errors(engine, path)
    upgrade(engine)
    with session_scope(engine) as session:
        sync_reference_data(session)
    return engine


def get_engine() -> Engine:
    return engine_for(get_settings().db_url)
