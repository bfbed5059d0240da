"""Local test servers on 127.0.0.1: an HTTP receiver for Apprise's json:// plugin and an SMTP server.

Both bind to a free port on the loopback interface only; nothing here reaches the network.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HOST = "127.0.0.1"
ID_MARK = re.compile(r"编号 #(\d+)")

OK, ERROR, SLOW = "ok", "error", "slow"


def wait_until(predicate: Callable[[], object], timeout: float, what: str, poll: float = 0.02):
    """Poll until predicate() is truthy; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(poll)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    """One POST as the receiver saw it, and how it answered (ok, error or slow)."""

    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    payload: dict
    answer: str

    @property
    def title(self) -> str:
        return self.payload.get("title", "")

    @property
    def message(self) -> str:
        return self.payload.get("message", "")

    @property
    def type(self) -> str:
        return self.payload.get("type", "")

    @property
    def ids(self) -> list[int]:
        """The outbox row ids the message covers (each body names its rows as `编号 #<id>`)."""
        return [int(m) for m in ID_MARK.findall(self.message)]

    @property
    def delivered(self) -> bool:
        return self.answer == OK


class Receiver:
    """A threaded HTTP endpoint that answers 200, 500, or sleeps past the client's timeout.

    `mode` applies to the next requests and can be switched at any time (per path via `modes`).
    Every request is recorded before it is answered, so a sender that got its answer has been seen.
    """

    def __init__(self, slow_seconds: float = 10.0):
        self.mode = OK
        self.modes: dict[str, str] = {}
        self.slow_seconds = slow_seconds
        self.on_request: Callable[[Received], None] | None = None
        self._received: list[Received] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server = ThreadingHTTPServer((HOST, 0), self._handler_class())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02},
                                        name="wire-receiver", daemon=True)

    def start(self) -> Receiver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str, query: str = "", userinfo: str = "") -> str:
        """The json:// URL of `path` on this receiver (userinfo like `user:pass@`)."""
        return f"json://{userinfo}{HOST}:{self.port}/{path.lstrip('/')}" + (f"?{query}" if query else "")

    @property
    def received(self) -> list[Received]:
        with self._lock:
            return list(self._received)

    def delivered(self, path: str | None = None) -> list[Received]:
        """Requests answered 200 (to `path` only, if given)."""
        return [r for r in self.received if r.delivered and (path is None or r.path == path)]

    def _answer_for(self, path: str) -> str:
        return self.modes.get(path, self.mode)

    def _record(self, received: Received) -> None:
        with self._lock:
            self._received.append(received)
        if self.on_request is not None:
            self.on_request(received)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    payload = json.loads(raw.decode("utf-8")) if raw else {}
                except ValueError:
                    payload = {"unparsed": raw.decode("utf-8", errors="replace")}
                parts = urlsplit(self.path)
                answer = receiver._answer_for(parts.path)
                receiver._record(Received(parts.path, parse_qs(parts.query), dict(self.headers.items()),
                                          payload, answer))
                if answer == SLOW:
                    receiver._release.wait(receiver.slow_seconds)
                status = 500 if answer == ERROR else 200
                body = b'{"error": "receiver down"}' if answer == ERROR else b'{"ok": true}'
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up (timeout) or was killed
                    pass

            def log_message(self, format: str, *args) -> None:  # quiet
                return

        return Handler


@contextmanager
def running_receiver(slow_seconds: float = 10.0) -> Iterator[Receiver]:
    receiver = Receiver(slow_seconds).start()
    try:
        yield receiver
    finally:
        receiver.stop()


@dataclass
class Mail:
    """One message accepted by the SMTP server."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.raw, policy=policy.default)


@dataclass
class MailServer:
    """aiosmtpd on 127.0.0.1 accepting any login (no TLS), collecting what it receives."""

    port: int = 0
    mails: list[Mail] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:
        self.mails.append(Mail(envelope.mail_from, list(envelope.rcpt_tos),
                               envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult, LoginPassword

        if isinstance(auth_data, LoginPassword):
            self.logins.append(auth_data.login.decode("utf-8"))
        return AuthResult(success=True)


@contextmanager
def running_mail_server() -> Iterator[MailServer]:
    from aiosmtpd.controller import Controller

    mail = MailServer(port=free_port())
    controller = Controller(mail, hostname=HOST, port=mail.port, authenticator=mail.authenticate,
                            auth_require_tls=False, ready_timeout=10)
    controller.start()
    try:
        yield mail
    finally:
        controller.stop()
