"""The province's filing deadline through the tick, and `review pending`, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

from sqlmodel import select

from flows.cli.preparation import review_pending
from models.db import session_scope
from models.tables import Notification
from tasks.checks import CHECKS
from tasks.context import load_context
from tasks.demo.apply import DemoWriter
from tasks.demo.scenario import demo_events
from tasks.tick import run_check

STAMP = dt.datetime(2026, 5, 8, 9, tzinfo=dt.UTC)
FILING = next(c for c in CHECKS if c.name == "filing_deadline")


def _hefei(engine, programme, folder, kinds: set[str]) -> None:
    """The demo's 合肥市 events of these kinds (materials 2026-04-28, filing 2026-05-15)."""
    events = demo_events(programme.calendar, dt.date(2026, 5, 1), dt.date(2027, 4, 30))
    with session_scope(engine) as session:
        writer = DemoWriter(session, programme, folder, STAMP)
        for ev in events:
            if ev.city_code == "340100" and ev.kind in kinds and ev.on <= dt.date(2026, 5, 31):
                writer.apply(ev)


def _reminders(engine) -> list[Notification]:
    with session_scope(engine) as session:
        rows = session.exec(select(Notification).where(Notification.rule == "filing_deadline")).all()
        session.expunge_all()
        return list(rows)


def test_the_province_is_reminded_of_waiting_submissions_until_it_files_them(engine, programme, tmp_path):
    _hefei(engine, programme, tmp_path / "files", {"recommendation", "work_plan"})
    may_19 = dt.date(2026, 5, 19)  # 3 working days before deadlines.filing (2026-05-22)
    first = run_check(engine, load_context(engine, programme, may_19), FILING)
    again = run_check(engine, load_context(engine, programme, may_19), FILING)
    [row] = _reminders(engine)
    assert (first.queued, again.queued) == (1, 0)
    assert first.notes[0] == "待审核备案：肥西县"
    assert (row.audience, row.period, row.status) == ("province", "2026-05-22", "pending")
    assert "肥西县（340123）：2026-04-28 收到" in row.body

    _hefei(engine, programme, tmp_path / "files", {"filing"})
    may_20 = dt.date(2026, 5, 20)
    later = run_check(engine, load_context(engine, programme, may_20), FILING)
    [row] = _reminders(engine)
    assert later.findings == 0 and row.status == "cancelled"


def test_review_pending_lists_the_waiting_submissions_as_json_and_table(
    engine, programme, tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr("tasks.services.review_pending.get_engine", lambda: engine)
    _hefei(engine, programme, tmp_path / "files", {"recommendation", "work_plan"})
    review_pending(as_of="2026-05-13", fmt="json", year=None)
    doc = json.loads(capsys.readouterr().out)
    assert doc["as_of"] == "2026-05-13"
    assert [(p["unit_code"], p["received_on"], p["due"], p["resubmitted"]) for p in doc["pending"]] == [
        ("340123", "2026-04-28", "2026-05-22", False)]
    review_pending(as_of="2026-05-13", fmt="table", year=None)
    table = capsys.readouterr().out
    assert "待审核备案" in table and "肥西县" in table and "2026-05-22" in table
    review_pending(as_of="2026-04-27", fmt="table", year=None)
    assert "截至 2026-04-27 没有待审核备案的材料" in capsys.readouterr().out
