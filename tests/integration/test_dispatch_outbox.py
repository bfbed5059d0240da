"""The dispatcher through real Apprise channels registered in-process (no network)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from apprise.decorators import notify
from sqlmodel import select

from models.db import session_scope
from models.findings import Finding
from models.tables import Notification, Recommendation, WorkPlan
from notifications.dispatcher import FAILURE_RULE, RetryPolicy, dispatch
from notifications.outbox import enqueue
from notifications.routes import Routes
from tasks.checks import CHECKS
from tasks.context import load_context
from tasks.tick import run_check, tick_once

MAY_13 = dt.date(2026, 5, 13)
T0 = dt.datetime(2026, 5, 13, 8, 0, tzinfo=dt.UTC)
FAILING_CALLS: list[str] = []


@notify(on="failingtest", name="总是失败的测试渠道")
def _always_fails(body, title, notify_type, meta, *args, **kwargs):
    FAILING_CALLS.append(title)
    return False


@pytest.fixture()
def outbox_home(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("LEGALCAP_HOME", str(tmp_path))
    return tmp_path / "outbox"


def _lines(folder: Path, tag: str) -> list[dict]:
    path = folder / f"{tag}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _rows(engine) -> list[Notification]:
    with session_scope(engine) as session:
        return list(session.exec(select(Notification).order_by(Notification.id)))


def test_a_tick_delivers_its_reminders_once_even_when_run_twice(engine, programme, outbox_home):
    tick_once(engine, programme, MAY_13, Routes(None))
    tick_once(engine, programme, MAY_13, Routes(None))
    rows = _rows(engine)
    assert len(rows) == 32 and all(r.status == "sent" and r.attempts == 1 for r in rows)
    assert len(_lines(outbox_home, "province")) == 16
    hefei = _lines(outbox_home, "city-340100")
    assert len(hefei) == 1
    assert hefei[0]["title"] == "【逾期】合肥市：项目推荐材料未按期报送"
    assert hefei[0]["type"] == "warning"  # the T+1 rung is urgent


def _finding(subject: str, rung: int, urgent: bool = False, audience: str = "city-340100") -> Finding:
    ctx = {"city_name": "合肥市", "city_code": "340100", "lacking": ["推荐表（附件1）"],
           "unit_name": "", "due": "2026-05-12", "workdays_left": 2, "rung": rung}
    return Finding("recommendation_deadline", subject, rung, "2026", audience, urgent,
                   "recommendation_deadline", ctx)


def test_non_urgent_reminders_for_one_recipient_arrive_as_one_digest(engine, programme, outbox_home):
    with session_scope(engine) as session:
        enqueue(session, [_finding("a", 0), _finding("b", 0), _finding("c", 0)],
                programme_id=programme.id, year=2026, as_of=MAY_13)
    policy = RetryPolicy(5, (5,))
    report = dispatch(engine, Routes(None), policy, now=T0, year=2026)
    assert report.messages == 1 and report.rows_sent == 3
    [digest] = _lines(outbox_home, "city-340100")
    assert digest["title"] == "【每日汇总】2026-05-13 共 3 项提醒"
    assert all(f"编号 #{r.id}" in digest["body"] for r in _rows(engine))


def test_a_ladder_stops_as_soon_as_its_item_is_satisfied(engine, programme):
    check = next(c for c in CHECKS if c.name == "submission_deadline")
    run_check(engine, load_context(engine, programme, MAY_13), check)
    assert sum(r.status == "pending" for r in _rows(engine)) == 32
    at = dt.datetime(2026, 5, 13, 10, tzinfo=dt.UTC)
    with session_scope(engine) as session:
        session.add(Recommendation(
            programme_id=programme.id, city_code="340100", unit_code="340123", unit_name="肥西县总工会",
            contact_name="王", contact_phone="0551-1", basic_situation="-", reason="-", city_opinion="-",
            source_file="f", sha256="0" * 64, received_on=MAY_13, received_at=at))
        session.add(WorkPlan(
            programme_id=programme.id, unit_code="340123", targets="-", foundation="-", plan="-",
            char_count=3, count_rule="-", source_file="f", sha256="0" * 64, received_on=MAY_13,
            received_at=at))
    result = run_check(engine, load_context(engine, programme, dt.date(2026, 5, 14)), check)
    rows = _rows(engine)
    cancelled = [r for r in rows if r.status == "cancelled"]
    assert {r.subject for r in cancelled} == {"340100"} and len(cancelled) == 2
    assert sum(r.status == "pending" for r in rows) == 30
    assert any("取消" in note for note in result.notes)


def test_a_failing_target_is_retried_with_backoff_then_given_up_and_reported(engine, programme, tmp_path):
    config = tmp_path / "notify.yaml"
    config.write_text("urls:\n  - failingtest://province:\n      - tag: province\n", encoding="utf-8")
    routes, policy = Routes(config), RetryPolicy(3, (5, 60))
    with session_scope(engine) as session:
        enqueue(session, [_finding("x", 3, urgent=True, audience="province")],
                programme_id=programme.id, year=2026, as_of=MAY_13)
    FAILING_CALLS.clear()

    dispatch(engine, routes, policy, now=T0, year=2026)
    [row] = _rows(engine)
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.next_attempt_at == T0 + dt.timedelta(minutes=5)
    assert row.last_error

    dispatch(engine, routes, policy, now=T0 + dt.timedelta(minutes=1), year=2026)  # not yet due
    assert _rows(engine)[0].attempts == 1
    dispatch(engine, routes, policy, now=T0 + dt.timedelta(minutes=6), year=2026)
    assert _rows(engine)[0].next_attempt_at == T0 + dt.timedelta(minutes=66)
    dispatch(engine, routes, policy, now=T0 + dt.timedelta(days=1), year=2026)

    original, notice = _rows(engine)
    assert (original.status, original.attempts) == ("failed", 3)
    assert notice.rule == FAILURE_RULE and notice.audience == "province" and notice.urgent
    assert f"#{original.id}" in notice.title
    for day in range(2, 6):  # the notice fails too, but is never escalated again
        dispatch(engine, routes, policy, now=T0 + dt.timedelta(days=day), year=2026)
    rows = _rows(engine)
    assert len(rows) == 2 and rows[1].status == "failed"
    assert len(FAILING_CALLS) == 6


def test_a_recipient_without_any_route_is_an_error_not_a_silent_success(engine, programme, tmp_path):
    config = tmp_path / "notify.yaml"
    config.write_text("urls:\n  - failingtest://x:\n      - tag: evaluator\n", encoding="utf-8")
    with session_scope(engine) as session:
        enqueue(session, [_finding("y", 0)], programme_id=programme.id, year=2026, as_of=MAY_13)
    dispatch(engine, Routes(config), RetryPolicy(5, (5,)), now=T0, year=2026)
    [row] = _rows(engine)
    assert row.status == "pending"
    assert "没有为 city-340100 配置通知渠道" in row.last_error
