"""The IMAP side (imap-tools): log in, list what is in the folder, fetch raw bytes, mark as processed.

Every failure becomes a MailboxError with one Chinese line and never the password. 163/126 mail refuse
to open a folder for a client that has not said who it is (IMAP ID, RFC 2971): legalcap sends ID.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email
import imaplib
import re
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from functools import cached_property

from imap_tools import BaseMailBox, MailBox, MailBoxUnencrypted, MailMessage, MailMessageFlags
from imap_tools.errors import ImapToolsError, MailboxFolderSelectError, MailboxLoginError

from tasks.mailbox.account import MailboxAccount, MailboxError
from tasks.mailbox.parse import message_id

CHUNK = 200
RAW_BULK = 10   # whole messages per FETCH: attachments may reach the size limit each
_UID = re.compile(rb"UID (\d+)")
_DATE = re.compile(rb'INTERNALDATE "([^"]+)"')
_MONTHS = {m: n for n, m in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}
DROPPED = (ConnectionError, TimeoutError, EOFError, socket.gaierror, imaplib.IMAP4.abort, ssl.SSLError)
imaplib.Commands.setdefault("ID", ("NONAUTH", "AUTH", "SELECTED"))


class RawMailMessage(MailMessage):
    """imap-tools' message, keeping the exact bytes the server sent (they are stored and hashed)."""

    def __init__(self, fetch_data: list) -> None:  # no super(): the parse waits until a header is read
        self.raw, self._raw_uid_data, self._raw_flag_data = self._get_message_data_parts(fetch_data)

    @cached_property
    def obj(self) -> Message:  # type: ignore[override]  # parsed only when a header is asked for
        return email.message_from_bytes(self.raw)


@dataclass(frozen=True)
class Listed:
    uid: str
    message_id: str
    arrived_at: dt.datetime


@contextmanager
def open_mailbox(account: MailboxAccount) -> Iterator[BaseMailBox]:
    """A logged-in mailbox on the account's folder; any failure is one MailboxError (Chinese)."""
    box = _client(account)
    where = f"{account.host}:{account.port}"
    try:
        box.login(account.user, account.password, initial_folder=None)
    except MailboxLoginError:
        raise MailboxError(f"邮箱服务器 {where} 拒绝登录：请检查用户名和授权码，并确认已开启 IMAP 服务"
                           ) from None
    except (*DROPPED, ImapToolsError, imaplib.IMAP4.error):
        raise MailboxError(f"无法连接邮箱服务器 {where}（网络中断或服务器无响应），本次未收取") from None
    try:
        _identify(box)
        box.folder.set(account.folder)
        box.email_message_class = RawMailMessage
        yield box
    except MailboxFolderSelectError:
        raise MailboxError(f"邮箱中没有文件夹“{account.folder}”：请检查 LEGALCAP_MAILBOX_URL") from None
    except (*DROPPED, imaplib.IMAP4.error):
        raise MailboxError(f"与邮箱服务器 {where} 的连接中断，已保存的邮件不受影响，下次收取时继续") from None
    except ImapToolsError as exc:
        raise MailboxError(f"邮箱服务器 {where} 拒绝了操作（{type(exc).__name__}），下次收取时重试") from None
    finally:
        _quietly_logout(box)


def _client(account: MailboxAccount) -> BaseMailBox:
    try:
        if account.scheme == "imaps":
            return MailBox(account.host, account.port, timeout=account.timeout)
        return MailBoxUnencrypted(account.host, account.port, timeout=account.timeout)
    except (*DROPPED, OSError, imaplib.IMAP4.error):
        where = f"{account.host}:{account.port}"
        raise MailboxError(f"无法连接邮箱服务器 {where}（请检查地址、端口和网络）") from None


def _identify(box: BaseMailBox) -> None:
    """IMAP ID (RFC 2971) when offered: 163 mail answers 'Unsafe Login' to a folder select without it."""
    if "ID" in box.client.capabilities:
        box.client._simple_command("ID", '("name" "legalcap" "version" "1.0")')


def _quietly_logout(box: BaseMailBox) -> None:
    with contextlib.suppress(Exception):  # the connection may already be gone; nothing to save
        box.logout()


def list_folder(box: BaseMailBox) -> list[Listed]:
    """Every message in the folder: UID, Message-ID and INTERNALDATE (arrival), oldest first."""
    uids = box.uids("ALL")
    found: list[Listed] = []
    for start in range(0, len(uids), CHUNK):
        chunk = uids[start:start + CHUNK]
        dates = internal_dates(box, chunk)
        ids = {m.uid: message_id(m.raw)  # type: ignore[attr-defined]  # RawMailMessage: the header bytes
               for m in box.fetch(uid_list=chunk, headers_only=True, mark_seen=False, bulk=True)}
        found += [Listed(uid, ids.get(uid, ""), dates[uid]) for uid in chunk if uid in dates]
    return found


def internal_dates(box: BaseMailBox, uids: list[str]) -> dict[str, dt.datetime]:
    status, lines = box.client.uid("FETCH", ",".join(uids), "(UID INTERNALDATE)")
    if status != "OK":
        raise imaplib.IMAP4.abort("FETCH INTERNALDATE failed")
    out = {}
    for line in lines:
        text = line[0] if isinstance(line, tuple) else line
        uid, date = _UID.search(text or b""), _DATE.search(text or b"")
        if uid and date:
            out[uid.group(1).decode()] = parse_internaldate(date.group(1).decode())
    return out


def parse_internaldate(text: str) -> dt.datetime:
    """' 1-Dec-2026 20:11:39 +0800' → an aware datetime (no locale involved)."""
    day, clock, zone = text.strip().split()
    d, mon, year = day.split("-")
    h, m, s = (int(x) for x in clock.split(":"))
    sign = -1 if zone[0] == "-" else 1
    offset = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * sign
    return dt.datetime(int(year), _MONTHS[mon], int(d), h, m, s, tzinfo=dt.timezone(offset))


def fetch_raws(box: BaseMailBox, items: list[Listed]) -> Iterator[tuple[Listed, bytes]]:
    """Each message's exact bytes, RAW_BULK per command, without setting \\Seen (memory: one bulk)."""
    by_uid = {item.uid: item for item in items}
    for start in range(0, len(items), RAW_BULK):
        uids = [item.uid for item in items[start:start + RAW_BULK]]
        for msg in box.fetch(uid_list=uids, mark_seen=False, bulk=True):
            if msg.uid in by_uid:
                yield by_uid[msg.uid], msg.raw  # type: ignore[attr-defined]  # RawMailMessage


def fetch_raw(box: BaseMailBox, uid: str) -> bytes:
    """One message's exact bytes, without setting \\Seen."""
    for msg in box.fetch(uid_list=[uid], mark_seen=False):
        return msg.raw  # type: ignore[attr-defined]  # RawMailMessage
    raise imaplib.IMAP4.abort(f"message {uid} vanished")


def mark(box: BaseMailBox, account: MailboxAccount, uids: list[str]) -> None:
    """Move to the processed folder (created when missing), or flag as seen when mark is 'flag'."""
    if not uids:
        return
    if account.mark == "flag":
        box.flag(uids, MailMessageFlags.SEEN, True, chunks=CHUNK)
        return
    if not box.folder.exists(account.processed_folder):
        box.folder.create(account.processed_folder)
    box.move(uids, account.processed_folder, chunks=CHUNK)
