"""Plan what to send: urgent rows alone, the rest as one digest per recipient and day (pure)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from models.attachments import AttachmentRef, from_json
from notifications.province_digest import province_summary


@dataclass(frozen=True)
class PendingItem:
    id: int
    audience: str
    created_on: dt.date
    urgent: bool
    title: str
    body: str
    delivered: frozenset[str] = frozenset()
    programme_id: int | None = None
    rule: str = ""
    attempts: int = 0
    results_json: str = "{}"
    subject: str = ""
    rung: int = 0
    attachments_json: str = "[]"
    address: str = ""  # an exact e-mail address (a mailbox receipt), else '' for the audience's routes


@dataclass(frozen=True)
class Batch:
    """One message to one recipient, covering one or more outbox rows."""

    audience: str
    items: tuple[PendingItem, ...]
    delivered: frozenset[str]
    address: str = ""  # set when the rows go to one exact e-mail address

    @property
    def ids(self) -> list[int]:
        return [i.id for i in self.items]

    @property
    def urgent(self) -> bool:
        return any(i.urgent for i in self.items)

    @property
    def title(self) -> str:
        if len(self.items) == 1:
            return self.items[0].title
        day = self.items[0].created_on.isoformat()
        return f"【每日汇总】{day} 共 {len(self.items)} 项提醒"

    @property
    def attachments(self) -> list[AttachmentRef]:
        """The files of every row in the message (a digest carries its items' files), once each."""
        refs = [ref for item in self.items for ref in from_json(item.attachments_json)]
        return list({(r.path, r.sha256): r for r in refs}.values())

    @property
    def body(self) -> str:
        if len(self.items) == 1:
            item = self.items[0]
            return f"{item.body}\n（编号 #{item.id}）" if item.id > 0 else item.body
        if self.audience == "province":
            return province_summary(self.items)
        parts = [f"{n}. {i.title}\n{i.body}\n（编号 #{i.id}）" for n, i in enumerate(self.items, 1)]
        return "\n\n".join(parts)


def plan_batches(items: list[PendingItem]) -> list[Batch]:
    """Urgent items go alone; the rest are grouped per recipient (tag and address), day and delivery state."""
    batches: list[Batch] = []
    groups: dict[tuple, list[PendingItem]] = defaultdict(list)
    for item in sorted(items, key=lambda i: i.id):
        if item.urgent:
            batches.append(Batch(item.audience, (item,), item.delivered, item.address))
        else:
            groups[(item.audience, item.address, item.created_on, item.delivered)].append(item)
    for (audience, address, _, delivered), members in groups.items():
        batches.append(Batch(audience, tuple(members), delivered, address))
    return sorted(batches, key=lambda b: b.items[0].id)
