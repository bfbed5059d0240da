"""The portal's charts draw with the packets' public SVG bars; no web module reaches into a private name."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd

import web
from tasks.packets.svg import SCORE_COLOUR, count_bars
from web.charts import CHARTS
from web.charts import _bars as bars

WEB = Path(web.__file__).parent


def test_no_web_module_imports_a_private_name_of_another_package() -> None:
    private = []
    for path in sorted(WEB.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and not (node.module or "").startswith("web"):
                names = [a.name for a in node.names if a.name.startswith("_")]
                private += [f"{path.name}: {node.module}.{name}" for name in names]
    assert private == []


def test_a_statistics_chart_is_drawn_by_the_public_count_bars() -> None:
    drawn = bars(pd.Series({"合肥市": 12, "芜湖市": 3}), CHARTS["by_city"], "stats-by-city")
    assert "合肥市" in drawn and "12 条" in drawn and 'class="chart stats-by-city"' in drawn
    assert drawn == count_bars([("合肥市", 12.0, SCORE_COLOUR), ("芜湖市", 3.0, SCORE_COLOUR)],
                               CHARTS["by_city"], "stats-by-city", suffix=" 条")
