"""Which staged outbox files may go: every row that carries one is done and old enough (pure).

A file under LEGALCAP_HOME/outbox-files/ is kept while any row that references it is still pending (it
may yet be sent, or retried), or was finished (sent, failed, cancelled) less than `keep_days` ago.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from models.attachments import from_json
from models.enums import NotificationStatus

DONE = frozenset({NotificationStatus.sent.value, NotificationStatus.failed.value,
                  NotificationStatus.cancelled.value})


@dataclass(frozen=True)
class CarryingRow:
    """What the rule reads of an outbox row that carries files."""

    status: str
    created_on: dt.date
    sent_at: dt.datetime | None
    attachments_json: str


def finished_on(row: CarryingRow) -> dt.date:
    """The day the row stopped needing its files: when it was sent, else when it was queued."""
    return max(row.created_on, row.sent_at.date()) if row.sent_at else row.created_on


def removable_paths(rows: Iterable[CarryingRow], *, as_of: dt.date, keep_days: int) -> set[str]:
    """The referenced paths (relative to home) that no row still needs on `as_of`."""
    cutoff = as_of - dt.timedelta(days=keep_days)
    needed: set[str] = set()
    seen: set[str] = set()
    for row in rows:
        paths = {ref.path for ref in from_json(row.attachments_json)}
        seen |= paths
        if row.status not in DONE or finished_on(row) > cutoff:
            needed |= paths
    return seen - needed
