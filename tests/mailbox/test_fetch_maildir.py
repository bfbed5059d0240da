"""Fetch from a local Maildir (maildir:///path): the same store → import → mark, no server needed."""

from __future__ import annotations

import datetime as dt
import mailbox
import os
from pathlib import Path

import pytest

from config.settings import Settings
from tasks.mailbox import fetch as fetch_module
from tasks.mailbox.account import MailboxAccount, MailboxError, account_from_settings
from tasks.mailbox.fetch import fetch_mail, preview
from tests.mailbox.helpers import FakeIntake, add_contact, context, messages, outbox
from tests.support.mail_samples import mail

PROCESSED = "已登记"
LATE = dt.datetime(2026, 5, 12, 15, 59, 30, tzinfo=dt.UTC).timestamp()     # 23:59:30 in Shanghai
NEXT_DAY = dt.datetime(2026, 5, 12, 16, 0, 30, tzinfo=dt.UTC).timestamp()  # 00:00:30 on 5-13


def _deliver(root: Path, name: str, raw: bytes, when: float) -> None:
    """Write one message into new/ as a delivery agent does (tmp, rename); its mtime is the delivery."""
    (root / "tmp" / name).write_bytes(raw)
    os.utime(root / "tmp" / name, (when, when))
    os.replace(root / "tmp" / name, root / "new" / name)


def _maildir(tmp_path: Path) -> Path:
    root = tmp_path / "maildir"
    mailbox.Maildir(root, create=True)
    _deliver(root, "1.a.demo", mail(sender="fx@feixi.cn", subject="肥西县5月工作台账", style="qq",
                                    attachments=[("肥西县工作台账.xlsx", b"ledger")]), LATE)
    _deliver(root, "2.b.demo", mail(sender="fx@feixi.cn", subject="工作方案", style="outlook",
                                    attachments=[("附件2 工作方案.docx", b"plan")]), NEXT_DAY)
    _deliver(root, "3.c.demo", mail(sender="someone@qq.com", subject="台账", style="foxmail",
                                    attachments=[("台账.xlsx", b"other")]), NEXT_DAY)
    return root


def _account(root: Path) -> MailboxAccount:
    settings = Settings(mailbox_url=f"maildir://{root}", mailbox_processed_folder=PROCESSED)
    return account_from_settings(settings)


def _left(root: Path) -> tuple[int, int]:
    box = mailbox.Maildir(root, create=False)
    return len(box), len(box.get_folder(PROCESSED)) if PROCESSED in box.list_folders() else 0


def test_maildir_url_needs_no_password_and_must_be_absolute(engine, tmp_path) -> None:
    account = _account(tmp_path)
    assert (account.scheme, account.folder, account.password) == ("maildir", str(tmp_path), "")
    with pytest.raises(MailboxError, match="maildir:///绝对路径"):
        account_from_settings(Settings(mailbox_url="maildir://relative/path"))
    with pytest.raises(MailboxError, match="不是 Maildir"):
        fetch_mail(engine, _account(tmp_path), context(tmp_path, FakeIntake()))
    assert [n.audience for n in outbox(engine)] == ["province"]   # the notice, as for IMAP


def test_maildir_fetch_imports_once_by_delivery_time_and_moves_to_processed(engine, tmp_path) -> None:
    root = _maildir(tmp_path)
    add_contact(engine, "fx@feixi.cn")
    intake = FakeIntake()
    report = fetch_mail(engine, _account(root), context(tmp_path, intake))
    assert (report.listed, report.new, report.marked) == (3, 3, 2)
    assert [c.received_on for c in intake.calls] == [dt.date(2026, 5, 12), dt.date(2026, 5, 13)]
    assert [(m.state, m.sender) for m in messages(engine)] == [
        ("marked", "fx@feixi.cn"), ("marked", "fx@feixi.cn"), ("held", "someone@qq.com")]
    assert _left(root) == (1, 2)   # the held message stays in the inbox
    moved = sorted(p.name for p in (root / f".{PROCESSED}" / "cur").iterdir())
    assert moved == ["1.a.demo:2,S", "2.b.demo:2,S"]
    for row in messages(engine):
        assert (tmp_path / row.eml_path).is_file() and len(row.sha256) == 64
    again = fetch_mail(engine, _account(root), context(tmp_path, intake))
    assert (again.listed, again.new, again.marked, len(intake.calls)) == (1, 0, 0, 2)
    assert len(outbox(engine, "mailbox_receipt")) == 2


def test_maildir_killed_between_store_and_import_then_rerun(engine, tmp_path, monkeypatch) -> None:
    root = _maildir(tmp_path)
    add_contact(engine, "fx@feixi.cn")
    intake = FakeIntake()
    with monkeypatch.context() as m:
        m.setattr(fetch_module, "process_row", _killed)
        with pytest.raises(KeyboardInterrupt):
            fetch_mail(engine, _account(root), context(tmp_path, intake))
    assert [r.state for r in messages(engine)] == ["stored"] * 3 and intake.calls == []
    assert _left(root) == (3, 0)
    fetch_mail(engine, _account(root), context(tmp_path, intake))
    assert len(intake.calls) == 2 and len(outbox(engine, "mailbox_receipt")) == 2
    assert _left(root) == (1, 2) and len(messages(engine)) == 3


def _killed(*args, **kwargs):
    raise KeyboardInterrupt  # as if the process were killed at this point


def test_maildir_dry_run_says_what_would_happen_and_changes_nothing(engine, tmp_path) -> None:
    root = _maildir(tmp_path)
    add_contact(engine, "fx@feixi.cn")
    report = preview(engine, _account(root), context(tmp_path, FakeIntake()))
    assert len(report.preview) == 3 and "不在通讯录" in report.preview[2]
    assert messages(engine) == [] and _left(root) == (3, 0) and not (tmp_path / "mail").exists()
