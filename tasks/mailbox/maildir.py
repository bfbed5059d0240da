"""A local Maildir as the mail source (maildir:///abs/path): the demo, or staff's .eml files in a folder.

Read with Python's mailbox.Maildir. A message's key is its "uid"; its arrival is the file's delivery
time (the Maildir file's modification time, which delivery sets), in Asia/Shanghai. Marking moves the
file, by an atomic rename and keeping its name, into the processed sub-folder (Maildir++ ".<name>").
"""

from __future__ import annotations

import datetime as dt
import mailbox
import os
from collections.abc import Iterator
from contextlib import contextmanager
from email.parser import BytesHeaderParser
from pathlib import Path

from tasks.mailbox.account import MailboxAccount, MailboxError
from tasks.mailbox.imap import Listed
from tasks.mailbox.store import SHANGHAI


class MaildirSource:
    """The messages in new/ and cur/ of one Maildir (sub-folders are not read)."""

    def __init__(self, root: Path, processed_folder: str) -> None:
        self.root, self.processed = root, processed_folder
        self.box = mailbox.Maildir(root, factory=None, create=False)

    def listed(self) -> list[Listed]:
        """Every message: key, Message-ID and delivery time, oldest first."""
        found = []
        for key in self.box.iterkeys():
            path = self._path(key)
            with path.open("rb") as fh:
                headers = BytesHeaderParser().parse(fh)
            arrived = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=SHANGHAI)
            found.append(Listed(key, str(headers.get("Message-ID", "")).strip(), arrived))
        return sorted(found, key=lambda item: (item.arrived_at, item.uid))

    def raws(self, items: list[Listed]) -> Iterator[tuple[Listed, bytes]]:
        for item in items:
            yield item, self.raw(item.uid)

    def raw(self, uid: str) -> bytes:
        return self._path(uid).read_bytes()

    def validity(self) -> object:
        return str(self.root)

    def mark(self, uids: list[str]) -> None:
        """Move each file, same name, into <processed>/cur (created when missing); mtime is kept."""
        if not uids:
            return
        target = Path(self.box.add_folder(self.processed)._path) / "cur"
        for uid in uids:
            path = self._path(uid)
            name = path.name if ":" in path.name else f"{path.name}:2,S"
            os.replace(path, target / name)
        self.box._refresh()  # the moved keys are gone from this folder

    def _path(self, key: str) -> Path:
        return Path(self.box._path) / self.box._lookup(key)


@contextmanager
def open_maildir(account: MailboxAccount) -> Iterator[MaildirSource]:
    """The Maildir at account.folder, or a MailboxError when it is not one."""
    root = Path(account.folder)
    if not (root / "new").is_dir() or not (root / "cur").is_dir():
        raise MailboxError(f"LEGALCAP_MAILBOX_URL 指向的 {root} 不是 Maildir 文件夹（应含 new、cur）")
    yield MaildirSource(root, account.processed_folder)
