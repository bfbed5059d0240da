"""E-mail to one exact address (a mailbox receipt to whoever sent the file), through Apprise's mailto.

Configured by LEGALCAP_SMTP_URL (`mailtos://用户名@163.com?smtp=smtp.163.com`, no password) and
LEGALCAP_SMTP_PASSWORD (environment only). An outbox row stores the recipient's address, never a URL;
the Apprise URL, with the password and `to=<address>`, exists only in memory at send time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import apprise

from config.settings import Settings
from config.yaml_files import ConfigError

SCHEMES = ("mailto", "mailtos")
WHERE = "LEGALCAP_SMTP_URL"
FORM = "mailtos://用户名@163.com?smtp=smtp.163.com"
PROBE = "probe@example.org"
# a receipt is an automatic answer (RFC 3834): auto-responders (out of office) must not answer it in turn,
# or a receipt, an auto-reply, a receipt … would loop; Exchange/Outlook honour the second header
AUTOMATIC = (("+Auto-Submitted", "auto-replied"), ("+X-Auto-Response-Suppress", "All"))


@dataclass(frozen=True)
class MailRoute:
    """The sending account: its URL without secret (safe to show) and the password (never shown)."""

    url: str
    password: str = field(default="", repr=False)

    def url_to(self, address: str) -> str:
        """The Apprise URL that sends to `address` (holds the password: use it, never keep or print it)."""
        split = urlsplit(self.url)
        netloc = split.netloc
        if self.password:
            user, _, host = netloc.rpartition("@")
            netloc = f"{user}:{quote(self.password, safe='')}@{host}"
        query = [(k, v) for k, v in parse_qsl(split.query) if k != "to"] + [("to", address), *AUTOMATIC]
        return urlunsplit((split.scheme, netloc, split.path, urlencode(query), ""))

    def service_to(self, address: str):
        """One Apprise e-mail service to `address`, or a ConfigError (Chinese) when it cannot be built."""
        service = apprise.Apprise.instantiate(self.url_to(address))
        if service is None:
            raise ConfigError(f"{WHERE} 无法用于发送邮件（应为 {FORM}），收件人 {address}")
        return service


def mail_route(url: str | None, password: str = "") -> MailRoute | None:
    """The configured route, None when not configured; a ConfigError naming what is wrong."""
    if not url or not url.strip():
        return None
    try:
        split = urlsplit(url.strip())
        split.port  # noqa: B018  (a bad port raises here)
    except ValueError:
        raise ConfigError(f"{WHERE} 格式不正确（应为 {FORM}）") from None
    if split.scheme not in SCHEMES or not split.hostname or not split.username:
        raise ConfigError(f"{WHERE} 格式不正确（应为 {FORM}）")
    if split.password is not None or any(k in ("pass", "password") for k, _ in parse_qsl(split.query)):
        raise ConfigError(f"{WHERE} 中不能包含密码：请改用环境变量 LEGALCAP_SMTP_PASSWORD")
    if not password:
        raise ConfigError("未设置发件邮箱授权码：请在环境变量 LEGALCAP_SMTP_PASSWORD 中提供")
    route = MailRoute(url.strip(), password)
    route.service_to(PROBE)  # a URL Apprise cannot use is refused now, not at the first receipt
    return route


def mail_route_from_settings(settings: Settings) -> MailRoute | None:
    secret = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
    return mail_route(settings.smtp_url, secret)
