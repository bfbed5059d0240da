"""A supervision case counts toward the 10 件 once opened (受理投诉举报), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from models.db import session_scope
from tasks.context import load_context
from tasks.ledger_snapshot import load_cases
from tests.integration.test_pace_chase import FEIXI
from tests.integration.test_supervision_reply import _document
from tests.support.demo import feixi_through_the_gate


def test_a_case_with_only_a_complaint_counts_and_its_stage_is_shown(engine, programme, tmp_path):
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    on = dt.date(2026, 8, 3)
    _document(engine, programme, "complaint", on)
    [slot] = [s.slot for s in load_context(engine, programme, on).statuses if s.slot.unit_code == FEIXI]
    assert slot.quota_counts.get("labour_supervision") == 1
    with session_scope(engine) as session:
        [case] = load_cases(session, programme.id, on)
    assert (case.case_no, case.documents) == ("JD-001", {"complaint": on})
