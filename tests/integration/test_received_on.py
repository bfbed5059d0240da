"""Deliver 11: a ledger imported later with `--on D` counts on day D, in status and in that day's tick."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlmodel import select

from models.db import session_scope
from models.tables import LedgerEntry, Notification
from notifications.routes import Routes
from tasks.context import load_context
from tasks.forms.ledger_xlsx import write_ledger_template
from tasks.services import ledger_import
from tasks.tick import tick_once
from tests.support.demo import feixi_through_the_gate

FEIXI = "340123"
JULY_3 = dt.date(2026, 7, 3)
LATER = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)   # the wall clock when it is typed in


def _ledger(folder: Path) -> Path:
    path = folder / "工作台账-6月.xlsx"
    rows = [{"ledger_id": f"P{i}", "unit_code": FEIXI, "occurred_on": dt.date(2026, 6, 10 + 5 * i),
             "title": f"普法讲座 {i}", "venue": "enterprise", "format": "lecture", "participants": 40}
            for i in range(4)]
    write_ledger_template(path, rows={"publicity": rows})
    return path


def _publicity_on(engine, programme, day: dt.date):
    [feixi] = [s for s in load_context(engine, programme, day).statuses if s.slot.unit_code == FEIXI]
    return next(q for q in feixi.quotas if q.code == "publicity")


def test_a_ledger_received_on_july_3_counts_that_day_and_its_tick_sends_no_pace_reminder(
    engine, programme, tmp_path, monkeypatch
):
    monkeypatch.setenv("LEGALCAP_HOME", str(tmp_path))
    monkeypatch.setattr("tasks.services.ledger_import.get_engine", lambda: engine)
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    ledger_import.import_ledger(_ledger(tmp_path), JULY_3, LATER, "肥西县总工会", None, False)

    with session_scope(engine) as session:
        stored = set(session.exec(select(LedgerEntry.imported_at)).all())
    assert len(stored) == 1 and next(iter(stored)).replace(tzinfo=dt.UTC) == dt.datetime(2026, 7, 2, 16, 0,
                                                                                         tzinfo=dt.UTC)
    assert _publicity_on(engine, programme, JULY_3).count == 4
    assert _publicity_on(engine, programme, dt.date(2026, 7, 2)).count == 0   # not received yet

    tick_once(engine, programme, JULY_3, Routes(None))
    with session_scope(engine) as session:
        pace = session.exec(select(Notification).where(Notification.rule == "quota_pace",
                                                       Notification.subject == f"{FEIXI}:publicity")).all()
    assert pace == []
