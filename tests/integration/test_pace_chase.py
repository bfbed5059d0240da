"""Implementation-phase pace chase through the tick, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlmodel import select

from models.db import session_scope
from models.tables import LedgerEntry, Notification
from notifications.routes import Routes
from tasks.checks import CHECKS
from tasks.context import load_context
from tasks.tick import run_check, tick_once
from tests.support.demo import feixi_through_the_gate

SEPT_1 = dt.date(2026, 9, 1)
AT = dt.datetime(2026, 5, 8, 9, tzinfo=dt.UTC)
FEIXI = "340123"




def _publicity(engine, programme, days: list[dt.date]) -> None:
    with session_scope(engine) as session:
        for n, day in enumerate(days):
            session.add(LedgerEntry(
                programme_id=programme.id, unit_code=FEIXI, category="publicity", subtype="lecture",
                venue="enterprise", occurred_on=day, title=f"普法讲座 {n}", imported_at=AT,
                fingerprint=hashlib.sha256(f"p{n}".encode()).hexdigest()))


def test_a_unit_with_one_publicity_event_on_september_1_is_at_risk_and_reminded(
    engine, programme, tmp_path, monkeypatch
):
    monkeypatch.setenv("LEGALCAP_HOME", str(tmp_path))
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    _publicity(engine, programme, [dt.date(2026, 6, 15)])

    [feixi] = [s for s in load_context(engine, programme, SEPT_1).statuses if s.slot.unit_code == FEIXI]
    publicity = next(q for q in feixi.quotas if q.code == "publicity")
    assert feixi.phase.phase == "implementation" and feixi.pace_from == feixi.gate.met_on
    # paced from its gate day in June, not from May: about 2.8 expected (3.5 from May)
    assert 2.6 < publicity.expected < 3.0 and publicity.count == 1 and publicity.status == "at_risk"

    tick_once(engine, programme, SEPT_1, Routes(None))
    tick_once(engine, programme, SEPT_1, Routes(None))
    with session_scope(engine) as session:
        rows = session.exec(select(Notification).where(Notification.rule == "quota_pace",
                                                       Notification.subject == f"{FEIXI}:publicity")).all()
    [row] = rows
    assert row.audience == "unit-340123" and row.status == "sent"
    assert "法治宣传教育 1/10" in row.title and "2026-09-30" in row.body
    assert "应完成约 2.8 场，差 2 场" in row.body


def test_catching_up_cancels_the_reminders_not_yet_sent(engine, programme, tmp_path):
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    _publicity(engine, programme, [dt.date(2026, 6, 15)])
    pace = next(c for c in CHECKS if c.name == "quota_pace")
    run_check(engine, load_context(engine, programme, SEPT_1), pace)
    _publicity_more(engine, programme)
    sept_2 = dt.date(2026, 9, 2)
    [feixi] = [s for s in load_context(engine, programme, sept_2).statuses if s.slot.unit_code == FEIXI]
    assert next(q for q in feixi.quotas if q.code == "publicity").status == "on_track"
    run_check(engine, load_context(engine, programme, sept_2), pace)
    with session_scope(engine) as session:
        statuses = {n.subject: n.status for n in session.exec(select(Notification))}
    assert statuses[f"{FEIXI}:publicity"] == "cancelled"
    assert statuses[f"{FEIXI}:labour_supervision"] == "pending"  # still behind: still chased


def _publicity_more(engine, programme) -> None:
    with session_scope(engine) as session:
        session.add(LedgerEntry(
            programme_id=programme.id, unit_code=FEIXI, category="publicity", subtype="talk",
            venue="campus", occurred_on=dt.date(2026, 9, 1), title="普法宣讲", imported_at=AT,
            fingerprint=hashlib.sha256(b"extra").hexdigest()))
        session.add(LedgerEntry(
            programme_id=programme.id, unit_code=FEIXI, category="publicity", subtype="talk",
            venue="community", occurred_on=dt.date(2026, 9, 1), title="普法宣讲 2", imported_at=AT,
            fingerprint=hashlib.sha256(b"extra2").hexdigest()))
