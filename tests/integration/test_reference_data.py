"""Anhui's cities and counties in the reference tables."""

from __future__ import annotations

from sqlmodel import func, select

from models.db import current_revision, head_revision, session_scope
from models.tables import City, Unit
from tasks.reference import sync_reference_data
from tasks.runtime import engine_for


def _counts(engine) -> tuple[int, int]:
    with session_scope(engine) as session:
        return (session.exec(select(func.count()).select_from(City)).one(),
                session.exec(select(func.count()).select_from(Unit)).one())


def test_the_reference_data_holds_16_cities_and_104_counties(engine) -> None:
    assert _counts(engine) == (16, 104)
    with session_scope(engine) as session:
        assert session.get(City, "341200").name == "阜阳市"
        taihe = session.get(Unit, "341222")
        assert (taihe.name, taihe.city_code) == ("太和县", "341200")


def test_every_county_belongs_to_a_loaded_city_and_every_city_has_counties(engine) -> None:
    with session_scope(engine) as session:
        cities = set(session.exec(select(City.code)).all())
        unit_cities = set(session.exec(select(Unit.city_code)).all())
    assert unit_cities == cities


def test_a_second_reference_sync_adds_nothing(engine) -> None:
    with session_scope(engine) as session:
        assert sync_reference_data(session) == 0
    assert _counts(engine) == (16, 104)


def test_engine_for_brings_a_new_database_to_head_with_the_reference_data(db_url) -> None:
    engine = engine_for(db_url)
    try:
        assert current_revision(engine) == head_revision()
        assert _counts(engine) == (16, 104)
        assert engine_for(db_url) is engine
    finally:
        engine_for.cache_clear()
        engine.dispose()
