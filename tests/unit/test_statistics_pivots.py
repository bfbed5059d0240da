"""The province statistics' pivot tables from a small ledger frame: every label shown, zeros filled, 合计."""

from __future__ import annotations

import datetime as dt

from models.ledger_schema import COLLECTIVE_BARGAINING, SHEETS
from tasks.statistics import TOTAL, ledger_frame, month_range, pivot_statistics

AS_OF = dt.date(2026, 9, 30)
CITIES = ["合肥市", "芜湖市", "安庆市"]
VENUES = [("enterprise", "进企业"), ("industrial_park", "进园区"), ("community", "进社区"),
          ("construction_site", "进工地"), ("campus", "进校园")]
ROWS = [
    ("340123", "合肥市", "publicity", "enterprise", dt.date(2026, 6, 3), 40),
    ("340123", "合肥市", "publicity", "campus", dt.date(2026, 6, 20), 25),
    ("340123", "合肥市", "legal_aid", "", dt.date(2026, 7, 1), 0),
    ("340881", "安庆市", "publicity", "enterprise", dt.date(2026, 8, 9), 60),
    ("340881", "安庆市", "labour_supervision", "", dt.date(2026, 8, 10), None),
]


def _stats(rows=ROWS):
    return pivot_statistics("2026 年度项目", AS_OF, ledger_frame(rows), CITIES,
                            month_range(dt.date(2026, 6, 1), AS_OF), VENUES)


def test_rows_are_counted_by_city_and_category_with_every_city_and_totals() -> None:
    table = _stats().by_city
    assert list(table.index) == [*CITIES, TOTAL]
    assert table.loc["合肥市", "法治宣传教育"] == 2 and table.loc["合肥市", "职工法律援助"] == 1
    assert table.loc["安庆市", "劳动法律监督"] == 1 and table.loc["芜湖市", TOTAL] == 0
    assert table.loc[TOTAL, TOTAL] == len(ROWS)
    assert table.columns[-1] == TOTAL and table.columns[0] == "法治宣传教育"


def test_each_category_counts_rows_units_and_participants() -> None:
    table = _stats().by_category
    assert table.loc["法治宣传教育"].tolist() == [3, 2, 125]
    assert table.loc[TOTAL].tolist() == [5, 2, 125]
    assert table.loc[COLLECTIVE_BARGAINING.name].tolist() == [0, 0, 0]
    assert list(table.index) == [sheet.name for sheet in SHEETS] + [TOTAL]


def test_months_run_through_the_window_even_when_empty() -> None:
    table = _stats().by_month
    assert list(table.index) == ["2026-06", "2026-07", "2026-08", "2026-09", TOTAL]
    assert table.loc["2026-09", TOTAL] == 0 and table.loc["2026-08", TOTAL] == 2


def test_publicity_rows_are_counted_by_五进_venue_in_the_programme_order() -> None:
    table = _stats().by_venue
    assert list(table.columns) == [name for _, name in VENUES] + [TOTAL]
    assert table.loc["合肥市", "进企业"] == 1 and table.loc["合肥市", "进校园"] == 1
    assert table.loc[TOTAL, "进企业"] == 2 and table.loc[TOTAL, TOTAL] == 3


def test_an_empty_ledger_gives_tables_of_zeros() -> None:
    stats = _stats([])
    for table in stats.tables().values():
        assert int(table.to_numpy().sum()) == 0
    assert list(stats.by_city.index) == [*CITIES, TOTAL]


def test_month_range_crosses_the_year() -> None:
    assert month_range(dt.date(2026, 11, 15), dt.date(2027, 2, 1)) == ["2026-11", "2026-12", "2027-01",
                                                                        "2027-02"]
    assert month_range(dt.date(2026, 6, 1), dt.date(2026, 5, 31)) == []
