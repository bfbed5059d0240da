"""One runner for every declared check: enqueue, notes, and cancelling the reminders of resolved subjects."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from models.db import session_scope
from models.enums import Phase
from models.findings import Finding
from models.tables import Notification
from tasks.check_types import Check, Resolution, listed
from tasks.checks import CHECKS
from tasks.context import load_context
from tasks.tick import run_check

DAY = dt.date(2026, 5, 13)
RULE = "toy_reminder"


def _finding(subject: str, period: str = "2026") -> Finding:
    context = {"city_name": f"测试市{subject}", "lacking": ["推荐表（附件1）"], "unit_name": "",
               "due": "2026-05-12", "workdays_left": 0, "rung": 0}
    return Finding(RULE, subject, 0, period, f"city-{subject}", False, "recommendation_deadline", context)


def _toy(open_now: set, *, per_period: bool = False) -> Check:
    """A new reminder as README shows it: a declaration, nothing else."""
    return Check(
        "toy", "演示提醒", frozenset(Phase),
        load=lambda _session, _ctx: set(open_now),
        decide=lambda _ctx, still_open: [_finding(*k) if per_period else _finding(k) for k in still_open],
        resolutions=(Resolution(RULE, lambda _ctx, still_open: still_open, per_period=per_period,
                                reason="演示：已办结"),),
        notes=lambda _ctx, _facts, findings: listed("待办", {f.subject for f in findings}),
        before=lambda _session, _ctx, _facts: ["先记录"],
        closing_notes=lambda _ctx, still_open: [f"仍待办 {len(still_open)} 项"],
    )


def _statuses(engine) -> dict[tuple[str, str], str]:
    with session_scope(engine) as session:
        rows = session.exec(select(Notification).where(Notification.rule == RULE)).all()
        return {(r.subject, r.period): f"{r.status}:{r.last_error or ''}" for r in rows}


def test_a_declared_check_queues_notes_and_cancels_once_resolved(engine, programme):
    open_now = {"340100", "340200"}
    ctx = load_context(engine, programme, DAY)

    first = run_check(engine, ctx, _toy(open_now))
    again = run_check(engine, ctx, _toy(open_now))
    open_now.discard("340200")
    later = run_check(engine, ctx, _toy(open_now))

    assert (first.name, first.label, first.findings, first.queued) == ("toy", "演示提醒", 2, 2)
    assert first.notes == ["先记录", "待办：340100、340200", "仍待办 2 项"]
    assert (again.findings, again.queued) == (2, 0)
    assert later.notes == ["先记录", "待办：340100", "已办结，取消未发送提醒 1 条", "仍待办 1 项"]
    assert _statuses(engine) == {("340100", "2026"): "pending:", ("340200", "2026"): "cancelled:演示：已办结"}


def test_a_check_resolved_per_period_cancels_only_the_closed_period(engine, programme):
    open_now = {("340100", "2026-Q2"), ("340100", "2026-Q3")}
    ctx = load_context(engine, programme, DAY)
    run_check(engine, ctx, _toy(open_now, per_period=True))
    open_now.discard(("340100", "2026-Q2"))

    result = run_check(engine, ctx, _toy(open_now, per_period=True))

    assert "已办结，取消未发送提醒 1 条" in result.notes
    assert _statuses(engine) == {("340100", "2026-Q2"): "cancelled:演示：已办结",
                                 ("340100", "2026-Q3"): "pending:"}


def test_every_registered_check_is_declared_to_decide_or_to_run_and_is_named_once():
    names = [c.name for c in CHECKS]
    assert len(names) == len(set(names)) == 14
    assert all((c.decide is None) != (c.run is None) for c in CHECKS)
    assert all(c.resolutions for c in CHECKS if c.decide is not None)  # every chase can end
