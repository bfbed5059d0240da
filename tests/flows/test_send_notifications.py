"""send-notifications (the dispatch-only flow serve schedules) under a real (test) Prefect server."""

from __future__ import annotations

import datetime as dt
import json

from sqlmodel import select

from models.db import session_scope
from models.findings import Finding
from models.tables import Notification
from notifications.outbox import enqueue


def _queue_one(engine, programme_id: int) -> None:
    finding = Finding("recommendation_deadline", "f1", 0, "2026", "province", True, "recommendation_deadline",
                      {"city_name": "测试市", "lacking": ["推荐表（附件1）"], "unit_name": "",
                       "due": "2026-05-12", "workdays_left": -1, "rung": 0})
    with session_scope(engine) as session:
        enqueue(session, [finding], programme_id=programme_id, year=2026, as_of=dt.date(2026, 5, 13))


def test_the_flow_sends_the_due_rows_now_and_reports_them(started_programme, flow_db, tmp_path, monkeypatch):
    from flows.dispatch import send_notifications

    monkeypatch.setenv("LEGALCAP_TODAY", "2026-12-01")  # a Tuesday: a working day

    _queue_one(flow_db, started_programme)

    state = send_notifications(year=2026, return_state=True)

    assert state.is_completed()
    report = state.result()
    assert (report.messages, report.rows_sent, report.rows_left) == (1, 1, 0)
    with session_scope(flow_db) as session:
        (sent,) = session.exec(select(Notification)).all()
    assert (sent.status, sent.claim_token) == ("sent", None)
    lines = (tmp_path / "home" / "outbox" / "province.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["title"] for line in lines] == [sent.title]


def test_the_scheduled_send_rests_on_a_holiday_like_the_tick(started_programme, flow_db, monkeypatch):
    from flows.dispatch import send_notifications

    monkeypatch.setenv("LEGALCAP_TODAY", "2026-10-05")  # 国庆假期, a Monday
    _queue_one(flow_db, started_programme)

    state = send_notifications(year=2026, return_state=True)

    assert state.is_completed() and state.result() is None
    with session_scope(flow_db) as session:
        (row,) = session.exec(select(Notification)).all()
    assert row.status == "pending" and row.attempts == 0


def test_the_flow_loads_and_validates_its_parameters_from_a_copy_of_its_code_as_serve_does() -> None:
    from prefect.flows import safe_load_flow_from_entrypoint

    import flows.dispatch

    copy = safe_load_flow_from_entrypoint(f"{flows.dispatch.__file__}:send_notifications")

    assert copy is not None and copy.name == "send-notifications"
    assert copy.validate_parameters({"year": "2026"}) == {"year": 2026}
    assert copy.validate_parameters({}) == {"year": None}
