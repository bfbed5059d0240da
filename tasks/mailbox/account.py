"""Which mailbox to read, from the settings: LEGALCAP_MAILBOX_URL and LEGALCAP_MAILBOX_PASSWORD."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from config.settings import Settings
from models.errors import Refusal

DEFAULT_PORTS = {"imaps": 993, "imap": 143}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class MailboxError(Refusal):
    """The mailbox cannot be read (not configured, login refused, connection lost): one Chinese line."""


@dataclass(frozen=True)
class MailboxAccount:
    """An IMAP account; the password is never part of its text (repr hides it)."""

    scheme: str
    host: str
    port: int
    user: str
    folder: str
    processed_folder: str
    mark: str
    timeout: float
    password: str = field(repr=False, default="")

    @property
    def shown(self) -> str:
        return f"{self.scheme}://{self.user}@{self.host}:{self.port}/{self.folder}"


def account_from_settings(settings: Settings) -> MailboxAccount:
    """The configured mailbox, or a MailboxError saying what to set."""
    if not settings.mailbox_url:
        raise MailboxError("未配置报送邮箱：请设置 LEGALCAP_MAILBOX_URL（如 imaps://用户名@imap.163.com:993/INBOX）")
    parts = parse_url(settings.mailbox_url)
    if parts["scheme"] == "maildir":  # a local folder: no password
        return MailboxAccount(**parts, processed_folder=settings.mailbox_processed_folder,
                              mark=settings.mailbox_mark, timeout=settings.mailbox_timeout_seconds)
    secret = settings.mailbox_password.get_secret_value() if settings.mailbox_password else ""
    if not secret:
        raise MailboxError("未设置邮箱授权码：请在环境变量 LEGALCAP_MAILBOX_PASSWORD 中提供")
    return MailboxAccount(**parts, processed_folder=settings.mailbox_processed_folder,
                          mark=settings.mailbox_mark, timeout=settings.mailbox_timeout_seconds,
                          password=secret)


def parse_url(url: str) -> dict:
    """scheme, host, port, user and folder of imaps://user@host:port/folder (imap:// only on loopback)."""
    where = "LEGALCAP_MAILBOX_URL"
    if url.strip().startswith("maildir:"):
        return _maildir_parts(url.strip())
    try:
        split = urlsplit(url.strip())
        port = split.port
    except ValueError:
        raise MailboxError(f"{where} 格式不正确（应为 imaps://用户名@主机:端口/文件夹）") from None
    if split.scheme not in DEFAULT_PORTS or not split.hostname or not split.username:
        raise MailboxError(f"{where} 格式不正确（应为 imaps://用户名@主机:端口/文件夹）")
    if split.password is not None:
        raise MailboxError(f"{where} 中不能包含密码：请改用环境变量 LEGALCAP_MAILBOX_PASSWORD")
    if split.scheme == "imap" and split.hostname not in LOOPBACK:
        raise MailboxError(f"{where} 必须使用加密连接 imaps://（imap:// 只用于本机测试）")
    return {"scheme": split.scheme, "host": split.hostname, "port": port or DEFAULT_PORTS[split.scheme],
            "user": unquote(split.username), "folder": unquote(split.path.lstrip("/")) or "INBOX"}


def _maildir_parts(url: str) -> dict:
    """maildir:///abs/path → the folder is the absolute path (a local Maildir, no host, no user)."""
    path = unquote(urlsplit(url).path)
    if not url.startswith("maildir:///") or not path.startswith("/"):
        raise MailboxError("LEGALCAP_MAILBOX_URL 格式不正确（本地邮件文件夹应为 maildir:///绝对路径）")
    return {"scheme": "maildir", "host": "", "port": 0, "user": "", "folder": path}
