"""The demo scenario through the real tick, day by day from 2026-04-01 to 2026-05-20.

Replicates the small loop of flows/simulate.py without Prefect: apply the day's demo events
with DemoWriter, then tick_once; every day is ticked twice to prove the second tick adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from models.chases import RECOMMENDATION_RULE
from models.db import session_scope
from models.tables import Notification
from tasks.context import ProgrammeRef, load_context
from tasks.demo.apply import DemoWriter
from tasks.demo.scenario import demo_events
from tasks.tick import tick_once
from tests.support.database import migrated_engine, start_default_programme

FIRST, LAST = dt.date(2026, 4, 1), dt.date(2026, 5, 20)
DEADLINE = dt.date(2026, 5, 12)
DAY_AFTER = dt.date(2026, 5, 13)
FUYANG = "341200"  # 阜阳市: its materials (太和县) arrive late, on 2026-05-20


@dataclass
class DemoRun:
    engine: Engine
    ref: ProgrammeRef
    ticked_workdays: list[dt.date] = field(default_factory=list)
    changed_by_second_tick: list[dt.date] = field(default_factory=list)


def outbox(engine: Engine) -> list[tuple]:
    """Everything about the outbox rows that a repeated tick must not change."""
    with session_scope(engine) as session:
        rows = session.exec(select(Notification).order_by(Notification.idempotency_key)).all()
        return [(r.idempotency_key, r.audience, r.urgent, r.created_on, r.title, r.body, r.status)
                for r in rows]


def _apply_events(engine: Engine, ref, files_dir, todays) -> None:
    stamp = dt.datetime.combine(todays[0].on, dt.time(9, 0), dt.UTC)
    with session_scope(engine) as session:
        writer = DemoWriter(session, ref, files_dir, stamp)
        for event in todays:
            writer.apply(event)


@pytest.fixture(scope="module")
def demo(backend, tmp_path_factory) -> DemoRun:
    directory = tmp_path_factory.mktemp(f"demo-{backend.name}")
    with backend.database(directory) as url, migrated_engine(url) as engine:
        ref = start_default_programme(engine)
        impl = ref.cfg.phases.implementation
        events = defaultdict(list)
        for event in demo_events(ref.calendar, impl.start, impl.end):
            events[event.on].append(event)
        run = DemoRun(engine, ref)
        day = FIRST
        while day <= LAST:
            if events.get(day):
                _apply_events(engine, ref, directory / "demo-files", events[day])
            if tick_once(engine, ref, day).workday:
                run.ticked_workdays.append(day)
            before = outbox(engine)
            tick_once(engine, ref, day)
            if outbox(engine) != before:
                run.changed_by_second_tick.append(day)
            day += dt.timedelta(days=1)
        yield run


def _notifications(run: DemoRun) -> list[Notification]:
    with session_scope(run.engine) as session:
        return list(session.exec(select(Notification).order_by(Notification.id)).all())


def _slot_status(run: DemoRun, as_of: dt.date, city_code: str):
    [status] = [st for st in load_context(run.engine, run.ref, as_of).statuses
                if st.slot.city_code == city_code]
    return status


def test_the_day_after_the_deadline_fuyang_has_no_unit_and_its_submission_is_missing(demo) -> None:
    status = _slot_status(demo, DAY_AFTER, FUYANG)
    assert status.slot.city_name == "阜阳市"
    assert status.slot.unit_code is None
    assert status.submission == "missing"


def test_fuyangs_materials_arriving_on_may_20_count_as_late(demo) -> None:
    status = _slot_status(demo, LAST, FUYANG)
    assert (status.slot.unit_code, status.slot.unit_name) == ("341222", "太和县")
    assert status.submission == "late"


def test_every_other_city_had_submitted_on_time_by_the_deadline(demo) -> None:
    statuses = load_context(demo.engine, demo.ref, DEADLINE).statuses
    submitted = {st.slot.city_code for st in statuses if st.submission == "submitted"}
    assert len(statuses) == 16
    assert submitted == {st.slot.city_code for st in statuses} - {FUYANG}


def test_fuyang_is_escalated_after_the_deadline_to_the_city_and_to_the_province(demo) -> None:
    late = [n for n in _notifications(demo) if n.subject == FUYANG and n.created_on >= DAY_AFTER]
    assert {n.rule for n in late} == {RECOMMENDATION_RULE}
    assert {"city-341200", "province"} <= {n.audience for n in late}
    assert all(n.urgent for n in late)
    assert any(n.title.startswith("【逾期】阜阳市") for n in late if n.audience == "city-341200")


def test_reminders_before_the_deadline_go_to_the_cities_only(demo) -> None:
    early = [n for n in _notifications(demo) if n.created_on <= DEADLINE]
    assert early, "the ladder's rungs before the deadline should have reminded someone"
    assert all(n.audience == f"city-{n.subject}" and not n.urgent for n in early)


def test_cities_that_submitted_get_no_notification_after_the_deadline(demo) -> None:
    after = [n for n in _notifications(demo) if n.created_on > DEADLINE]
    deadline = [n for n in after if n.rule == "recommendation_deadline"]
    assert deadline, "Fuyang's escalation should be in the outbox"
    assert {n.subject for n in deadline} == {FUYANG}
    # The only other message after the deadline is the province returning 萧县's work plan.
    assert {(n.rule, n.audience) for n in after if n not in deadline} == {("filing_returned", "city-341300")}


def test_notifications_are_created_on_working_days_only(demo) -> None:
    created = {n.created_on for n in _notifications(demo)}
    assert created <= set(demo.ticked_workdays)
    assert dt.date(2026, 5, 1) not in demo.ticked_workdays  # 劳动节
    assert dt.date(2026, 5, 16) not in demo.ticked_workdays  # Saturday


def test_a_second_tick_on_the_same_day_leaves_the_outbox_unchanged(demo) -> None:
    assert demo.changed_by_second_tick == []
    before = outbox(demo.engine)
    assert before
    for day in (DAY_AFTER, LAST):
        tick_once(demo.engine, demo.ref, day)
    assert outbox(demo.engine) == before


def test_no_message_to_a_county_city_or_evaluator_names_a_command_and_each_says_where_to_send(demo) -> None:
    """Only the province has a terminal: everyone else is told what to send and to which mailbox."""
    rows = [n for n in _notifications(demo) if n.audience != "province"]
    assert rows
    assert [n.title for n in rows if "legalcap " in n.body] == []
    assert any("ahghflb@163.com" in n.body for n in rows)
