"""实际成效 assessments for the command line: record one, list every implementing unit's latest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import select

from models.effect import EffectAssessment
from models.enums import RecordStatus
from models.tables import City, Recommendation, Unit
from tasks.assessments import load_effects, record_effect
from tasks.services.common import programme_session
from tasks.services.units import unit_name

PENDING = "待评审"


@dataclass(frozen=True)
class EffectRecorded:
    assessment: EffectAssessment
    unit_name: str


def assess(unit: str, effect: float, notes: str, methods: Iterable[str], on: dt.date, by: str,
           at: dt.datetime, today: dt.date, year: int | None) -> EffectRecorded:
    """Record one assessment made on `on`, no later than `today` (refused with EffectRefused)."""
    with programme_session(year) as (session, ref):
        done = record_effect(session, ref.id, unit, effect, notes, methods, on, by, today=today, at=at)
        return EffectRecorded(done, unit_name(session, unit))


def _row(city: str, unit_code: str, name: str, a: EffectAssessment | None) -> dict:
    unit = {"city_name": city, "unit_code": unit_code, "unit_name": name}
    if a is None:
        return unit | {"effect": None, "state": PENDING, "assessed_on": None, "assessed_by": "",
                       "methods": [], "methods_text": "", "notes": ""}
    return unit | {"effect": a.effect, "state": "已评审", "assessed_on": a.assessed_on.isoformat(),
                   "assessed_by": a.assessed_by, "methods": list(a.methods), "methods_text": a.methods_text,
                   "notes": a.notes}


def effect_overview(as_of: dt.date, year: int | None) -> list[dict]:
    """Every implementing unit (by city) with its latest assessment by as_of, or 待评审."""
    with programme_session(year) as (session, ref):
        effects = load_effects(session, ref.id, as_of)
        units = session.exec(
            select(City.name, Recommendation.unit_code, Unit.name)
            .join(City, City.code == Recommendation.city_code)
            .join(Unit, Unit.code == Recommendation.unit_code)
            .where(Recommendation.programme_id == ref.id, Recommendation.status == RecordStatus.active.value)
            .order_by(Recommendation.city_code)).all()
        return [_row(city, code, name, effects.get(code)) for city, code, name in units]
