"""The province table's rows are computed once a minute per (programme, day) and cleared by a decision."""

from __future__ import annotations

import datetime as dt
import re

from tests.web.conftest import FEIXI, Portal, post_form
from tests.web.test_province import add_work_plan
from web.province_cache import ProvinceTable

NOW = dt.datetime(2026, 6, 15, 1, tzinfo=dt.UTC)
DAY = dt.date(2026, 6, 15)


def feixi_row(page: str) -> str:
    match = re.search(rf'<tr class="unit-row" data-unit="{FEIXI.code}">(.*?)</tr>', page, re.S)
    assert match
    return match.group(1)


def test_rows_are_kept_for_the_ttl_per_key_and_cleared_on_demand() -> None:
    tick = [0.0]
    calls: list[int] = []
    table = ProvinceTable(ttl=60, monotonic=lambda: tick[0])

    def compute() -> list[dict]:
        calls.append(1)
        return [{"n": len(calls)}]

    assert table.rows((1, DAY), compute, NOW).rows == [{"n": 1}]
    tick[0] = 59
    assert table.rows((1, DAY), compute, NOW).rows == [{"n": 1}]          # within the minute: kept
    assert table.rows((1, DAY + dt.timedelta(days=1)), compute, NOW).rows == [{"n": 2}]   # another day
    tick[0] = 200
    assert table.rows((1, DAY + dt.timedelta(days=1)), compute, NOW).rows == [{"n": 3}]   # expired
    table.clear()
    assert table.rows((1, DAY + dt.timedelta(days=1)), compute, NOW).rows == [{"n": 4}]


def test_a_review_in_the_portal_shows_in_the_table_at_once(portal: Portal) -> None:
    add_work_plan(portal, FEIXI.code)
    client = portal.login("prov")
    before = client.get("/province").text
    assert "省总工会审核备案" in feixi_row(before) and "本表生成于" in before
    post_form(client, f"/province/reviews/{FEIXI.code}", {"decision": "approve"}, "/province/reviews")
    assert "省总工会审核备案" not in feixi_row(client.get("/province").text)
