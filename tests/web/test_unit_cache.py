"""A unit page's computation kept while the data holds (web/unit_cache), on SQLite and PostgreSQL: computed
once while nothing changes, computed again as soon as another process (another engine) writes a row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Integer, update
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from models.db import make_engine, session_scope
from models.intake import ReceivedFile
from models.tables import Notification
from tests.web.conftest import FEIXI, TODAY, Portal
from tests.web.services import implementing_portal, ledger_file, publicity_count
from web import data
from web.unit_cache import NOT_DATA, UnitCache, fingerprint_sql

OWN = f"/units/{FEIXI.code}"


@pytest.fixture()
def portal(engine, programme, tmp_path, monkeypatch) -> Portal:
    return implementing_portal(engine, programme, tmp_path, monkeypatch)


@pytest.fixture()
def other_engine(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A second engine on the same database, as the tick's process has: the services write through it."""
    other = make_engine(engine.url.render_as_string(hide_password=False))
    monkeypatch.setattr("tasks.runtime.engine_for", lambda url: other)
    yield other
    other.dispose()


@pytest.fixture()
def computations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The unit codes whose status the portal computed, in order."""
    calls: list[str] = []
    real = data.unit_status

    def counted(engine: Engine, ref, day: dt.date, code: str) -> dict | None:
        calls.append(code)
        return real(engine, ref, day, code)

    monkeypatch.setattr(data, "unit_status", counted)
    return calls


def mailed_ledger(path: Path) -> None:
    """The ledger registered as the mailbox does (tasks.intake), outside the portal."""
    from tasks.intake import intake

    receipt = intake(ReceivedFile(name=path.name, content=path.read_bytes(), received_on=TODAY,
                                  registered_at=dt.datetime(2026, 6, 15, 2, tzinfo=dt.UTC),
                                  registered_by="邮件 feixi@example.cn", unit_hint=FEIXI.code))
    assert receipt.ok, receipt.lines()


def test_the_unit_page_is_computed_once_while_nothing_changes(portal: Portal, computations: list[str]
                                                             ) -> None:
    clerk = portal.login("feixi")
    pages = [clerk.get(OWN) for _ in range(3)]
    assert [p.status_code for p in pages] == [200] * 3
    assert computations == [FEIXI.code]
    assert pages[0].text.count("法治宣传教育") == pages[2].text.count("法治宣传教育") > 0


def test_a_ledger_registered_by_another_process_shows_at_once(
        portal: Portal, other_engine: Engine, computations: list[str], tmp_path: Path) -> None:
    clerk = portal.login("feixi")
    assert publicity_count(clerk.get(OWN).text) == "0"
    assert publicity_count(clerk.get(OWN).text) == "0"
    mailed_ledger(ledger_file(tmp_path / "mail", good=3))
    page = clerk.get(OWN).text
    assert publicity_count(page) == "3" and "普法讲座 2" in page    # the status and the newest rows
    assert computations == [FEIXI.code, FEIXI.code]


def test_a_reminder_sent_by_the_dispatcher_shows_as_sent_at_once(portal: Portal, other_engine: Engine
                                                                 ) -> None:
    """Sending changes the outbox row in place and writes no other row: the pending count moves."""
    with session_scope(portal.engine) as session:
        session.add(Notification(idempotency_key="k-1", rule="ledger_quiet", subject=FEIXI.code,
                                 audience=f"unit-{FEIXI.code}", title="台账提醒", body="请报送台账",
                                 created_on=TODAY))
    clerk = portal.login("feixi")
    assert "待发送" in clerk.get(OWN).text
    with other_engine.begin() as conn:
        conn.execute(update(Notification).values(status="sent",
                                                 sent_at=dt.datetime(2026, 6, 15, 3, tzinfo=dt.UTC)))
    page = clerk.get(OWN).text
    assert "已发送" in page and "待发送" not in page


def test_a_kept_value_is_recomputed_after_its_time_to_live() -> None:
    now = [0.0]
    cache = UnitCache(ttl=10, monotonic=lambda: now[0])
    computed = iter(range(100))
    assert [cache.get("k", (1,), lambda: next(computed)) for _ in range(2)] == [0, 0]
    now[0] = 10.0
    assert cache.get("k", (1,), lambda: next(computed)) == 1
    assert cache.get("k", (2,), lambda: next(computed)) == 2     # another fingerprint
    cache.clear()
    assert cache.get("k", (2,), lambda: next(computed)) == 3


def test_the_oldest_entries_go_first_when_the_cache_is_full() -> None:
    cache = UnitCache(max_entries=2)
    for key in "abc":
        cache.get(key, (1,), lambda k=key: k)
    assert list(cache.kept) == ["b", "c"]


def test_every_data_table_is_in_the_fingerprint() -> None:
    """A table added later counts too: a new row in any of them means a new computation."""
    sql = fingerprint_sql()
    for table in SQLModel.metadata.sorted_tables:
        with_id = any(c.name == "id" and isinstance(c.type, Integer) for c in table.primary_key.columns)
        read = f"max(id) FROM {table.name})" if with_id else f"count(*) FROM {table.name})"
        assert (read in sql) is (table.name not in NOT_DATA), table.name
    assert sql.endswith("(SELECT count(*) FROM notification WHERE status = 'pending')")
