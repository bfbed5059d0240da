"""A gate-overdue unit (筹备逾期) through the tick's checks, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from models.db import session_scope
from models.tables import Notification
from tasks.checks import CHECKS
from tasks.context import load_context
from tasks.demo.apply import DemoWriter
from tasks.demo.scenario import demo_events
from tasks.tick import run_check

STAMP = dt.datetime(2026, 5, 8, 9, tzinfo=dt.UTC)
FEIXI = "340123"
AUG_3 = dt.date(2026, 8, 3)  # the first working day of August
CHECK = {c.name: c for c in CHECKS}


def _hefei(engine, programme, folder, kinds: set[str]) -> None:
    """The demo's 合肥市 events of these kinds up to July."""
    events = demo_events(programme.calendar, dt.date(2026, 5, 1), dt.date(2027, 4, 30))
    with session_scope(engine) as session:
        writer = DemoWriter(session, programme, folder, STAMP)
        for ev in events:
            if ev.city_code == "340100" and ev.kind in kinds and ev.on <= dt.date(2026, 7, 1):
                writer.apply(ev)


def _rows(engine, rule: str) -> list[tuple[str, str, str]]:
    with session_scope(engine) as session:
        rows = session.exec(select(Notification).where(Notification.rule == rule)).all()
        return sorted((r.audience, r.period, r.status) for r in rows)


def test_a_filed_unit_without_procurement_is_chased_monthly_and_its_obligations_run(
    engine, programme, tmp_path
):
    _hefei(engine, programme, tmp_path / "files", {"recommendation", "work_plan", "filing"})
    ctx = load_context(engine, programme, AUG_3)
    [feixi] = [s for s in ctx.statuses if s.slot.unit_code == FEIXI]
    assert (feixi.phase.phase, feixi.phase.gate_overdue, feixi.pace_from) == (
        "implementation", True, dt.date(2026, 5, 1))

    result = run_check(engine, ctx, CHECK["gate_overdue"])
    assert result.queued == 1 and result.notes[0] == "筹备逾期：肥西县"
    assert _rows(engine, "gate_overdue") == [(f"unit-{FEIXI}", "2026-08", "pending")]
    with session_scope(engine) as session:
        [row] = session.exec(select(Notification).where(Notification.rule == "gate_overdue")).all()
        assert "仍缺：合规遴选结果、采购公告" in row.body

    sept_1 = dt.date(2026, 9, 1)
    pace = run_check(engine, load_context(engine, programme, sept_1), CHECK["quota_pace"])
    assert pace.queued == 3  # nothing recorded since May: every quota at risk, its unit told

    _hefei(engine, programme, tmp_path / "files", {"procurement", "archive"})
    later = run_check(engine, load_context(engine, programme, dt.date(2026, 8, 4)), CHECK["gate_overdue"])
    assert later.findings == 0
    assert _rows(engine, "gate_overdue") == [(f"unit-{FEIXI}", "2026-08", "cancelled")]
