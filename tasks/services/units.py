"""The implementing units of a programme, as the commands need them."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from models.db import session_scope
from models.enums import RecordStatus
from models.reference import City, Unit
from models.tables import Recommendation


def recommended_unit_codes(engine: Engine, programme_id: int) -> set[str]:
    """The codes of the units with a standing (active) recommendation."""
    with session_scope(engine) as session:
        return set(session.exec(select(Recommendation.unit_code).where(
            Recommendation.programme_id == programme_id,
            Recommendation.status == RecordStatus.active.value)).all())


def unit_name(session: Session, unit_code: str) -> str:
    """The county's name (the unit must exist)."""
    return session.get(Unit, unit_code).name


def city_name(session: Session, city_code: str) -> str:
    """The city's name (the city must exist)."""
    return session.get(City, city_code).name
