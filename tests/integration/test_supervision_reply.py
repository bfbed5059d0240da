"""An overdue 一函两书 reply through the tick's check, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from sqlmodel import select

from models.db import session_scope
from models.tables import LedgerEntry, Notification
from tasks.checks import CHECKS
from tasks.context import load_context
from tasks.tick import run_check
from tests.integration.test_pace_chase import AT, FEIXI
from tests.support.demo import feixi_through_the_gate

CHECK = next(c for c in CHECKS if c.name == "supervision_reply")


def _document(engine, programme, document: str, on: dt.date, **fields) -> None:
    with session_scope(engine) as session:
        session.add(LedgerEntry(
            programme_id=programme.id, unit_code=FEIXI, category="labour_supervision", subtype=document,
            topic="pay", occurred_on=on, title="欠薪监督", imported_at=AT,
            fields_json=json.dumps({"case_no": "JD-001", "employer": "某制造公司", **fields}),
            case_no="JD-001", reply_due=_day(fields.get("reply_due")),
            replied_on=_day(fields.get("replied_on")),
            fingerprint=hashlib.sha256(f"{document}{on}".encode()).hexdigest()))


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _rows(engine):
    with session_scope(engine) as session:
        return session.exec(select(Notification).where(Notification.rule == "supervision_reply")).all()


def test_an_overdue_reply_asks_the_unit_for_the_recommendation_and_a_reply_stops_it(
    engine, programme, tmp_path
):
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    _document(engine, programme, "reminder_letter", dt.date(2026, 8, 3))
    _document(engine, programme, "opinion", dt.date(2026, 8, 17))
    due = programme.calendar.add_workdays(dt.date(2026, 8, 17), 15)
    first = programme.calendar.next_workday(due)

    run_check(engine, load_context(engine, programme, due), CHECK)
    assert _rows(engine) == []
    run_check(engine, load_context(engine, programme, first), CHECK)
    [row] = _rows(engine)
    assert row.audience == "unit-340123" and "JD-001" in row.title and "建议书" in row.body
    assert "某制造公司" in row.body  # the employer, read for the overdue case only

    _document(engine, programme, "opinion", dt.date(2026, 8, 17) + dt.timedelta(days=1),
              replied_on=first.isoformat())
    run_check(engine, load_context(engine, programme, first), CHECK)
    assert [r.status for r in _rows(engine)] == ["cancelled"]
