"""The Dovecot fixture itself: a message APPENDed is there, with its INTERNALDATE and bytes."""

from __future__ import annotations

import datetime as dt

from imap_tools import MailBoxUnencrypted

from tests.support.dovecot import DovecotServer
from tests.support.mail_samples import mail


def test_append_then_fetch_with_imap_tools(dovecot: DovecotServer, imap_user: str) -> None:
    raw = mail(sender="fx@example.cn", subject="工作台账", attachments=[("台账.xlsx", b"PK")], style="qq")
    arrived = dt.datetime(2026, 5, 12, 23, 59, 30, tzinfo=dt.UTC).timestamp()
    dovecot.append(imap_user, raw, when=arrived)
    with MailBoxUnencrypted(dovecot.host, dovecot.port).login(imap_user, dovecot.password) as box:
        got = list(box.fetch(mark_seen=False))
        folders = {f.name for f in box.folder.list()}
    assert [m.subject for m in got] == ["工作台账"]
    assert "Processed" in folders
    assert dovecot.count(imap_user) == 1
