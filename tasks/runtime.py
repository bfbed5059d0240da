"""The process's database engine: made once per URL, schema upgraded and reference data loaded."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy.engine import Engine

from config.settings import get_settings
from models.db import make_engine, session_scope, upgrade
from tasks.reference import sync_reference_data


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """An engine whose schema is at head and whose cities and counties are loaded."""
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        sync_reference_data(session)
    return engine


def get_engine() -> Engine:
    return engine_for(get_settings().db_url)
