"""Where mail comes from: a MailSource (IMAP or a local Maildir), chosen by the URL's scheme."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from tasks.mailbox import imap
from tasks.mailbox.account import MailboxAccount
from tasks.mailbox.imap import Listed


class MailSource(Protocol):
    """One open mailbox: list, read exact bytes, say whether it is still the same folder, mark."""

    def listed(self) -> list[Listed]: ...

    def raws(self, items: list[Listed]) -> Iterator[tuple[Listed, bytes]]: ...

    def raw(self, uid: str) -> bytes: ...

    def validity(self) -> object: ...

    def mark(self, uids: list[str]) -> None: ...


class ImapSource:
    """The IMAP folder of the account (tasks/mailbox/imap.py)."""

    def __init__(self, box, account: MailboxAccount) -> None:
        self.box, self.account = box, account

    def listed(self) -> list[Listed]:
        return imap.list_folder(self.box)

    def raws(self, items: list[Listed]) -> Iterator[tuple[Listed, bytes]]:
        return imap.fetch_raws(self.box, items)

    def raw(self, uid: str) -> bytes:
        return imap.fetch_raw(self.box, uid)

    def validity(self) -> object:
        return self.box.folder.status(self.account.folder, ["UIDVALIDITY"]).get("UIDVALIDITY")

    def mark(self, uids: list[str]) -> None:
        imap.mark(self.box, self.account, uids)


@contextmanager
def open_source(account: MailboxAccount) -> Iterator[MailSource]:
    """The account's mailbox, open; any failure is one MailboxError (Chinese)."""
    if account.scheme == "maildir":
        from tasks.mailbox.maildir import open_maildir

        with open_maildir(account) as source:
            yield source
        return
    with imap.open_mailbox(account) as box:
        yield ImapSource(box, account)
