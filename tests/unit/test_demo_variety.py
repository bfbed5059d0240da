"""The demo's units differ as real units do (venues, 一函两书, other work, task lists, effect), the same
every run, and the named behaviours stay as the demo tells them."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest

from config.divisions import county_by_name
from config.loader import default_config_path, load_programme_config
from tasks.context import calendar_for
from tasks.demo.documents import demo_dossier
from tasks.demo.ledger_rows import ledger_row
from tasks.demo.scenario import UNITS, demo_events

CFG = load_programme_config(default_config_path(2026))
START, END = CFG.phases.implementation.start, CFG.phases.implementation.end
MENGCHENG, LANGXI, SHEXIAN, JINZHAI, SUIXI = "341600", "341800", "341000", "341500", "340600"


@pytest.fixture(scope="module")
def events():
    return demo_events(calendar_for(False), START, END)


def _rows(events) -> dict[str, list[dict]]:
    """city code → every ledger item handed in (a re-sent row once per hand-in)."""
    out = defaultdict(list)
    for ev in events:
        if ev.kind == "ledger_file":
            out[ev.city_code] += ev.data["rows"]
    return out


def _cases(items: list[dict]) -> dict[int, dict]:
    """case seq → {document: row item}, the last hand-in of each step winning."""
    cases: dict[int, dict] = defaultdict(dict)
    for item in items:
        if item["category"] == "labour_supervision":
            cases[item["seq"]][item["document"]] = item
    return cases


def test_two_builds_of_the_year_are_identical(events):
    again = demo_events(calendar_for(False), START, END)
    assert [(e.on, e.kind, e.city_code, e.data) for e in again] == [
        (e.on, e.kind, e.city_code, e.data) for e in events]


def test_some_units_reach_all_five_venues_and_others_three_or_four(events):
    reach = {city: len({i["venue"] for i in items if i["category"] == "publicity"})
             for city, items in _rows(events).items()}
    assert 5 in reach.values()
    assert {3, 4} <= set(reach.values())
    assert reach[SUIXI] == 3  # three events in the year


def test_cases_escalate_and_the_share_carried_to_a_reply_or_recommendation_differs_per_unit(events):
    shares = {}
    for city, items in _rows(events).items():
        cases = _cases(items)
        carried = [c for c in cases.values()
                   if "recommendation" in c or (c.get("opinion") or {}).get("replied_on")]
        shares[city] = round(len(carried) / len(cases), 2)
    assert len(set(shares.values())) >= 8
    assert shares[JINZHAI] < sorted(shares.values())[len(shares) // 2]
    all_items = [i for items in _rows(events).values() for i in items]
    documents = Counter(i["document"] for i in all_items if i["category"] == "labour_supervision")
    assert {"complaint", "investigation", "reminder_letter", "opinion", "recommendation"} <= set(documents)
    opinions = [i for i in all_items if i.get("document") == "opinion"]
    assert all(i["reply_due"] > i["row_on"] for i in opinions)


def test_a_reply_in_a_later_month_resends_the_opinions_row_with_the_reply_date(events):
    handed = [(ev.city_code, ev.on, item) for ev in events if ev.kind == "ledger_file"
              for item in ev.data["rows"] if item.get("document") == "opinion"]
    by_case = defaultdict(list)
    for city, on, item in handed:
        by_case[(city, item["seq"])].append((on, item["replied_on"]))
    resent = [hands for hands in by_case.values() if len(hands) == 2]
    assert resent
    for (first_on, first_reply), (later_on, reply) in resent:
        assert first_reply is None and reply is not None and first_on < later_on and reply <= later_on


def test_supervision_rows_read_as_the_ledger_workbook_writes_them(events):
    items = _rows(events)["340100"]
    case = next(c for c in _cases(items).values() if "opinion" in c)
    category, row = ledger_row("340123", "肥西县", case["opinion"])
    assert category == "labour_supervision" and row["document"] == "opinion"
    assert row["occurred_on"] == case["opinion"]["row_on"] and row["reply_due"]
    first = min(case.values(), key=lambda i: i["step"])
    assert ledger_row("340123", "肥西县", first)[1]["case_no"] == row["case_no"]
    assert ledger_row("340123", "肥西县", first)[1]["ledger_id"] != row["ledger_id"]


def test_most_units_bargain_and_review_and_a_few_lack_one_kind(events):
    kinds = {city: {i["category"] for i in items} for city, items in _rows(events).items()}
    both = [c for c, k in kinds.items() if {"collective_bargaining", "legality_review"} <= k]
    assert len(both) >= 10
    assert 1 <= len(kinds) - len(both) <= 5


def test_task_lists_differ_and_some_promise_a_little_more_than_the_unit_does(events):
    rows = _rows(events)
    lists, short = set(), []
    for u in UNITS:
        county = county_by_name(u.city_code, u.county)
        tasks = demo_dossier(county, u, dt.date(2026, 6, 1), lambda code: code).tasks
        lists.add(tuple((t.category, t.target) for t in tasks))
        done = Counter(i["category"] for i in rows.get(u.city_code, []))
        done["labour_supervision"] = len(_cases(rows.get(u.city_code, [])))
        short += [(u.county, t.category) for t in tasks
                  if t.category != "legal_aid" and 0 < t.target - done[t.category] <= 2]
    assert len(lists) >= 12
    assert len({county for county, _ in short}) >= 3


def test_the_evaluators_assess_every_unit_but_one_in_may_with_notes(events):
    assessed = {ev.city_code: ev for ev in events if ev.kind == "assessment"}
    assert set(assessed) == {u.city_code for u in UNITS} - {LANGXI}
    for ev in assessed.values():
        assert dt.date(2027, 5, 17) <= ev.on <= dt.date(2027, 5, 28)
        assert "实地调研" in ev.data["notes"] and "座谈访谈" in ev.data["notes"]
        assert "site_visit" in ev.data["methods"]
    working = [ev.data["effect"] for city, ev in assessed.items() if city != SHEXIAN]
    assert min(working) >= 60 and max(working) <= 95 and len(set(working)) >= 10
    assert assessed[SHEXIAN].data["effect"] < 60  # nothing was implemented
    assert assessed[MENGCHENG].data["effect"] < sorted(working)[len(working) // 2]
    assert "起步" in assessed[MENGCHENG].data["notes"] or "上半年" in assessed[MENGCHENG].data["notes"]
    verdicts = {ev.city_code: ev.on for ev in events if ev.kind == "verdict"}
    assert all(assessed[city].on < day for city, day in verdicts.items())


def test_the_named_behaviours_stay(events):
    rows = _rows(events)
    assert SHEXIAN not in rows  # stuck at the gate: no ledger
    assert sum(i["category"] == "publicity" for i in rows[SUIXI]) == 3
    assert len(_cases(rows[JINZHAI])) < 10
    first = min(i.get("row_on", i["on"]) for i in rows[MENGCHENG])
    assert first >= START + (END - START) / 2 - dt.timedelta(days=5)
    visits = Counter(ev.city_code for ev in events if ev.kind == "oversight")
    assert visits["341700"] == visits["340100"] - 2
