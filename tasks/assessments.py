"""The evaluators' 实际成效 assessments: record one (checked, audited), load the latest per unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlmodel import Session, select

from config.loader import config_from_json
from models.effect import EffectAssessment
from models.effect_rules import EffectRefused, effect_problems, join_methods, parse_methods, split_methods
from models.tables import EffectRecord, Programme, Unit
from models.tick_time import tick_stamp
from models.unit_checks import unit_problem
from tasks.audit import record_audit
from tasks.submissions import active_recommendation

__all__ = ["EffectRefused", "load_effects", "record_effect"]



def _assessment(r: EffectRecord) -> EffectAssessment:
    return EffectAssessment(r.unit_code, r.effect, r.notes, r.assessed_on, r.assessed_by,
                            split_methods(r.methods))


def _unit_problems(session: Session, programme: Programme, unit_code: str) -> list:
    known = session.get(Unit, unit_code) is not None
    implementing = known and active_recommendation(session, programme.id, unit_code) is not None
    problem = unit_problem(unit_code, known=known, implementing=implementing, year=programme.year)
    return [problem] if problem else []


def record_effect(session: Session, programme_id: int, unit_code: str, effect: float, notes: str,
                  methods: Iterable[str], assessed_on: dt.date, assessed_by: str, *, today: dt.date,
                  at: dt.datetime | None = None) -> EffectAssessment:
    """Store one assessment of a recommended unit (recorded at `at`, default 08:00 of today), or
    nothing (EffectRefused naming every problem). A later assessment supersedes an earlier one."""
    programme = session.get(Programme, programme_id)
    assert programme is not None and programme.id is not None, f"programme {programme_id} exists"
    start = config_from_json(programme.config_json).phases.evaluation.start
    codes, problems = parse_methods(methods)
    problems = _unit_problems(session, programme, unit_code) + problems + effect_problems(
        effect, notes, assessed_on, assessed_by, evaluation_start=start, today=today)
    if problems:
        raise EffectRefused(problems=problems)
    at = at or tick_stamp(today)
    row = EffectRecord(programme_id=programme.id, unit_code=unit_code, effect=float(effect),
                       notes=notes.strip(), methods=join_methods(codes), assessed_on=assessed_on,
                       assessed_by=assessed_by.strip(), recorded_at=at)
    session.add(row)
    details = {"effect": row.effect, "methods": list(codes), "assessed_on": assessed_on.isoformat(),
               "notes": row.notes}
    record_audit(session, at=at, actor=row.assessed_by, action="effect.assessed", subject=unit_code,
                 programme_id=programme.id, details=details)
    return _assessment(row)


def load_effects(session: Session, programme_id: int, as_of: dt.date) -> dict[str, EffectAssessment]:
    """unit → its latest assessment with assessed_on <= as_of (the last recorded wins a tie; one query)."""
    rows = session.exec(select(EffectRecord).where(EffectRecord.programme_id == programme_id,
                                                   EffectRecord.assessed_on <= as_of)
                        .order_by(EffectRecord.unit_code, EffectRecord.assessed_on, EffectRecord.id))
    return {r.unit_code: _assessment(r) for r in rows}
