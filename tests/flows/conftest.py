"""Flows run under one session-scoped Prefect test harness, each test on its own database."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory):
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture()
def flow_db(tmp_path: Path, monkeypatch, prefect_harness):
    """A fresh SQLite database that the flows' get_engine() will use."""
    url = f"sqlite:///{tmp_path / 'flows.db'}"
    monkeypatch.setenv("LEGALCAP_DATABASE_URL", url)
    monkeypatch.setenv("LEGALCAP_HOME", str(tmp_path / "home"))
    from tasks.runtime import engine_for

    return engine_for(url)


def start_default_programme(engine) -> int:
    """Start the 2026 programme from the shipped YAML; return its id."""
    from config.loader import default_config_path, load_programme_config
    from models.db import session_scope
    from tasks.programme import start_programme

    cfg = load_programme_config(default_config_path(2026))
    at = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)
    with session_scope(engine) as session:
        programme, _ = start_programme(session, cfg, source="test", at=at, by="测试")
        return programme.id


@pytest.fixture()
def started_programme(flow_db):
    return start_default_programme(flow_db)
