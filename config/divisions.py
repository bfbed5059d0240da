"""Anhui's 16 cities and 104 counties/districts (GB/T 2260), from anhui-divisions.csv."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from config.settings import CONFIG_DIR

DIVISIONS_CSV = CONFIG_DIR / "anhui-divisions.csv"


@dataclass(frozen=True)
class County:
    code: str
    name: str
    city_code: str
    city_name: str


@lru_cache(maxsize=1)
def anhui_counties() -> tuple[County, ...]:
    with DIVISIONS_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return tuple(
        County(r["county_code"], r["county_name"], r["city_code"], r["city_name"]) for r in rows
    )


def anhui_cities() -> dict[str, str]:
    """City code -> name, in code order."""
    return dict(sorted({(c.city_code, c.city_name) for c in anhui_counties()}))


def county_by_name(city_code: str, name: str) -> County:
    for county in anhui_counties():
        if county.city_code == city_code and county.name == name:
            return county
    raise KeyError(f"{city_code} 下没有名为 {name} 的县（区）")
