"""The unit of a 附件1 form: its 县（区）行政区划代码 checked against the reference divisions and its name.

The rules are pure (models/values/divisions.py); this module feeds them Anhui's reference divisions.
"""

from __future__ import annotations

from config.divisions import County, anhui_cities, anhui_counties
from models.values import divisions
from models.values.divisions import PROVINCES

__all__ = ["PROVINCES", "code_from_name", "code_problem", "named_counties"]


def named_counties(name: str) -> list[County]:
    """The Anhui counties a unit name mentions (合肥市肥西县总工会 → 肥西县; 太和县 is not also 和县)."""
    return divisions.named_counties(name, anhui_counties())


def code_problem(code: str, city: str, unit_name: str) -> str | None:
    """Why a written code cannot stand (format, province, city code, other city, other county), or None."""
    return divisions.code_problem(code, city, unit_name, anhui_counties(), anhui_cities())


def code_from_name(unit_name: str, city: str) -> tuple[str, str]:
    """(code, reason) of the one Anhui county a unit name mentions in the recommending city."""
    return divisions.code_from_name(unit_name, city, anhui_counties())
