"""After a dispatch, staged outbox files that no row needs any more are removed; others never are."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlmodel import select

from config.programme import Outbox
from config.settings import Settings
from models.attachments import to_json
from models.db import session_scope
from models.tables import Notification
from notifications.attachment_sweep import sweep_outbox_files
from notifications.attachments import stage
from notifications.routes import Routes
from tasks.mailbox.receipts import Outgoing, enqueue_outgoing
from tasks.sending import send_due, summary

DAY = dt.date(2026, 5, 13)
NOON = dt.datetime(2026, 5, 13, 12, tzinfo=dt.UTC)


def _queue(engine, home: Path, key: str, name: str, content: bytes, on: dt.date = DAY) -> Path:
    source = home.parent / name
    source.write_bytes(content)
    ref = stage(home, source)
    with session_scope(engine) as session:
        enqueue_outgoing(session, Outgoing(key, "mailbox_receipt", "unit-340123", key, "回执", "正文",
                                           urgent=True, attachments_json=to_json([ref])), on=on)
    return home / ref.path


def _set(engine, key: str, **values) -> None:
    with session_scope(engine) as session:
        row = session.exec(select(Notification).where(Notification.idempotency_key == key)).one()
        for name, value in values.items():
            setattr(row, name, value)
        session.add(row)


def test_a_file_goes_once_its_rows_are_sent_and_past_the_retention_never_while_one_is_unsent(
        engine, home) -> None:
    old = _queue(engine, home, "a", "甲.rejects.xlsx", b"a")
    shared = _queue(engine, home, "b1", "乙.rejects.xlsx", b"b")
    _queue(engine, home, "b2", "乙.rejects.xlsx", b"b")                  # the same file, a second row
    later = DAY + dt.timedelta(days=31)
    _set(engine, "a", status="sent", sent_at=NOON)
    _set(engine, "b1", status="failed")                                  # b2 is still pending
    assert sweep_outbox_files(engine, home, as_of=DAY + dt.timedelta(days=29), keep_days=30) == 0
    assert old.is_file()
    assert sweep_outbox_files(engine, home, as_of=later, keep_days=30) == 1
    assert not old.exists() and not old.parent.exists() and shared.is_file()
    _set(engine, "b2", status="cancelled")
    assert sweep_outbox_files(engine, home, as_of=later, keep_days=30) == 1
    assert not shared.exists() and (home / "outbox-files").is_dir()


def test_a_file_no_row_references_is_left_alone(engine, home) -> None:
    stray = stage(home, _write(home.parent / "无主.xlsx"))
    assert sweep_outbox_files(engine, home, as_of=DAY + dt.timedelta(days=400), keep_days=30) == 0
    assert (home / stray.path).is_file()


def test_a_path_outside_the_outbox_files_folder_is_never_removed(engine, home) -> None:
    precious = _write(home / "legalcap-notes.txt")
    (home / "outbox-files").mkdir()
    ref = {"path": "../" + home.name + "/legalcap-notes.txt", "name": "x", "sha256": "0", "bytes": 1}
    with session_scope(engine) as session:
        enqueue_outgoing(session, Outgoing("evil", "mailbox_receipt", "province", "s", "t", "b",
                                           attachments_json=json.dumps([ref])), on=DAY)
    _set(engine, "evil", status="sent", sent_at=NOON)
    assert sweep_outbox_files(engine, home, as_of=DAY + dt.timedelta(days=99), keep_days=0) == 0
    assert precious.is_file()


def test_the_dispatch_step_sends_then_sweeps_and_says_so(engine, home) -> None:
    sent_long_ago = _queue(engine, home, "a", "甲.rejects.xlsx", b"a", on=DAY - dt.timedelta(days=40))
    _set(engine, "a", status="sent", sent_at=NOON - dt.timedelta(days=40))
    waiting = _queue(engine, home, "b", "乙.rejects.xlsx", b"b")
    settings = Settings(home=home, outbox_files_keep_days=30)
    report = send_due(engine, Routes(None), Outbox(), year=2026, now=NOON, settings=settings)
    assert report.rows_sent == 1 and report.files_removed == 1
    assert not sent_long_ago.exists() and waiting.is_file()   # sent today: kept for 30 days
    assert "清理过期发件附件 1 个" in summary(report)


def _write(path: Path) -> Path:
    path.write_bytes(b"keep me")
    return path
