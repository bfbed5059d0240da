"""The province table's columns and their server-side sort (?sort=<column>&order=asc|desc)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Column:
    """A sortable column: its Chinese header and the value rows are ordered by."""

    title: str
    key: Callable[[dict], Any]


COLUMNS: dict[str, Column] = {
    "city": Column("城市", lambda r: r["city_code"]),
    "unit": Column("实施单位", lambda r: r["unit_code"]),
    "phase": Column("阶段", lambda r: (r["phase"], r["phase_label"])),
    "gate": Column("关口尚缺", lambda r: len(r["lacking"])),
    "quotas": Column("工作量完成度", lambda r: r["completion"]),
    "last_entry": Column("台账最近一条", lambda r: r["ledger"]["last_entry_on"] or ""),
    "oversight": Column("督导（按期/应督导）", lambda r: r["oversight"]["owed"] - r["oversight"]["kept"]),
    "funds": Column("经费已支出（元）", lambda r: r["funds"]["spent_fen"]),
    "cases": Column("一函两书待回复", lambda r: r["open_cases"]),
    "score": Column("预评分", lambda r: r["score"]["total"]),
}
DEFAULT = "city"


def sorted_rows(rows: list[dict], sort: str, order: str) -> tuple[list[dict], str, str]:
    """Rows ordered by a known column (else by city), ties by city; the column and order applied."""
    column = sort if sort in COLUMNS else DEFAULT
    direction = "desc" if order == "desc" else "asc"
    by_city = sorted(rows, key=COLUMNS[DEFAULT].key)
    return sorted(by_city, key=COLUMNS[column].key, reverse=direction == "desc"), column, direction
