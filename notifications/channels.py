"""Per-channel forms of one message: WeCom text <= 2048 bytes, DingTalk markdown, e-mail HTML."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from apprise import NotifyFormat
from jinja2 import Environment, PackageLoader, select_autoescape

WECOM_MAX_BYTES = 2048
_KINDS = {"wecombot": "wecom", "dingtalk": "dingtalk", "mailto": "email", "mailtos": "email",
          "outbox": "outbox"}
TAKES_FILES = frozenset({"email", "outbox"})  # the outbox:// sink stands for e-mail in the demo and tests


@dataclass(frozen=True)
class Payload:
    title: str
    body: str
    body_format: str
    attach: tuple[str, ...] = ()


def channel_kind(service) -> str:
    """wecom / dingtalk / email / outbox / text, from the service's URL scheme."""
    schemes = service.secure_protocol or service.protocol or ()
    schemes = (schemes,) if isinstance(schemes, str) else tuple(schemes)
    for scheme in schemes:
        if scheme in _KINDS:
            return _KINDS[scheme]
    return "text"


def payloads_for(kind: str, title: str, body: str, attach: tuple[Path, ...] = ()) -> list[Payload]:
    """The message as this kind of channel should receive it; attachments only by e-mail."""
    if kind == "wecom":
        return [Payload("", part, NotifyFormat.TEXT) for part in split_utf8(title, body)]
    if kind == "dingtalk":
        return [Payload(title, _markdown(body), NotifyFormat.MARKDOWN)]
    if kind == "email":
        return [Payload(title, _html(title, body), NotifyFormat.HTML, tuple(map(str, attach)))]
    if kind == "outbox":
        return [Payload(title, body, NotifyFormat.TEXT, tuple(map(str, attach)))]
    return [Payload(title, body, NotifyFormat.TEXT)]


def split_utf8(title: str, body: str, limit: int = WECOM_MAX_BYTES) -> list[str]:
    """Title + body in parts of at most `limit` UTF-8 bytes, split at line ends, numbered."""
    head = f"{title}（{{n}}/{{total}}）\n"
    room = limit - len(head.format(n=99, total=99).encode("utf-8"))
    chunks: list[str] = []
    current = ""
    for line in body.split("\n"):
        line = _cut(line, room)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate.encode("utf-8")) > room:
            chunks.append(current)
            candidate = line
        current = candidate
    chunks.append(current)
    if len(chunks) == 1 and len(f"{title}\n{chunks[0]}".encode()) <= limit:
        return [f"{title}\n{chunks[0]}"]
    return [head.format(n=i, total=len(chunks)) + c for i, c in enumerate(chunks, 1)]


def _cut(line: str, room: int) -> str:
    """A single line longer than the room is cut, saying where the rest is."""
    if len(line.encode("utf-8")) <= room:
        return line
    pointer = "…（过长已截断，全文见同一提醒的邮件，或向省总工会权益保障部索取）"
    budget = room - len(pointer.encode("utf-8"))
    data = line.encode("utf-8")[:budget]
    return data.decode("utf-8", errors="ignore") + pointer


def _markdown(body: str) -> str:
    return "  \n".join(body.split("\n"))


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=PackageLoader("notifications", "templates"),
                       autoescape=select_autoescape(["html", "j2"]))


def _html(title: str, body: str) -> str:
    paragraphs = [p.split("\n") for p in body.split("\n\n")]
    return _env().get_template("email.html.j2").render(title=title, paragraphs=paragraphs)
