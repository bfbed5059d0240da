"""The rubric's inputs beyond the snapshot, one bulk query each for all units.

一函两书 cases (completion), the service contracts' task lists (completion), the evaluators' 实际成效
assessments (effect) and the month-end pace record (timeliness).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, select

from models.effect import EffectAssessment
from models.procurement import TaskListItem
from models.rubric import TaskTarget
from models.supervision import Case, build_cases
from tasks.assessments import load_effects
from tasks.context import TickContext
from tasks.ledger_once import LedgerDigest
from tasks.ledger_snapshot import load_cases
from tasks.pace_history import pace_records, pace_records_of


@dataclass(frozen=True)
class RubricExtras:
    """Per unit: its 一函两书 cases, task list, 实际成效 assessment and month-end pace (kept, checked)."""

    cases: dict[str, tuple[Case, ...]] = field(default_factory=dict)
    tasks: dict[str, tuple[TaskTarget, ...]] = field(default_factory=dict)
    effects: dict[str, EffectAssessment] = field(default_factory=dict)
    pace: dict[str, tuple[int, int]] = field(default_factory=dict)


def load_extras(session: Session, ctx: TickContext, ledger: LedgerDigest | None = None) -> RubricExtras:
    """The inputs beyond the snapshot that completion, 实际成效 and timeliness read (bulk, all units;
    `ledger`: the ledger already read whole, so cases and pace take no query of their own)."""
    return RubricExtras(_cases(session, ctx, ledger), load_task_lists(session, ctx.programme_id, ctx.as_of),
                        _effects(session, ctx), _pace(session, ctx, ledger))


def _cases(session: Session, ctx: TickContext, ledger: LedgerDigest | None = None
           ) -> dict[str, tuple[Case, ...]]:
    """unit → its 一函两书 cases known by as_of, reply deadlines resolved (one query, or the digest's)."""
    facts = ledger.cases if ledger is not None else load_cases(session, ctx.programme_id, ctx.as_of)
    out: dict[str, list[Case]] = defaultdict(list)
    for case in build_cases(facts, ctx.cfg, ctx.calendar):
        out[case.unit_code].append(case)
    return {unit: tuple(cases) for unit, cases in out.items()}


def load_task_lists(session: Session, programme_id: int, as_of: dt.date) -> dict[str, tuple[TaskTarget, ...]]:
    """unit → the 任务清单 of its latest refinement day by as_of (one query)."""
    t = TaskListItem
    rows = session.exec(select(t.unit_code, t.refined_on, t.category, t.description, t.target)
                        .where(t.programme_id == programme_id, t.refined_on <= as_of)
                        .order_by(t.unit_code, t.refined_on, t.id)).all()
    latest = {unit: on for unit, on, *_ in rows}
    out: dict[str, list[TaskTarget]] = defaultdict(list)
    for unit, on, category, description, target in rows:
        if on == latest[unit]:
            out[unit].append(TaskTarget(category, description, target))
    return {unit: tuple(tasks) for unit, tasks in out.items()}


def _effects(session: Session, ctx: TickContext) -> dict[str, EffectAssessment]:
    return load_effects(session, ctx.programme_id, ctx.as_of)


def _pace(session: Session, ctx: TickContext, ledger: LedgerDigest | None = None
          ) -> dict[str, tuple[int, int]]:
    """unit → (month-ends on pace, month-ends checked after the grace period); (0, 0) is not counted."""
    if ledger is None:
        records = pace_records_of(session, ctx)
    else:
        starts = {st.slot.unit_code: st.pace_from for st in ctx.statuses if st.slot.unit_code}
        records = pace_records(session, ctx.programme_id, ctx.cfg, ctx.calendar, ctx.as_of, starts,
                               ledger.pace)
    return {unit: (record.kept, record.checked) for unit, record in records.items()}
