"""Starting the annual programme pins its configuration and refuses a silent change."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from sqlmodel import func, select

from config.loader import ConfigError, config_from_json, default_config_path, load_programme_config
from models.db import session_scope
from models.tables import AuditEvent, Programme
from tasks.programme import start_programme
from tests.support.database import PROGRAMME_YEAR, STARTED_AT, STARTED_BY


@pytest.fixture
def cfg():
    return load_programme_config(default_config_path(PROGRAMME_YEAR))


def _start(engine, cfg):
    with session_scope(engine) as session:
        programme, created = start_programme(session, cfg, source="programme-2026.yaml",
                                             at=STARTED_AT, by=STARTED_BY)
        return programme.id, created


def _programmes(engine) -> list[Programme]:
    with session_scope(engine) as session:
        return list(session.exec(select(Programme)).all())


def test_starting_the_programme_pins_its_config_json_and_hash(engine, cfg) -> None:
    programme_id, created = _start(engine, cfg)

    assert created is True
    [row] = _programmes(engine)
    assert row.id == programme_id
    assert (row.year, row.started_on, row.started_by) == (2026, STARTED_AT.date(), STARTED_BY)
    assert row.config_json == cfg.canonical_json()
    assert row.config_hash == hashlib.sha256(row.config_json.encode("utf-8")).hexdigest()
    assert row.config_hash == cfg.config_hash()
    assert config_from_json(row.config_json) == cfg
    assert json.loads(row.config_json)["deadlines"]["recommendation"] == "2026-05-12"


def test_the_programme_start_time_reads_back_as_the_same_instant(engine, cfg) -> None:
    _start(engine, cfg)
    [row] = _programmes(engine)
    assert row.started_at.utcoffset() == dt.timedelta(0)
    assert row.started_at == STARTED_AT


def test_starting_the_programme_records_an_audit_event_with_the_hash(engine, cfg) -> None:
    programme_id, _ = _start(engine, cfg)
    with session_scope(engine) as session:
        events = session.exec(
            select(AuditEvent).where(AuditEvent.action == "programme.started")).all()
    assert [(e.programme_id, e.subject) for e in events] == [(programme_id, "2026")]
    assert json.loads(events[0].details_json)["config_hash"] == cfg.config_hash()


def test_starting_again_with_the_same_config_returns_the_running_programme(engine, cfg) -> None:
    first_id, _ = _start(engine, cfg)

    again_id, created = _start(engine, load_programme_config(default_config_path(PROGRAMME_YEAR)))

    assert (again_id, created) == (first_id, False)
    assert len(_programmes(engine)) == 1


def test_starting_again_with_a_changed_config_is_refused_and_changes_nothing(engine, cfg) -> None:
    _start(engine, cfg)
    target = cfg.quotas.publicity.target + 5
    publicity = cfg.quotas.publicity.model_copy(update={"target": target})
    quotas = cfg.quotas.model_copy(update={"publicity": publicity})
    changed = cfg.model_copy(update={"quotas": quotas})
    assert changed.config_hash() != cfg.config_hash()

    with pytest.raises(ConfigError) as raised:
        _start(engine, changed)

    message = str(raised.value)
    assert "2026 年度" in message
    assert "不会被静默修改" in message
    assert cfg.config_hash()[:12] in message and changed.config_hash()[:12] in message
    [row] = _programmes(engine)
    assert row.config_hash == cfg.config_hash()
    assert config_from_json(row.config_json).quotas.publicity.target == cfg.quotas.publicity.target
    with session_scope(engine) as session:
        starts = session.exec(select(func.count()).select_from(AuditEvent)
                              .where(AuditEvent.action == "programme.started")).one()
    assert starts == 1
