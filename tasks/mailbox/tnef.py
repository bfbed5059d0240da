"""Outlook's winmail.dat (TNEF): the files packed inside it, as if they had been attached plainly.

Outlook sends a message written in its rich-text (RTF) format as one `winmail.dat` attachment that holds
the real attachments; other mail clients show only that file. Its names are in the sender's code page
(936 on a Chinese PC) or in the long-name MAPI property (UTF-16); both decode here.
"""

from __future__ import annotations

import logging

from tasks.mailbox.parse import Attached, decode_bytes

TNEF_MAGIC = b"\x78\x9f\x3e\x22"        # 0x223E9F78, little-endian
LONG_FILENAME = 0x3707                  # PR_ATTACH_LONG_FILENAME
UNREADABLE = "附件 winmail.dat（Outlook 的 RTF 邮件格式）已损坏，无法读取其中的文件"
EMPTY = "附件 winmail.dat（Outlook 的 RTF 邮件格式）中没有文件"
HOW = "请在 Outlook 中把邮件格式改为“HTML”或“纯文本”后重新发送，或将材料压缩为 .zip 后发送"

logging.getLogger("tnefparse").setLevel(logging.CRITICAL)   # it logs every odd property it skips


def is_tnef(att: Attached) -> bool:
    """Outlook's winmail.dat, by its first bytes or its name."""
    return att.data.startswith(TNEF_MAGIC) or att.name.strip().lower() == "winmail.dat"


def unpack(att: Attached) -> list[Attached] | str:
    """The files inside `att`, or why there are none (a Chinese reason with what to do)."""
    from tnefparse.tnef import TNEF

    try:
        tnef = TNEF(att.data, do_checksum=False)
        files = [Attached(_name(a, tnef.codepage, n), a.data) for n, a in enumerate(tnef.attachments, 1)
                 if isinstance(a.data, bytes) and a.data]
    except Exception:  # tnefparse raises ValueError, IndexError, struct.error … on a damaged file
        return f"{UNREADABLE}。{HOW}"
    return files or f"{EMPTY}。{HOW}"


def _name(attachment, codepage: str | None, number: int) -> str:
    """The file's long name, else its short name decoded in the sender's code page, else 附件N."""
    long = [a.data for a in attachment.mapi_attrs if a.name == LONG_FILENAME and isinstance(a.data, str)]
    raw = long[0] if long and long[0].strip() else attachment._name   # tnefparse keeps the bytes there
    name = decode_bytes(raw, codepage)
    name = name.strip("\x00").strip().replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in name if ch.isprintable()) or f"附件{number}"

