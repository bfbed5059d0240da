"""Uploads before any importer: a body over the limit is refused before it is read, then size and type.

`BodyLimit` (ASGI) answers 413 from the Content-Length header alone, or as soon as a body without
one grows past the limit, so a 50 MB upload never reaches the form parser, CSRF check or intake.
`checked` reads an accepted upload and applies models/upload_rules (size, extension and magic bytes).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from starlette.datastructures import UploadFile
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from models.upload_rules import HEAD_BYTES, MB, size_problem, type_problem
from web.security import HEADERS

FORM_OVERHEAD = 1 * MB   # the multipart framing and the form's other fields beside the file


def too_large_text(limit_bytes: int) -> str:
    return f"上传内容超过门户上限 {limit_bytes / MB:g} MB，未予接收；请压缩或分批报送"


class TooLarge(Exception):
    """The body grew past the limit while it was being read."""


class BodyLimit:
    """Refuse a request body over `limit_bytes` (plus the form's overhead) with 413, unread."""

    def __init__(self, app: ASGIApp, limit_bytes: int) -> None:
        self.app, self.limit = app, limit_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        cap = self.limit + FORM_OVERHEAD
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > cap:
            await self._refuse(send)
            return
        seen, started = 0, False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > cap:
                raise TooLarge()
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except Exception as exc:   # a middleware's task group hands it on inside an ExceptionGroup
            if not _too_large(exc) or started:
                raise
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        text = escape(too_large_text(self.limit))
        body = ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                "<title>无法完成 · 县（区）工会法律能力提升项目</title><link rel=\"icon\" href=\"data:,\">"
                f"</head><body><h1>无法完成</h1><p class=\"error\" role=\"alert\">{text}</p>"
                "<p><a href=\"/\">返回首页</a></p></body></html>").encode()
        headers = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
        headers += [(b"content-type", b"text/html; charset=utf-8"), (b"connection", b"close"),
                    (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _too_large(exc: BaseException) -> bool:
    if isinstance(exc, BaseExceptionGroup):
        return exc.subgroup(TooLarge) is not None
    return isinstance(exc, TooLarge)


@dataclass(frozen=True)
class Checked:
    """An upload read and checked: its name and bytes, or why it is refused."""

    name: str
    content: bytes = b""
    problem: str = ""


async def checked(upload: UploadFile | str | None, limit_bytes: int) -> Checked:
    """The uploaded file read (at most limit + 1 bytes) and checked for size and type."""
    if not isinstance(upload, UploadFile) or not upload.filename:
        return Checked("", problem="请选择要上传的文件")
    name = upload.filename.replace("\\", "/").rsplit("/", 1)[-1][:200]
    problem = type_problem(name, await upload.read(HEAD_BYTES))
    if problem:
        return Checked(name, problem=problem)
    await upload.seek(0)
    content = await upload.read(limit_bytes + 1)
    problem = size_problem(len(content), limit_bytes)
    return Checked(name, problem=problem) if problem else Checked(name, content)
