"""Sessions, CSRF and headers: a signed HttpOnly SameSite cookie with idle and absolute expiry.

The cookie holds only ids and times ({u: user id, e: session epoch, c: CSRF token, i: issued, s: seen});
it is signed with itsdangerous and checked against the app's clock on every request.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, Signer, URLSafeSerializer, want_bytes
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from config.settings import Settings

COOKIE = "legalcap_session"
CSRF_FIELD = "csrf_token"
SECRET_FILE = "web-secret.key"
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "same-origin", "Cross-Origin-Opener-Policy": "same-origin"}


@dataclass(frozen=True)
class SessionPolicy:
    """How long a session lives: idle (since the last request) and absolute (since login)."""

    idle: dt.timedelta
    absolute: dt.timedelta
    secure: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> SessionPolicy:
        return cls(dt.timedelta(minutes=settings.web_session_idle_minutes),
                   dt.timedelta(hours=settings.web_session_max_hours), settings.web_cookie_secure)


def secret_key(settings: Settings) -> str:
    """LEGALCAP_WEB_SECRET_KEY, else a random key kept (mode 600) in LEGALCAP_HOME/web-secret.key."""
    if settings.web_secret_key is not None:
        value = settings.web_secret_key.get_secret_value()
        if len(value) < 32:
            from models.errors import Refusal
            raise Refusal("LEGALCAP_WEB_SECRET_KEY：会话签名密钥至少 32 位")
        return value
    path: Path = settings.home_dir / SECRET_FILE
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


class KeptKeySigner(Signer):
    """itsdangerous' Signer keeping its derived keys per process (it re-derives one per signature)."""

    def derive_key(self, secret_key: str | bytes | None = None) -> bytes:
        key = self.secret_keys[-1] if secret_key is None else want_bytes(secret_key)
        where = (self.salt, key, self.key_derivation, self.digest_method)
        derived = DERIVED.get(where)
        if derived is None:
            derived = DERIVED.setdefault(where, super().derive_key(key))
        return derived


DERIVED: dict[tuple, bytes] = {}


def serializer(key: str) -> URLSafeSerializer:
    return URLSafeSerializer(key, salt="legalcap-web-session", signer=KeptKeySigner)


def new_session(now: dt.datetime, user_id: int | None = None, epoch: int = 0) -> dict:
    """A fresh session with a new CSRF token (at login the token changes: no session fixation)."""
    data = {"c": secrets.token_urlsafe(32), "i": int(now.timestamp()), "s": int(now.timestamp())}
    if user_id is not None:
        data |= {"u": user_id, "e": epoch}
    return data


def read_session(cookie: str | None, signer: URLSafeSerializer, now: dt.datetime, policy: SessionPolicy
                 ) -> tuple[dict | None, bool]:
    """The session of a cookie and whether it had expired (then None); a forged cookie is no session."""
    if not cookie:
        return None, False
    try:
        data = signer.loads(cookie)
    except BadSignature:
        return None, False
    if not isinstance(data, dict) or not {"c", "i", "s"} <= data.keys():
        return None, False
    stamp = now.timestamp()
    if stamp - data["s"] > policy.idle.total_seconds() or stamp - data["i"] > policy.absolute.total_seconds():
        return None, "u" in data
    return data, False


def csrf_ok(session: dict, token: object) -> bool:
    return isinstance(token, str) and bool(token) and hmac.compare_digest(token, session["c"])


def session_cookie(value: str, secure: bool) -> str:
    """The Set-Cookie value of a signed session (as starlette's Response.set_cookie writes it; the signed
    value is URL-safe base64 and dots, which a cookie carries unquoted)."""
    return f"{COOKIE}={value}; HttpOnly; Path=/; SameSite=lax" + ("; Secure" if secure else "")


class SessionMiddleware:
    """Read the session before the route, write it back (seen = now) after; add the security headers.

    A plain ASGI middleware (starlette's BaseHTTPMiddleware costs a task and a stream per request)."""

    def __init__(self, app: ASGIApp, signer: URLSafeSerializer, policy: SessionPolicy,
                 clock: Callable[[], dt.datetime]) -> None:
        self.app, self.signer, self.policy, self.clock = app, signer, policy, clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"].startswith("/static/"):
            await self.app(scope, receive, self._static(send))
            return
        request = Request(scope)
        now = self.clock()
        data, expired = read_session(request.cookies.get(COOKIE), self.signer, now, self.policy)
        request.state.now = now
        request.state.session = data or new_session(now)
        request.state.session_expired = expired

        async def send_session(message: Message) -> None:
            if message["type"] == "http.response.start":
                session = request.state.session
                session["s"] = int(now.timestamp())
                headers = MutableHeaders(scope=message)
                headers.append("set-cookie", session_cookie(self.signer.dumps(session), self.policy.secure))
                for name, value in HEADERS.items():   # a route may set a stricter or narrower CSP of its own
                    headers.setdefault(name, value)
                headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_session)

    @staticmethod
    def _static(send: Send) -> Send:
        async def send_static(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)
        return send_static
