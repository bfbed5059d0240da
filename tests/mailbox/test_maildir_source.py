"""The Maildir source by plain file operations: new/ and cur/, keys without the flags, Seen by rename.

LEGALCAP_MAILBOX_MARK=flag leaves each message in the inbox with the Seen flag (`:2,S`); move puts it,
flags kept and Seen added, into the processed folder. Either way a re-run imports nothing twice.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from config.settings import Settings
from tasks.mailbox.account import MailboxError, account_from_settings
from tasks.mailbox.fetch import fetch_mail
from tasks.mailbox.maildir import MaildirSource, seen_name, split_name
from tests.mailbox.helpers import FakeIntake, add_contact, context, messages
from tests.support.mail_samples import mail

PROCESSED = "已登记"
MAY_12 = dt.datetime(2026, 5, 12, 15, 59, 30, tzinfo=dt.UTC).timestamp()   # 23:59:30 in Shanghai


def _root(tmp_path: Path) -> Path:
    root = tmp_path / "maildir"
    for sub in ("tmp", "new", "cur"):
        (root / sub).mkdir(parents=True)
    return root


def _put(root: Path, where: str, name: str, subject: str, when: float = MAY_12) -> Path:
    path = root / where / name
    files = [(f"{subject}.xlsx", subject.encode())]   # different content: no file is a duplicate
    path.write_bytes(mail(sender="fx@feixi.cn", subject=subject, attachments=files))
    os.utime(path, (when, when))
    return path


def _account(root: Path, mark: str):
    return account_from_settings(Settings(mailbox_url=f"maildir://{root}", mailbox_mark=mark,
                                          mailbox_processed_folder=PROCESSED))


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@pytest.mark.parametrize(("name", "key", "flags"), [
    ("1733.M1P2.host", "1733.M1P2.host", ""), ("1733.M1P2.host:2,FS", "1733.M1P2.host", "FS"),
    ("1733.M1P2.host:2,", "1733.M1P2.host", "")])
def test_a_files_key_is_its_name_without_the_info_part(name, key, flags) -> None:
    assert split_name(name) == (key, flags)


def test_seen_is_added_once_and_flags_stay_in_ascii_order() -> None:
    assert seen_name("a") == "a:2,S"
    assert seen_name("a:2,RF") == "a:2,FRS"
    assert seen_name("a:2,S") == "a:2,S"
    assert seen_name("a:2,Sa") == "a:2,Sa"          # a Dovecot keyword letter is kept


def test_lists_new_and_cur_never_tmp_nor_dotfiles_by_delivery_time(tmp_path) -> None:
    root = _root(tmp_path)
    _put(root, "new", "2.b.host", "后到", MAY_12 + 60)
    _put(root, "cur", "1.a.host:2,F", "先到")
    _put(root, "tmp", "3.c.host", "投递中")
    _put(root, "cur", ".hidden", "不是邮件")
    source = MaildirSource(root, PROCESSED)
    listed = source.listed()
    assert [i.uid for i in listed] == ["1.a.host", "2.b.host"]
    assert listed[0].arrived_at == dt.datetime(2026, 5, 12, 23, 59, 30, tzinfo=listed[0].arrived_at.tzinfo)
    assert source.raw("1.a.host") == (root / "cur" / "1.a.host:2,F").read_bytes()


def test_flag_mode_marks_seen_in_place_and_a_rerun_imports_nothing_again(engine, tmp_path) -> None:
    root = _root(tmp_path)
    _put(root, "new", "1.a.host", "5月台账")
    _put(root, "cur", "2.b.host:2,F", "工作方案")
    add_contact(engine, "fx@feixi.cn")
    intake = FakeIntake()
    account = _account(root, "flag")
    assert account.mark == "flag"
    report = fetch_mail(engine, account, context(tmp_path, intake))
    assert (report.new, report.marked, len(intake.calls)) == (2, 2, 2)
    assert _names(root / "new") == []
    assert _names(root / "cur") == ["1.a.host:2,S", "2.b.host:2,FS"]
    assert not (root / f".{PROCESSED}").exists()
    assert [m.state for m in messages(engine)] == ["marked", "marked"]
    again = fetch_mail(engine, account, context(tmp_path, intake))
    assert (again.listed, again.new, len(intake.calls)) == (2, 0, 2)
    assert _names(root / "cur") == ["1.a.host:2,S", "2.b.host:2,FS"]


def test_move_mode_keeps_the_flags_and_creates_a_maildir_plus_plus_folder(engine, tmp_path) -> None:
    root = _root(tmp_path)
    _put(root, "cur", "2.b.host:2,F", "工作方案")
    add_contact(engine, "fx@feixi.cn")
    fetch_mail(engine, _account(root, "move"), context(tmp_path, FakeIntake()))
    folder = root / f".{PROCESSED}"
    assert _names(folder / "cur") == ["2.b.host:2,FS"] and _names(root / "cur") == []
    assert (folder / "maildirfolder").is_file() and (folder / "new").is_dir() and (folder / "tmp").is_dir()
    assert os.stat(folder / "cur" / "2.b.host:2,FS").st_mtime == MAY_12     # the arrival is kept


def test_a_message_removed_after_listing_is_a_clear_chinese_error(tmp_path) -> None:
    root = _root(tmp_path)
    path = _put(root, "new", "1.a.host", "台账")
    source = MaildirSource(root, PROCESSED)
    source.listed()
    path.unlink()
    with pytest.raises(MailboxError, match="已不存在"):
        source.raw("1.a.host")
