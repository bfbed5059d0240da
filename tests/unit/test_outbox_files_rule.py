"""Which staged outbox files may be removed: only when every row carrying one is done and old enough."""

from __future__ import annotations

import datetime as dt

from models.attachments import AttachmentRef, to_json
from models.outbox_files import CarryingRow, removable_paths

TODAY = dt.date(2026, 7, 1)
A = AttachmentRef("outbox-files/aaa/台账.rejects.xlsx", "台账.rejects.xlsx", "aaa", 10)
B = AttachmentRef("outbox-files/bbb/index.html", "index.html", "bbb", 20)


def _row(status: str, days_ago: int, *refs: AttachmentRef, sent_days_ago: int | None = None) -> CarryingRow:
    sent = None if sent_days_ago is None else dt.datetime.combine(
        TODAY - dt.timedelta(days=sent_days_ago), dt.time(9), dt.UTC)
    return CarryingRow(status, TODAY - dt.timedelta(days=days_ago), sent, to_json(list(refs)))


def _gone(*rows: CarryingRow, keep: int = 30) -> set[str]:
    return removable_paths(rows, as_of=TODAY, keep_days=keep)


def test_a_file_of_rows_sent_failed_or_cancelled_long_ago_may_go() -> None:
    assert _gone(_row("sent", 40, A, sent_days_ago=40), _row("failed", 31, B)) == {A.path, B.path}
    assert _gone(_row("cancelled", 31, A)) == {A.path}


def test_a_file_still_referenced_by_an_unsent_row_is_kept_however_old() -> None:
    assert _gone(_row("sent", 90, A, sent_days_ago=90), _row("pending", 90, A)) == set()


def test_the_retention_counts_from_sending_not_from_queueing() -> None:
    assert _gone(_row("sent", 45, A, sent_days_ago=29)) == set()
    assert _gone(_row("sent", 45, A, sent_days_ago=30)) == {A.path}


def test_a_file_shared_with_a_recent_row_is_kept_until_that_one_is_old_too() -> None:
    rows = (_row("sent", 60, A, B, sent_days_ago=60), _row("sent", 3, B, sent_days_ago=3))
    assert _gone(*rows) == {A.path}
    assert _gone(*rows, keep=0) == {A.path, B.path}


def test_a_row_with_malformed_attachments_names_no_file() -> None:
    assert _gone(CarryingRow("sent", TODAY - dt.timedelta(days=99), None, "not json")) == set()
