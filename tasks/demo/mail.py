"""The demo's unions e-mail their materials: messages as Chinese mail clients write them, put in a Maildir.

Every byte is fixed by the event (Message-ID, Date, MIME boundary, the file's delivery time), so two demo
runs write the same messages. The tick's fetch-mailbox step reads the Maildir (maildir:///…) like IMAP.
A day's messages arrive a second apart in the order the demo sends them, so they are imported in that order.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import mailbox
import os
from dataclasses import dataclass
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr
from pathlib import Path
from zoneinfo import ZoneInfo

from config.divisions import County

SHANGHAI = ZoneInfo("Asia/Shanghai")
SENT_AT = dt.time(7, 30)   # before the day's tick (08:00) fetches
PROVINCE_MAILBOX = "ahghflb@163.com"
MAILDIR = "mailbox"   # under demo-files: the province's mailbox, as a local Maildir
LEDGER_BODY = "您好，本月工作台账见附件，请查收。"


@dataclass(frozen=True)
class Sender:
    """Who sends: the union's name and mailbox; `gbk` writes GB18030 words (QQ Mail), else RFC 2231."""

    name: str
    address: str
    gbk: bool

    @property
    def domain(self) -> str:
        return self.address.rsplit("@", 1)[1]


def unit_address(county: County) -> str:
    """The county union's made-up mailbox (the contact on its 附件1, registered as its contact)."""
    return f"ghfl{county.code}@demo-county.cn"


def city_address(city_code: str) -> str:
    return f"ghfl{city_code}@demo-city.cn"


def unit_sender(county: County) -> Sender:
    """The county union; odd county codes use QQ Mail's encoding."""
    return Sender(f"{county.name}总工会", unit_address(county), int(county.code) % 2 == 1)


def city_sender(county: County) -> Sender:
    """The county's city union; odd four-digit city prefixes use QQ Mail's encoding."""
    code = county.city_code
    return Sender(f"{county.city_name}总工会", city_address(code), int(code[:4]) % 2 == 1)


def sent_at(on: dt.date, seq: int = 0) -> dt.datetime:
    """The `seq`-th message of the day leaves `seq` seconds after SENT_AT (Asia/Shanghai)."""
    return dt.datetime.combine(on, SENT_AT, SHANGHAI) + dt.timedelta(seconds=seq)


def demo_mail(sender: Sender, subject: str, body: str, files: list[tuple[str, bytes]], on: dt.date,
              tag: str, seq: int = 0) -> bytes:
    """A message from `sender` with `files` attached (name, bytes); `tag` makes its Message-ID unique."""
    charset = "gb18030" if sender.gbk else "utf-8"
    key = hashlib.sha256(f"{sender.address}|{tag}".encode()).hexdigest()[:20]
    msg = MIMEMultipart(boundary=f"----=_Part_{key}")
    msg["From"] = formataddr((str(Header(sender.name, charset)), sender.address))
    msg["To"] = PROVINCE_MAILBOX
    msg["Subject"] = Header(subject, charset).encode()
    msg["Date"] = format_datetime(sent_at(on, seq))
    msg["Message-ID"] = f"<{key}@{sender.domain}>"
    msg.attach(MIMEText(body, "plain", charset))
    for name, data in files:
        msg.attach(_attachment(name, data, sender.gbk))
    return msg.as_bytes()


def _attachment(name: str, data: bytes, gbk: bool) -> MIMEApplication:
    part = MIMEApplication(data, "octet-stream")
    if gbk:   # what QQ Mail sends: an encoded word inside the quotes
        word = f"=?gb18030?B?{base64.b64encode(name.encode('gb18030')).decode('ascii')}?="
        part.add_header("Content-Disposition", f'attachment; filename="{word}"')
    else:     # Outlook: RFC 2231
        part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
    return part


def ledger_mail(county: County, subject: str, name: str, data: bytes, on: dt.date, tag: str,
                seq: int = 0) -> bytes:
    """A county's month ledger: one attachment from the county union."""
    return demo_mail(unit_sender(county), subject, LEDGER_BODY, [(name, data)], on, tag, seq)


def ensure_maildir(root: Path) -> Path:
    root.parent.mkdir(parents=True, exist_ok=True)
    mailbox.Maildir(root, create=True)
    return root


def deliver(root: Path, raw: bytes, on: dt.date, tag: str, seq: int = 0) -> Path:
    """Write into new/ as a delivery agent does (tmp, rename); the file's time is the delivery time."""
    ensure_maildir(root)
    when = sent_at(on, seq).timestamp()
    name = f"{int(when)}.{hashlib.sha256(raw).hexdigest()[:16]}.{tag}"
    tmp = root / "tmp" / name
    tmp.write_bytes(raw)
    os.utime(tmp, (when, when))
    os.replace(tmp, root / "new" / name)
    return root / "new" / name
