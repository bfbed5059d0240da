"""A local Maildir as the mail source (maildir:///abs/path): the demo, or staff's .eml files in a folder.

Plain file operations on new/ and cur/, as the Maildir format defines them (tmp/ holds deliveries in
progress and is never read). A message's key ("uid") is its file name before the ":2," info part, so
it stays the same when flags change; its arrival is the file's delivery time (the modification time,
which delivery sets and a rename keeps), in Asia/Shanghai. Marking adds the Seen flag (`S`, flags kept
in ASCII order) by an atomic rename: in place under cur/ (LEGALCAP_MAILBOX_MARK=flag), or into the
processed sub-folder's cur/ (Maildir++ ".<name>", created when missing; mark=move).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from email.parser import BytesHeaderParser
from pathlib import Path

from tasks.mailbox.account import MailboxAccount, MailboxError
from tasks.mailbox.imap import Listed
from tasks.mailbox.store import SHANGHAI

INFO = ":2,"
SEEN = "S"


def split_name(name: str) -> tuple[str, str]:
    """(key, flags) of a Maildir file name: `1733.M1P2.host:2,FS` → ('1733.M1P2.host', 'FS')."""
    key, _, flags = name.partition(INFO)
    return key.partition(":")[0], flags


def seen_name(name: str) -> str:
    """The file name with the Seen flag added (flags in ASCII order, as the format asks)."""
    key, flags = split_name(name)
    return f"{key}{INFO}{''.join(sorted(set(flags) | {SEEN}))}"


class MaildirSource:
    """The messages in new/ and cur/ of one Maildir (sub-folders are not read)."""

    def __init__(self, root: Path, processed_folder: str, mark: str = "move") -> None:
        self.root, self.processed, self.mode = root, processed_folder, mark
        self._paths: dict[str, Path] = {}

    def listed(self) -> list[Listed]:
        """Every message: key, Message-ID and delivery time, oldest first."""
        found = []
        for key, path in self._scan().items():
            with path.open("rb") as fh:
                headers = BytesHeaderParser().parse(fh, headersonly=True)
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
        """Add the Seen flag to each message: in place (flag), or moved to the processed folder (move)."""
        if not uids:
            return
        target = self.root / "cur" if self.mode == "flag" else self._processed_cur()
        for uid in uids:
            path = self._path(uid)
            destination = target / seen_name(path.name)
            if destination != path:
                os.replace(path, destination)
            self._paths[uid] = destination

    def _scan(self) -> dict[str, Path]:
        """key → file, for every message file in new/ and cur/ (names starting with '.' are not mail)."""
        paths: dict[str, Path] = {}
        for sub in ("new", "cur"):
            with os.scandir(self.root / sub) as entries:
                for entry in entries:
                    if not entry.name.startswith(".") and entry.is_file():
                        paths.setdefault(split_name(entry.name)[0], Path(entry.path))
        self._paths = paths
        return paths

    def _path(self, key: str) -> Path:
        """The message's file now (looked up again if it was renamed since the listing)."""
        path = self._paths.get(key)
        if path is None or not path.is_file():
            path = self._scan().get(key)
        if path is None:
            raise MailboxError(f"本地邮件文件夹中的邮件 {key} 已不存在，下次收取时重试")
        return path

    def _processed_cur(self) -> Path:
        """cur/ of the Maildir++ folder ".<processed>" (cur, new, tmp, maildirfolder made when missing)."""
        folder = self.root / f".{self.processed}"
        for sub in ("tmp", "new", "cur"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        (folder / "maildirfolder").touch(exist_ok=True)
        return folder / "cur"


@contextmanager
def open_maildir(account: MailboxAccount) -> Iterator[MaildirSource]:
    """The Maildir at account.folder, or a MailboxError when it is not one."""
    root = Path(account.folder)
    if not (root / "new").is_dir() or not (root / "cur").is_dir():
        raise MailboxError(f"LEGALCAP_MAILBOX_URL 指向的 {root} 不是 Maildir 文件夹（应含 new、cur）")
    yield MaildirSource(root, account.processed_folder, account.mark)
