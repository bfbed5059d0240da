"""Test e-mails as Chinese mail clients send them, built with Python's email package.

QQ Mail and Foxmail write GB18030/GBK RFC 2047 encoded words (also inside the quoted file name),
163 writes UTF-8 encoded words, Outlook writes RFC 2231 file names (filename*=utf-8''…).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Sequence
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr

STYLES = ("qq", "foxmail", "163", "outlook")
_CHARSET = {"qq": "gb18030", "foxmail": "gbk", "163": "utf-8", "outlook": "utf-8"}
_SENT = dt.datetime(2026, 5, 11, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def encoded_word(text: str, charset: str) -> str:
    """One RFC 2047 B encoded word, as QQ Mail and Foxmail put even inside a quoted file name."""
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode('ascii')}?="


def mail(
    *, sender: str, subject: str, attachments: Sequence[tuple[str, bytes]] = (), style: str = "163",
    message_id: str | None = "<default>", body: str = "您好，材料见附件。", to: str = "ahghflb@163.com",
    sender_name: str = "肥西县总工会", headers: dict[str, str] | None = None,
) -> bytes:
    """A multipart message with the attachments, subject and file names encoded in `style`."""
    charset = _CHARSET[style]
    msg = MIMEMultipart()
    msg["From"] = formataddr((str(Header(sender_name, charset)), sender))
    msg["To"] = to
    msg["Subject"] = Header(subject, charset).encode()
    msg["Date"] = format_datetime(_SENT)
    if message_id is not None:
        msg["Message-ID"] = message_id if message_id != "<default>" else _message_id(sender, subject, style)
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.attach(MIMEText(body, "plain", charset))
    for name, data in attachments:
        msg.attach(_attachment(name, data, style, charset))
    return msg.as_bytes()


def _message_id(sender: str, subject: str, style: str) -> str:
    digest = hashlib.sha1(f"{sender}|{subject}".encode()).hexdigest()[:16]
    return f"<{digest}@{style}.test>"


def _attachment(name: str, data: bytes, style: str, charset: str) -> MIMEApplication:
    part = MIMEApplication(data, "octet-stream")
    if style == "outlook":   # RFC 2231
        part.add_header("Content-Disposition", "attachment", filename=(charset, "", name))
        part.set_param("name", (charset, "", name))  # type: ignore[arg-type]  # RFC 2231 triple
    else:                    # RFC 2047 inside the quotes (not standard, but what they send)
        word = encoded_word(name, charset)
        part.add_header("Content-Disposition", f'attachment; filename="{word}"')
        part.set_param("name", word)
    return part


def windows_zip(files: list[tuple[str, bytes]]) -> bytes:
    """A zip as Windows' 'Send to compressed folder' writes it on a Chinese PC: GBK names, no UTF-8 flag."""
    placeholders = []
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, (name, data) in enumerate(files):
            raw = name.encode("gbk")
            stand_in = f"{n:03d}".ljust(len(raw), "_").encode("ascii")
            placeholders.append((stand_in, raw))
            archive.writestr(stand_in.decode("ascii"), data)
    out = buf.getvalue()
    for stand_in, raw in placeholders:   # same length: offsets stay right; the CRC covers data only
        out = out.replace(stand_in, raw)
    return out


def plain_zip(files: list[tuple[str, bytes]]) -> bytes:
    """A zip as Python writes it (UTF-8 names flagged), deflated."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buf.getvalue()
