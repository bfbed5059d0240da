"""A mail whose "attachment" is only a download link (QQ 邮箱超大附件, 网易邮箱超大附件, 网盘分享): told apart
from a mail with no attachment at all, so its receipt can say why nothing was registered and what to do."""

from __future__ import annotations

import email
import re
from email.message import Message
from email.policy import compat32

from tasks.mailbox.parse import decode_bytes, decode_words

MAX_BODY_CHARS = 200_000
# (what the sender used, a pattern of its link or of the words the mail client puts beside it)
SERVICES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("QQ 邮箱或腾讯企业邮的“超大附件”", re.compile(r"ftn(?:exs)?_?download|/ftn/|腾讯企业邮箱发来的超大附件|"
                                                r"QQ\s*邮箱发来的超大附件", re.IGNORECASE)),
    ("网易邮箱的“超大附件”", re.compile(r"large-attachment-download|fs\.mail\.163\.com|fs\.mail\.126\.com|"
                                     r"网易邮箱发来的超大附件|来自网易\S*邮箱的超大附件", re.IGNORECASE)),
    ("网盘分享链接", re.compile(r"pan\.baidu\.com|weiyun\.com|aliyundrive\.com|alipan\.com|1drv\.ms|"
                           r"sharepoint\.com|drive\.weixin\.qq\.com|caiyun\.139\.com|cloud\.189\.cn|"
                           r"123pan\.com|lanzou\w*\.com", re.IGNORECASE)),
    ("邮箱的“超大附件”或“云附件”", re.compile(r"超大附件|云附件|网盘附件")),
)


def cloud_attachment(raw: bytes) -> str:
    """What kind of download link stands in for the attachment ('' when the mail has none)."""
    text = body_text(raw)
    return next((label for label, pattern in SERVICES if pattern.search(text)), "")


def body_text(raw: bytes) -> str:
    """The message's text and HTML parts, decoded (capped), with its subject: where such links are."""
    msg = email.message_from_bytes(raw, policy=compat32)
    texts = [decode_words(str(msg.get("Subject", "")))]
    for part in msg.walk():
        if part.get_content_maintype() == "text" and not part.get_filename():
            texts.append(_part_text(part))
    return "\n".join(texts)[:MAX_BODY_CHARS]


def _part_text(part: Message) -> str:
    data = part.get_payload(decode=True)
    return decode_bytes(data, part.get_content_charset()) if isinstance(data, bytes) else ""


def receipt_lines(subject: str, label: str, max_mb: float) -> list[str]:
    """A receipt's lines for a mail whose material came as a download link."""
    return [f"已收到邮件“{subject or '无主题'}”，但其中的材料是{label}（下载链接），本系统不能从链接下载，"
            "未登记任何材料。",
            f"请将材料作为普通附件重新发送（单个附件不超过 {max_mb:g} MB；文件较多时请压缩为一个 .zip，"
            "或分多封邮件发送）。"]
