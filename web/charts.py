"""全省年度统计 for the page: each pivot table as rows to print and a server-rendered SVG bar chart."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from tasks.packets.svg import CATEGORY_COLOURS, SCORE_COLOUR, count_bars
from tasks.statistics import TOTAL, ProvinceStatistics

CHARTS = {"by_city": "各市台账条数", "by_category": "各类别台账条数", "by_month": "各月台账条数",
          "by_venue": "法治宣传教育：各五进场所条数"}


def _bars(series: pd.Series, label: str, css_class: str) -> Markup:
    """One bar per label of `series` (its counts), in the table's order."""
    rows = [(str(name), float(value), CATEGORY_COLOURS.get(str(name), SCORE_COLOUR))
            for name, value in series.items()]
    return count_bars(rows, label, css_class, suffix=" 条")


def chart_series(stats: ProvinceStatistics) -> dict[str, pd.Series]:
    """What each chart draws: the 合计 column per row, 条数 per category, the 合计 row per venue."""
    return {
        "by_city": stats.by_city[TOTAL].drop(TOTAL),
        "by_category": stats.by_category["条数"].drop(TOTAL),
        "by_month": stats.by_month[TOTAL].drop(TOTAL),
        "by_venue": stats.by_venue.loc[TOTAL].drop(TOTAL),
    }


def statistics_view(stats: ProvinceStatistics) -> list[dict]:
    """Per table: its title, header, rows (label, counts) and chart, in the workbook's order."""
    series = chart_series(stats)
    titles = dict(zip(CHARTS, stats.tables(), strict=True))
    out = []
    for key, label in CHARTS.items():
        table = getattr(stats, key)
        out.append({"key": key, "title": titles[key], "index": str(table.index.name or ""),
                    "columns": [str(c) for c in table.columns],
                    "rows": [(str(name), [int(v) for v in values]) for name, values in table.iterrows()],
                    "chart": _bars(series[key], label, f"stats-{key.replace('_', '-')}")})
    return out
