"""The province table is served from its stored rows: stale rows are shown while one background thread
refreshes them, a change of data is picked up after a minute, 立即刷新 and a decision in the portal refresh
at once, the tick's rows are served without computing (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
import threading

from fastapi.testclient import TestClient

from tasks.context import load_context
from tasks.province_store import compute_and_store, load
from tasks.tick_steps import refresh_province_table
from tests.web.conftest import FEIXI, TODAY, WANZHI, Portal, csrf_of, post_form
from tests.web.test_province import add_work_plan
from web.province_cache import ProvinceTable, table_of

REFRESHING = "本表正在后台刷新"
COMPUTING = "正在计算全省汇总表"


def unit_row(page: str, code: str) -> str:
    match = re.search(rf'<tr class="unit-row" data-unit="{code}">(.*?)</tr>', page, re.S)
    assert match, page
    return match.group(1)


class Gate:
    """A compute that counts its calls and, once closed, holds each call until opened."""

    def __init__(self) -> None:
        self.open, self.entered = threading.Event(), threading.Event()
        self.open.set()
        self.calls = 0

    def __call__(self, engine, ref, day, at):
        self.calls += 1
        self.entered.set()
        assert self.open.wait(60)
        return compute_and_store(engine, ref, day, at)


def gated(client: TestClient, wait: float | None = None) -> Gate:
    gate = Gate()
    table = table_of(client.app.state)
    table.compute = gate
    if wait is not None:
        table.wait = wait
    return gate


def test_stale_rows_are_shown_while_the_refresh_runs_and_a_change_is_picked_up_after_a_minute(
        portal: Portal) -> None:
    client = portal.login("prov")
    gate = gated(client)
    first = client.get("/province").text
    assert gate.calls == 1 and "数据截至 09:00" in first
    add_work_plan(portal, WANZHI.code)                    # a change the fingerprint sees
    assert REFRESHING not in client.get("/province").text and gate.calls == 1   # within the minute: kept
    gate.open.clear()
    gate.entered.clear()
    portal.clock.advance(seconds=61)
    during = client.get("/province").text
    assert gate.entered.wait(60) and gate.calls == 2 and REFRESHING in during
    assert unit_row(during, WANZHI.code) == unit_row(first, WANZHI.code)       # the stored rows meanwhile
    gate.open.set()
    table_of(client.app.state).join(60)
    after = client.get("/province").text
    assert REFRESHING not in after and "数据截至 09:01" in after
    assert unit_row(after, WANZHI.code) != unit_row(first, WANZHI.code)
    portal.clock.advance(seconds=120)
    assert REFRESHING not in client.get("/province").text and gate.calls == 2   # data unchanged: no refresh


def test_the_first_request_before_anything_is_stored_does_not_wait_for_it(portal: Portal) -> None:
    client = portal.login("prov")
    gate = gated(client, wait=0)
    gate.open.clear()
    page = client.get("/province").text
    assert COMPUTING in page and 'class="unit-row"' not in page
    gate.open.set()
    table_of(client.app.state).join(60)
    page = client.get("/province").text
    assert COMPUTING not in page and page.count('class="unit-row"') == 2


def test_the_province_refreshes_at_once_with_a_csrf_checked_post(portal: Portal) -> None:
    client = portal.login("prov")
    gate = gated(client)
    client.get("/province")
    assert client.post("/province/refresh", data={}).status_code == 403          # no CSRF token
    done = post_form(client, "/province/refresh", {}, "/province")
    assert done.status_code == 303 and done.headers["location"] == "/province"
    table_of(client.app.state).join(60)
    assert gate.calls == 2
    county = portal.login("feixi")
    token = csrf_of(county, "/password")
    assert county.post("/province/refresh", data={"csrf_token": token}).status_code == 403   # not its page


def test_a_review_in_the_portal_shows_in_the_table_at_once(portal: Portal) -> None:
    add_work_plan(portal, FEIXI.code)
    client = portal.login("prov")
    before = client.get("/province").text
    assert "省总工会审核备案" in unit_row(before, FEIXI.code) and "数据截至" in before
    post_form(client, f"/province/reviews/{FEIXI.code}", {"decision": "approve"}, "/province/reviews")
    assert "省总工会审核备案" not in unit_row(client.get("/province").text, FEIXI.code)


def test_the_ticks_rows_are_served_without_computing(portal: Portal) -> None:
    client = portal.login("prov")
    gate = gated(client)
    ctx = load_context(portal.engine, portal.programme, TODAY)
    assert refresh_province_table(portal.engine, ctx) == 2
    stored = load(portal.engine, portal.programme.id)
    assert stored is not None and stored.day == TODAY and stored.computed_at == ctx.stamp
    page = client.get("/province").text
    assert gate.calls == 0 and page.count('class="unit-row"') == 2 and "数据截至 08:00" in page


def test_a_failed_refresh_keeps_the_rows_and_says_so(portal: Portal) -> None:
    client = portal.login("prov")
    client.get("/province")
    table = table_of(client.app.state)

    def failing(*_args):
        raise RuntimeError("数据库不可用")

    table.compute = failing
    post_form(client, "/province/refresh", {}, "/province")
    table.join(60)
    page = client.get("/province").text
    assert "最近一次刷新未能完成" in page and page.count('class="unit-row"') == 2


def test_one_refresh_at_a_time_and_one_more_when_asked_meanwhile(portal: Portal) -> None:
    gate = Gate()
    table = ProvinceTable(portal.engine, portal.clock, compute=gate, wait=0)
    gate.open.clear()
    assert table.view(portal.programme, TODAY).computed_at is None          # computing: nothing yet
    assert gate.entered.wait(60)
    table.refresh(portal.programme, TODAY)
    table.refresh(portal.programme, TODAY)
    assert gate.calls == 1
    gate.open.set()
    table.join(60)
    assert gate.calls == 2                                                   # the two asks: one more run
    view = table.view(portal.programme, TODAY)
    assert not view.refreshing and len(view.rows) == 2 and view.day == TODAY
    assert view.computed_at == portal.clock.now


def test_the_stored_rows_keep_what_the_table_shows_and_sorts_by(portal: Portal) -> None:
    from tasks.province_store import shown_of
    from tasks.services.province_table import province_rows
    from web.province_sort import COLUMNS, sorted_rows

    full = province_rows(portal.engine, portal.programme, TODAY)
    stored = compute_and_store(portal.engine, portal.programme, TODAY, portal.clock.now).rows
    assert stored == [shown_of(row) for row in full] and len(stored) == 2
    for column in COLUMNS:
        for order in ("asc", "desc"):
            assert ([r["unit_code"] for r in sorted_rows(stored, column, order)[0]]
                    == [r["unit_code"] for r in sorted_rows(full, column, order)[0]])
