"""The province's daily digest summarises by rule and city instead of forwarding every county's letter."""

from __future__ import annotations

import datetime as dt

from notifications.digest import Batch, PendingItem
from notifications.province_digest import city_of, province_summary

DAY = dt.date(2026, 9, 14)


def _item(n: int, rule: str, subject: str, rung: int = 2, audience: str = "province") -> PendingItem:
    body = "肥西县总工会（合肥市）：\n" + "很长的正文。" * 200
    return PendingItem(n, audience, DAY, False, f"【{rule}】标题 {n}", body, rule=rule, subject=subject,
                       rung=rung)


ITEMS = (
    [_item(n, "quota_pace", f"340123:q{n}") for n in range(1, 6)]
    + [_item(10, "gate_overdue", "341021", rung=3), _item(11, "ledger_silence", "341021")]
    + [_item(12, "filing_deadline", "2026", rung=0)]
)


def test_a_province_digest_counts_by_rule_and_city_and_lists_the_most_escalated() -> None:
    body = Batch("province", tuple(ITEMS), frozenset()).body
    assert "今日共 8 项提醒。" in body
    assert "按事项：配额进度滞后 5 项；筹备逾期 1 项；台账久未更新 1 项；待审核备案 1 项。" in body
    assert "按城市：合肥市 5 项；黄山市 2 项；全省性事项 1 项。" in body
    top = body.split("最需关注")[1]
    assert top.index("#10") < top.index("#1）") and "#12" not in top
    assert "legalcap status" in body
    assert "很长的正文" not in body and len(body.encode()) < 2048  # one WeCom message, not seven


def test_other_recipients_still_get_every_item_in_full() -> None:
    items = tuple(_item(n, "quota_pace", "340123:q", audience="unit-340123") for n in (1, 2))
    body = Batch("unit-340123", items, frozenset()).body
    assert body.count("很长的正文") >= 2 and "今日共" not in body


def test_a_single_province_item_is_sent_as_itself() -> None:
    [item] = [_item(7, "gate_overdue", "341021")]
    assert Batch("province", (item,), frozenset()).body.startswith("肥西县总工会")


def test_subjects_map_to_their_city() -> None:
    assert city_of("340123:publicity") == "合肥市" and city_of("341000") == "黄山市"
    assert city_of("2026") is None and city_of("") is None and city_of("349999") is None
    assert province_summary([]).startswith("今日共 0 项提醒")
