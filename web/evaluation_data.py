"""The evaluators' overview on the app's engine: the rows of `legalcap verdict list` (pre-score, verdict,
re-check) joined with each unit's latest 实际成效 (as `legalcap assess list` reads it)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Engine

from models.db import session_scope
from models.effect import EffectAssessment
from tasks.context import ProgrammeRef, load_context


def verdicts_with_effects(engine: Engine, ref: ProgrammeRef, as_of: dt.date) -> list[dict]:
    """Every implementing unit's verdict row, with `effect` (its latest assessment by as_of, or None)."""
    from models.verdict_document import verdict_rows
    from tasks.assessments import load_effects
    from tasks.rubric import score_units
    from tasks.verdicts import load_standing_verdicts

    ctx = load_context(engine, ref, as_of)
    with session_scope(engine) as session:
        rows = verdict_rows(ctx.statuses, score_units(session, ctx),
                            load_standing_verdicts(session, ref.id, as_of), as_of)
        effects = load_effects(session, ref.id, as_of)
    return [r | {"effect": _effect(effects.get(r["unit_code"]))} for r in rows]


def _effect(a: EffectAssessment | None) -> dict | None:
    if a is None:
        return None
    return {"effect": a.effect, "assessed_on": a.assessed_on.isoformat(), "assessed_by": a.assessed_by,
            "methods_text": a.methods_text, "notes": a.notes}
