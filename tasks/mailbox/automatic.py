"""Mail no person wrote: an auto-reply (外出/自动回复), a bounce (退信) or a read receipt (已读回执).

Such a message must never be answered with a receipt (a receipt, an auto-reply, a receipt … would loop)
and holds no material. Told by the headers RFC 3834 and RFC 3464/8098 define, and by what the common
mail systems (Exchange, QQ 邮箱, 网易邮箱, Coremail) put in the sender and the subject.
"""

from __future__ import annotations

import re
from email.message import Message

AUTO_REPLY, BOUNCE, READ_RECEIPT = "自动回复", "退信", "已读回执"
_DAEMONS = re.compile(r"^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", re.IGNORECASE)
_SUBJECTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (BOUNCE, re.compile(r"^\s*(?:系统)?退信|^\s*undeliver(?:able|ed)|^\s*delivery status notification|"
                        r"^\s*(?:mail )?delivery (?:failed|failure)|^\s*returned mail|^\s*投递失败|"
                        r"^\s*邮件(?:投递|发送)失败", re.IGNORECASE)),
    (READ_RECEIPT, re.compile(r"^\s*(?:已读|已读回执|read)\s*[:：]", re.IGNORECASE)),
    (AUTO_REPLY, re.compile(r"^\s*(?:自动回复|自动答复|auto(?:matic)? ?(?:reply|response)|auto|"
                            r"out of (?:the )?office|休假|外出)\s*[:：]", re.IGNORECASE)),
)


def automatic_kind(msg: Message, sender: str, subject: str) -> str:
    """Which kind of automatic mail `msg` is ('' when a person wrote it)."""
    report = (msg.get_param("report-type") or "") if msg.get_content_type() == "multipart/report" else ""
    if "disposition-notification" in str(report).lower():
        return READ_RECEIPT
    if report or _DAEMONS.match(sender):
        return BOUNCE
    for kind, pattern in _SUBJECTS:
        if pattern.search(subject):
            return kind
    return AUTO_REPLY if _auto_header(msg) else ""


def _auto_header(msg: Message) -> bool:
    submitted = str(msg.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(msg.get("Precedence", "")).strip().lower()
    return (submitted not in ("", "no") or precedence == "auto_reply"
            or any(msg.get(h) is not None for h in ("X-Autoreply", "X-Autorespond", "X-Autoresponder")))
