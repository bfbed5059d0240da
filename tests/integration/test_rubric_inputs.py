"""The rubric's bulk loaders on SQLite and PostgreSQL: 五进 venues, 一函两书 cases, the task list, other
work kinds, the evaluators' 实际成效 and the month-end pace reach RubricInputs and the score."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from models.db import session_scope
from models.procurement import TaskListItem
from models.rubric import TaskTarget
from models.tables import LedgerEntry
from tasks.assessments import record_effect
from tasks.context import load_context
from tasks.rubric import rubric_inputs, score_units
from tests.integration.test_pace_chase import AT, FEIXI
from tests.support.demo import feixi_through_the_gate

MAY_20 = dt.date(2027, 5, 20)
TASKS = (TaskTarget("publicity", "普法宣传 4 场", 4), TaskTarget("legality_review", "合法性审查 2 次", 2),
         TaskTarget("other", "其他", 0))


def _row(category: str, on: dt.date, n: int, **columns) -> LedgerEntry:
    fields = {"case_no": columns["case_no"]} if columns.get("case_no") else {}
    return LedgerEntry(programme_id=0, unit_code=FEIXI, category=category, occurred_on=on,
                       title=f"{category}{n}", imported_at=AT, fields_json=json.dumps(fields),
                       fingerprint=hashlib.sha256(f"{category}{on}{n}".encode()).hexdigest(), **columns)


def _ledger(programme_id: int) -> list[LedgerEntry]:
    rows = [_row("publicity", dt.date(2026, 7, 1), 1, venue="enterprise"),
            _row("publicity", dt.date(2026, 8, 1), 2, venue="campus"),
            _row("publicity", dt.date(2026, 9, 1), 3, venue="campus"),
            _row("collective_bargaining", dt.date(2026, 9, 2), 4, subtype="participate"),
            # JD-1 replied, JD-2 overdue without reply, JD-3 still inside its reply window on May 20
            _row("labour_supervision", dt.date(2026, 9, 1), 5, subtype="opinion", case_no="JD-1",
                 reply_due=dt.date(2026, 9, 20), replied_on=dt.date(2026, 9, 10)),
            _row("labour_supervision", dt.date(2026, 10, 1), 6, subtype="opinion", case_no="JD-2",
                 reply_due=dt.date(2026, 10, 20)),
            _row("labour_supervision", dt.date(2027, 5, 15), 7, subtype="opinion", case_no="JD-3",
                 reply_due=dt.date(2027, 6, 5))]
    for row in rows:
        row.programme_id = programme_id
    return rows


@pytest.fixture
def feixi_worked(engine, programme, tmp_path):
    """肥西县 through the gate, with ledger rows, a newer task list and an assessment on 2027-05-15."""
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    with session_scope(engine) as session:
        session.add_all(_ledger(programme.id))
        session.add_all(TaskListItem(programme_id=programme.id, unit_code=FEIXI, category=t.category,
                                     description=t.description, target=t.target,
                                     refined_on=dt.date(2026, 7, 15)) for t in TASKS)
    with session_scope(engine) as session:
        record_effect(session, programme.id, FEIXI, 80, "职工反映服务及时，企业整改到位",
                      ["site_visit", "interview"], dt.date(2027, 5, 15), "省总工会评估组", today=MAY_20)
    return programme


def _score(engine, programme, as_of: dt.date):
    ctx = load_context(engine, programme, as_of)
    with session_scope(engine) as session:
        return rubric_inputs(session, ctx)[FEIXI], score_units(session, ctx)[FEIXI]


def test_the_bulk_loaders_fill_every_new_input(engine, feixi_worked) -> None:
    got, _ = _score(engine, feixi_worked, MAY_20)
    assert got.venues_reached == ("进企业", "进校园")
    assert got.venues_missing == ("进园区", "进社区", "进工地")
    assert [(c.case_no, c.replied_on is not None) for c in got.cases] == [("JD-1", True), ("JD-2", False),
                                                                          ("JD-3", False)]
    assert got.tasks == TASKS  # the newest refinement day replaces the dossier's list
    assert (got.counts["publicity"], got.counts["collective_bargaining"]) == (3, 1)
    assert got.counts.get("legality_review", 0) == 0
    assert got.effect is not None
    assert (got.effect.effect, got.effect.assessed_on) == (80.0, dt.date(2027, 5, 15))
    kept, checked = got.pace_months
    assert checked > 0 and 0 <= kept <= checked


def test_the_score_reads_them_part_by_part(engine, feixi_worked) -> None:
    _, score = _score(engine, feixi_worked, MAY_20)
    completion = next(c for c in score.components if c.code == "completion")
    parts = {p.code: (p.score, p.reason) for p in completion.parts}
    assert parts["venues"][0] == 40.0
    assert parts["cases"] == (50.0, "已获答复或制发建议书 1/2 件（1 件在答复期内，不计）")
    assert parts["task_list"] == (37.5, "普法宣传 4 场 3/4；合法性审查 2 次 0/2；1 项未设数量目标，不计")
    assert parts["other_kinds"][0] == 50.0
    effect = next(c for c in score.components if c.code == "effect")
    assert effect.score == 80.0 and "实地调研、座谈访谈" in effect.reason and "2027-05-15" in effect.reason
    assert not score.provisional
    timeliness = next(c for c in score.components if c.code == "timeliness")
    assert "月末进度达标" in timeliness.reason


def test_before_the_assessment_the_effect_is_pending_and_the_total_provisional(engine, feixi_worked) -> None:
    got, score = _score(engine, feixi_worked, dt.date(2027, 5, 14))
    assert got.effect is None
    effect = next(c for c in score.components if c.code == "effect")
    assert effect.score is None and "待评审" in effect.reason
    assert score.provisional and score.as_dict()["total_text"].endswith("（暂定）")
