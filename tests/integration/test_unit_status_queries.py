"""A unit's status read sends few statements: the first submission day comes from the recommendation and
work-plan rows already read (no query of its own), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event
from sqlmodel import select

from models.db import session_scope
from models.tables import Recommendation, WorkPlan
from tasks.services.status import status_of_unit
from tasks.snapshot import load_slots
from tests.support.demo import feixi_through_the_gate

FEIXI = "340123"
DAY = dt.date(2026, 9, 1)


def _statements(engine, call) -> list[str]:
    seen: list[str] = []

    def before(conn, cursor, statement, *args) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return seen


def test_a_units_status_read_sends_eighteen_statements_at_most(engine, programme, tmp_path):
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    statements = _statements(engine, lambda: status_of_unit(engine, programme, DAY, FEIXI))
    assert len(statements) <= 18, len(statements)  # 20 before the first submission was read from rows
    assert not [s for s in statements if "min(recommendation.received_on)" in s.lower()]


def test_the_first_submission_day_is_still_the_later_first_arrival(engine, programme, tmp_path):
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    with session_scope(engine) as session:
        [slot] = load_slots(session, programme.id, DAY, FEIXI)
        every = {s.unit_code: s for s in load_slots(session, programme.id, DAY) if s.unit_code}
    assert slot.first_submitted_on is not None
    assert slot.first_submitted_on == every[FEIXI].first_submitted_on
    recs = session_dates(engine, Recommendation, programme.id)
    plans = session_dates(engine, WorkPlan, programme.id)
    assert slot.first_submitted_on == max(min(recs), min(plans))


def session_dates(engine, table, programme_id: int) -> list[dt.date]:
    """Every received_on of 肥西县's rows in `table`."""
    with session_scope(engine) as session:
        return list(session.exec(select(table.received_on).where(
            table.programme_id == programme_id, table.unit_code == FEIXI)).all())
