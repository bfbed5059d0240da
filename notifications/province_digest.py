"""The province's daily digest: a summary by rule and city with the most escalated items, not every letter."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from config.divisions import anhui_cities, anhui_counties

RULE_LABELS = {
    "recommendation_deadline": "推荐材料未报", "resubmission_deadline": "退回后未重报",
    "filing_deadline": "待审核备案", "preparation_gate_deadline": "筹备部署未完成",
    "gate_overdue": "筹备逾期",
    "quota_pace": "配额进度滞后", "ledger_silence": "台账久未更新", "monthly_ledger": "月度台账未报",
    "supervision_reply": "意见书逾期未复", "city_oversight": "市级督导未完成",
    "funds_over_subsidy": "经费超出补助",
    "funds_unspent": "经费使用滞后", "report_submission": "报告未报送", "rectification": "整改未复查",
    "filing_returned": "材料退回", "delivery_failed": "发送失败", "packets_ready": "评估材料已生成",
    "receipt_mail_route_missing": "回执发件邮箱未配置",
}
TOP = 5
CODE = re.compile(r"^(34\d{4})")


class DigestItem(Protocol):
    """What the summary reads of an outbox item (read-only, as PendingItem is frozen)."""

    @property
    def id(self) -> int: ...
    @property
    def rule(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def rung(self) -> int: ...
    @property
    def urgent(self) -> bool: ...
    @property
    def title(self) -> str: ...


def city_of(subject: str) -> str | None:
    """The city name a subject (a unit or city code, maybe with a suffix) belongs to, if any."""
    match = CODE.match(subject or "")
    if not match:
        return None
    code = match[1]
    cities = anhui_cities()
    if code in cities:
        return cities[code]
    return next((c.city_name for c in anhui_counties() if c.code == code), None)


def _counted(counter: Counter) -> str:
    return "；".join(f"{name} {n} 项" for name, n in counter.most_common())


def province_summary(items: Sequence[DigestItem]) -> str:
    """Counts by rule and by city, the most escalated items, and where to see the rest."""
    by_rule = Counter(RULE_LABELS.get(i.rule, i.rule or "其他") for i in items)
    cities = [city_of(i.subject) for i in items]
    by_city = Counter(c for c in cities if c)
    top = sorted(items, key=lambda i: (-i.urgent, -i.rung, i.id))[:TOP]
    lines = [f"今日共 {len(items)} 项提醒。", f"按事项：{_counted(by_rule)}。"]
    if by_city:
        unplaced = len(items) - sum(by_city.values())
        lines.append(f"按城市：{_counted(by_city)}" + (f"；全省性事项 {unplaced} 项。" if unplaced else "。"))
    lines.append(f"最需关注（阶梯最高的 {len(top)} 项）：")
    lines += [f"{n}. {i.title}（编号 #{i.id}）" for n, i in enumerate(top, 1)]
    lines.append("全部提醒：legalcap notifications list --tag province --status pending；"
                 "各单位进度：legalcap status")
    return "\n".join(lines)
