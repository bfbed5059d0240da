"""Load Anhui's cities and counties into the reference tables (idempotent)."""

from __future__ import annotations

from sqlmodel import Session, select

from config.divisions import anhui_cities, anhui_counties
from models.tables import City, Unit


def sync_reference_data(session: Session) -> int:
    """Insert the cities and counties missing from the database; return how many were added."""
    known_cities = set(session.exec(select(City.code)).all())
    known_units = set(session.exec(select(Unit.code)).all())
    added = 0
    for code, name in anhui_cities().items():
        if code not in known_cities:
            session.add(City(code=code, name=name))
            added += 1
    session.flush()
    for county in anhui_counties():
        if county.code not in known_units:
            session.add(Unit(code=county.code, name=county.name, city_code=county.city_code))
            added += 1
    return added
