"""daily_tick under a real (test) Prefect server."""

from __future__ import annotations

import datetime as dt
import json

from sqlmodel import func, select

from models.db import session_scope
from models.tables import GateDecision, Notification
from tests.support.run_inspection import task_run_count

AT = dt.datetime(2026, 5, 8, 9, 0, tzinfo=dt.UTC)


def _seed(engine, programme_id: int, n: int) -> None:
    from tasks.synthetic import seed_synthetic_units

    with session_scope(engine) as session:
        seed_synthetic_units(session, programme_id, n, received_on=dt.date(2026, 5, 8), at=AT)


def _tick_task_runs(engine, programme_id: int, n: int) -> int:
    from flows.tick import daily_tick

    _seed(engine, programme_id, n)
    state = daily_tick(as_of=dt.date(2026, 5, 13), year=2026, return_state=True)
    assert state.is_completed()
    return task_run_count(state.state_details.flow_run_id)


def test_a_tick_runs_as_many_prefect_tasks_for_1600_units_as_for_16(
    started_programme, flow_db, tmp_path, monkeypatch
):
    small = _tick_task_runs(flow_db, started_programme, 16)
    with session_scope(flow_db) as session:
        small_outbox = session.exec(select(func.count()).select_from(Notification)).one()

    from tasks.runtime import engine_for
    from tests.flows.conftest import start_default_programme

    url = f"sqlite:///{tmp_path / 'large.db'}"
    monkeypatch.setenv("LEGALCAP_DATABASE_URL", url)
    large_engine = engine_for(url)
    large_programme = start_default_programme(large_engine)
    large = _tick_task_runs(large_engine, large_programme, 1600)
    with session_scope(large_engine) as session:
        large_outbox = session.exec(select(func.count()).select_from(Notification)).one()

    assert small >= 3  # snapshot + at least one check + artifact
    assert large == small
    # The work did scale: every unsubmitted Anhui city is chased in both, nothing else.
    assert small_outbox == large_outbox > 0


def test_a_tick_on_a_non_working_day_runs_no_check(started_programme):
    from flows.tick import daily_tick

    report = daily_tick(as_of=dt.date(2026, 10, 7), year=2026)  # 国庆假期
    assert report.workday is False
    assert report.results == []


def test_two_ticks_for_the_same_date_leave_the_same_outbox(started_programme, flow_db):
    from flows.tick import daily_tick

    daily_tick(as_of=dt.date(2026, 5, 13), year=2026)
    with session_scope(flow_db) as session:
        first = sorted(session.exec(select(Notification.idempotency_key)).all())
    report = daily_tick(as_of=dt.date(2026, 5, 13), year=2026)
    with session_scope(flow_db) as session:
        second = sorted(session.exec(select(Notification.idempotency_key)).all())
    assert first == second
    assert len(first) == 32  # 16 cities with nothing in: each to itself and to the province
    assert report.queued == 0


def test_a_tick_publishes_its_findings_as_a_table_artifact(started_programme):
    from prefect.client.orchestration import get_client

    from flows.tick import daily_tick

    state = daily_tick(as_of=dt.date(2026, 5, 13), year=2026, return_state=True)
    with get_client(sync_client=True) as client:
        artifact = client.read_latest_artifacts()
        tick = [a for a in artifact if a.key == "daily-tick"]
    assert tick, "no daily-tick artifact"
    assert tick[0].type == "table"
    rows = json.loads(tick[0].data)
    deadline = [r for r in rows if r["检查"] == "推荐材料截止"]
    assert deadline and deadline[0]["新入发件箱"] == 32
    assert state.is_completed()


def test_a_unit_that_meets_its_gate_is_recorded_once(started_programme, flow_db, tmp_path):
    from flows.tick import daily_tick
    from tasks.context import load_programme
    from tasks.demo.apply import DemoWriter
    from tasks.demo.scenario import PREPARATION_KINDS, demo_events

    ref = load_programme(flow_db, 2026)
    events = demo_events(ref.calendar, dt.date(2026, 5, 1), dt.date(2027, 4, 30))
    last = dt.date(2026, 6, 30)
    with session_scope(flow_db) as session:
        writer = DemoWriter(session, ref, tmp_path / "files", AT)
        for ev in events:
            if ev.on <= last and ev.kind in PREPARATION_KINDS:
                writer.apply(ev)
    daily_tick(as_of=dt.date(2026, 6, 30), year=2026)
    daily_tick(as_of=dt.date(2026, 6, 30), year=2026)
    with session_scope(flow_db) as session:
        passed = session.exec(select(GateDecision.unit_code).where(
            GateDecision.gate == "preparation", GateDecision.decision == "passed")).all()
    assert len(passed) == len(set(passed)) == 15  # 歙县's archive stays incomplete
    assert "341021" not in passed
