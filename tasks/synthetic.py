"""Synthetic scale data for benchmarks and tests: N slots beyond Anhui's 16.

Synthetic cities use codes 9xxxxx, which GB/T 2260 never assigns (provinces are 11–82),
so they can never be mistaken for real divisions.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from models.tables import City, Recommendation, Unit, WorkPlan


def synthetic_codes(n: int) -> list[tuple[str, str]]:
    """(city_code, unit_code) pairs: 9CCCC0 for the city and 9CCCC1 for its unit."""
    if n > 9999:
        raise ValueError("最多生成 9999 个合成单位")
    return [(f"9{i:04d}0", f"9{i:04d}1") for i in range(1, n + 1)]


def seed_synthetic_units(
    session: Session, programme_id: int, n: int, *, received_on: dt.date, at: dt.datetime
) -> list[str]:
    """N synthetic cities, each recommending one unit with its work plan; return the unit codes."""
    pairs = synthetic_codes(n)
    session.add_all(City(code=c, name=f"合成市{c}") for c, _ in pairs)
    session.flush()
    session.add_all(Unit(code=u, name=f"合成县{u}", city_code=c) for c, u in pairs)
    session.flush()
    for c, u in pairs:
        session.add(Recommendation(
            programme_id=programme_id, city_code=c, unit_code=u, unit_name=f"合成县{u}总工会",
            contact_name="联系人", contact_phone="0551-0000000", basic_situation="—", reason="—",
            city_opinion="同意", source_file="synthetic", sha256="0" * 64,
            received_on=received_on, received_at=at))
        session.add(WorkPlan(
            programme_id=programme_id, unit_code=u, targets="—", foundation="—", plan="—",
            char_count=3, count_rule="synthetic", source_file="synthetic", sha256="0" * 64,
            received_on=received_on, received_at=at))
    return [u for _, u in pairs]
