"""The demo's units e-mail their ledgers: messages as Chinese mail clients write them, put in a Maildir.

Every byte is fixed by the event (Message-ID, Date, MIME boundary, the file's delivery time), so two demo
runs write the same messages. The tick's fetch-mailbox step reads the Maildir (maildir:///…) like IMAP.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import mailbox
import os
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


def unit_address(county: County) -> str:
    """The county union's made-up mailbox (registered as its contact)."""
    return f"ghfl{county.code}@demo-county.cn"


def city_address(city_code: str) -> str:
    return f"ghfl{city_code}@demo-city.cn"


def ledger_mail(county: County, subject: str, name: str, data: bytes, on: dt.date, tag: str) -> bytes:
    """A message with one attachment; odd county codes write GB18030 words (QQ Mail), even RFC 2231."""
    gbk = int(county.code) % 2 == 1
    charset = "gb18030" if gbk else "utf-8"
    key = hashlib.sha256(f"{county.code}|{tag}".encode()).hexdigest()[:20]
    msg = MIMEMultipart(boundary=f"----=_Part_{key}")
    msg["From"] = formataddr((str(Header(f"{county.name}总工会", charset)), unit_address(county)))
    msg["To"] = PROVINCE_MAILBOX
    msg["Subject"] = Header(subject, charset).encode()
    msg["Date"] = format_datetime(dt.datetime.combine(on, SENT_AT, SHANGHAI))
    msg["Message-ID"] = f"<{key}@demo-county.cn>"
    msg.attach(MIMEText("您好，本月工作台账见附件，请查收。", "plain", charset))
    part = MIMEApplication(data, "octet-stream")
    if gbk:   # what QQ Mail sends: an encoded word inside the quotes
        word = f"=?gb18030?B?{base64.b64encode(name.encode('gb18030')).decode('ascii')}?="
        part.add_header("Content-Disposition", f'attachment; filename="{word}"')
    else:     # Outlook: RFC 2231
        part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
    msg.attach(part)
    return msg.as_bytes()


def ensure_maildir(root: Path) -> Path:
    root.parent.mkdir(parents=True, exist_ok=True)
    mailbox.Maildir(root, create=True)
    return root


def deliver(root: Path, raw: bytes, on: dt.date, tag: str) -> Path:
    """Write into new/ as a delivery agent does (tmp, rename); the file's time is the delivery time."""
    ensure_maildir(root)
    when = dt.datetime.combine(on, SENT_AT, SHANGHAI).timestamp()
    name = f"{int(when)}.{hashlib.sha256(raw).hexdigest()[:16]}.{tag}"
    tmp = root / "tmp" / name
    tmp.write_bytes(raw)
    os.utime(tmp, (when, when))
    os.replace(tmp, root / "new" / name)
    return root / "new" / name
