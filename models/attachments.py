"""Files carried by an outbox row: where they are (relative to LEGALCAP_HOME), their name and hash (pure)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class AttachmentRef:
    """One file to attach: `path` is relative to LEGALCAP_HOME, `name` is what the recipient sees."""

    path: str
    name: str
    sha256: str
    bytes: int


def to_json(refs: list[AttachmentRef]) -> str:
    """The value of Notification.attachments_json."""
    return json.dumps([asdict(r) for r in refs], ensure_ascii=False)


def from_json(text: str | None) -> list[AttachmentRef]:
    """The refs stored on a row; anything malformed counts as no attachment."""
    try:
        data = json.loads(text or "[]")
    except ValueError:
        return []
    if not isinstance(data, list):
        return []
    keys = ("path", "name", "sha256", "bytes")
    return [AttachmentRef(str(d["path"]), str(d["name"]), str(d["sha256"]), int(d["bytes"]))
            for d in data if isinstance(d, dict) and all(k in d for k in keys)]


def missing_line(name: str) -> str:
    """Said in the message when a file could not be attached (never the server's path)."""
    return f"附件《{name}》未能找到或已被更改，未随本消息发送，请向省总工会权益保障部索取。"


def by_mail_line(names: list[str]) -> str:
    """Said on a WeCom or DingTalk message whose files went by e-mail only."""
    return f"附件{'、'.join(f'《{n}》' for n in names)}已通过电子邮件发送，请查收邮件。"
