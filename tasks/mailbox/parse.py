"""A raw e-mail as legalcap needs it: Message-ID, sender, subject and attachments, decoded as sent.

Chinese mail clients encode differently: QQ Mail and Foxmail write GB18030/GBK RFC 2047 encoded
words (even inside a quoted file name, which the standard does not allow), 163 writes UTF-8 encoded
words, Outlook writes RFC 2231 file names; some old clients send raw GBK bytes. All decode here.
"""

from __future__ import annotations

import email
import re
from dataclasses import dataclass
from email.header import decode_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parseaddr

from tasks.mailbox.automatic import automatic_kind

# GB2312 and GBK labels often carry GBK or GB18030 bytes: decode with the superset.
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "euc-cn": "gb18030", "cp936": "gb18030",
          "ms936": "gb18030"}
_FAILED = re.compile(r"\b(?:dmarc|spf)=(?:fail|hardfail)\b", re.IGNORECASE)
REPLY_PREFIXES = ("re:", "re：", "回复:", "回复：", "答复:", "答复：", "aw:")


@dataclass(frozen=True)
class Attached:
    name: str
    data: bytes


@dataclass(frozen=True)
class ParsedMail:
    message_id: str
    sender: str                      # address, lower case
    sender_name: str
    subject: str
    attachments: tuple[Attached, ...]
    in_reply_to: str = ""
    forged: bool = False             # the receiving server says the From address failed SPF or DMARC
    automatic: str = ""              # 自动回复 / 退信 / 已读回执: no person wrote it ('' otherwise)

    @property
    def is_reply(self) -> bool:
        """A reply (to a receipt, say): In-Reply-To set or a 回复/Re: subject."""
        return bool(self.in_reply_to) or self.subject.strip().lower().startswith(REPLY_PREFIXES)


def parse_mail(raw: bytes) -> ParsedMail:
    """The parts of `raw` legalcap uses; never raises on a malformed message (fields stay empty)."""
    msg = email.message_from_bytes(raw, policy=compat32)
    return _parsed(msg, tuple(_attachments(msg)))


def parse_headers(raw: bytes) -> ParsedMail:
    """Only the header fields (no attachments): cheap, for recording a message as it is stored."""
    return _parsed(BytesHeaderParser(policy=compat32).parsebytes(raw), ())


def message_id(header_bytes: bytes) -> str:
    """The first Message-ID of a header block as parse_headers reads it, without building a Message.

    Folded lines are kept as the compat32 parser keeps them; a non-ASCII value gives '' (unknown: the
    caller then fetches the message and recognises it by its hash or its parsed Message-ID).
    """
    lines = header_bytes.splitlines(keepends=True)
    for n, line in enumerate(lines):
        if line in (b"\r\n", b"\n"):
            break
        name, colon, first = line.partition(b":")
        if not colon or name.lower() != b"message-id":
            continue
        value = first.lstrip(b" \t")
        for more in lines[n + 1:]:
            if more[:1] not in (b" ", b"\t"):
                break
            value += more
        return value.rstrip(b"\r\n").decode("ascii").strip() if value.isascii() else ""
    return ""


def _parsed(msg: Message, attachments: tuple[Attached, ...]) -> ParsedMail:
    name, address = parseaddr(decode_words(_header(msg, "From")))
    sender, subject = address.strip().lower(), " ".join(decode_words(_header(msg, "Subject")).split())
    return ParsedMail(
        message_id=_header(msg, "Message-ID").strip(),
        sender=sender,
        sender_name=name.strip(),
        subject=subject,
        attachments=attachments,
        in_reply_to=_header(msg, "In-Reply-To").strip(),
        forged=any(_FAILED.search(str(v)) for v in msg.get_all("Authentication-Results") or ()),
        automatic=automatic_kind(msg, sender, subject),
    )


def recipients(raw: bytes) -> list[str]:
    """The To and Cc addresses (lower case)."""
    msg = email.message_from_bytes(raw, policy=compat32)
    values = [decode_words(_header(msg, h)) for h in ("To", "Cc")]
    return [addr.lower() for _, addr in getaddresses(values) if addr]


def decode_words(value: str) -> str:
    """A header value with its RFC 2047 encoded words (and raw 8-bit GBK/UTF-8 bytes) decoded."""
    value = _unescape_8bit(value)
    if "=?" not in value:
        return value
    try:
        pieces = decode_header(value)
    except Exception:  # a malformed encoded word: keep the text as it came
        return value
    return "".join(decode_bytes(chunk, charset) for chunk, charset in pieces)


def decode_bytes(chunk: bytes | str, charset: str | None) -> str:
    """Text in its declared charset (GBK labels read as GB18030), else UTF-8, else GB18030; never raises."""
    if isinstance(chunk, str):
        return chunk
    if charset:
        label = _WIDER.get(charset.lower(), charset.lower())
        try:
            return chunk.decode(label)
        except (LookupError, UnicodeDecodeError):
            pass
    return _guess(chunk)


def _guess(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _unescape_8bit(value: str) -> str:
    """Raw 8-bit header bytes arrive as surrogates (compat32): decode them as UTF-8, else GB18030."""
    if not any("\udc80" <= ch <= "\udcff" for ch in value):
        return value
    return _guess(value.encode("ascii", errors="surrogateescape"))


def _header(msg: Message, name: str) -> str:
    value = msg.get(name)
    return "" if value is None else str(value)


# a mail's signature, not a material: S/MIME and PGP signatures
SIGNATURES = frozenset({"application/pkcs7-signature", "application/x-pkcs7-signature",
                        "application/pgp-signature"})


def _attachments(msg: Message) -> list[Attached]:
    found = []
    for part in msg.walk():
        if part.is_multipart() or _not_material(part):
            continue
        name = _file_name(part)
        if not name:
            continue
        data = part.get_payload(decode=True)
        found.append(Attached(name, data if isinstance(data, bytes) else b""))
    return found


def _not_material(part: Message) -> bool:
    """A signature part, or a picture shown inside the mail's text (a logo in the sender's signature,
    a pasted screenshot: an inline image with a Content-ID the HTML refers to)."""
    if part.get_content_type() in SIGNATURES:
        return True
    inline = (part.get_content_disposition() or "inline") == "inline"
    return inline and part.get_content_maintype() == "image" and bool(part.get("Content-ID"))


_NAME_PARAM = re.compile(r'(?:file)?name\s*=\s*"?([^";]+)"?', re.IGNORECASE)


def _raw_8bit_name(part: Message) -> str:
    for key, value in part.raw_items():
        if key.lower() in ("content-disposition", "content-type"):
            found = _NAME_PARAM.search(_unescape_8bit(str(value)))
            if found:
                return found.group(1)
    return ""


def _file_name(part: Message) -> str:
    """The part's file name: RFC 2231 (filename*), RFC 2047 inside quotes, or raw bytes; '' when none."""
    raw = part.get_filename() or part.get_param("name", header="content-type")
    if not raw:
        return ""
    if isinstance(raw, tuple):              # an RFC 2231 value get_filename did not collapse
        raw = email.utils.collapse_rfc2231_value(raw, fallback_charset="gb18030")
    name = decode_words(str(raw))
    if "\ufffd" in name:                   # raw 8-bit bytes: compat32 replaced them; read the raw header
        name = _raw_8bit_name(part) or name
    name = name.strip().replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in name if ch.isprintable())
