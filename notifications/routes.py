"""Routing by role: Apprise's own YAML config (LEGALCAP_NOTIFY_CONFIG) or the in-process outbox."""

from __future__ import annotations

import os
import re
from functools import cached_property
from pathlib import Path

import apprise

import notifications.outbox_channel  # noqa: F401  (registers the outbox:// scheme)
from config.yaml_files import ConfigError, shown_path
from notifications.direct_mail import MailRoute
from notifications.secrets import guard_loggers

_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def expand_secrets(text: str, source: str, environ: dict[str, str] | None = None) -> str:
    """Replace ${VAR} with the environment's value; a missing variable is named, never its value."""
    env = os.environ if environ is None else environ
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    missing = sorted({m.group(1) for line in lines for m in _VAR.finditer(line) if m.group(1) not in env})
    if missing:
        raise ConfigError(f"{source}: 缺少环境变量 {', '.join(missing)}（通知密钥只从环境变量读取）")
    return "\n".join(_VAR.sub(lambda m: env[m.group(1)], line) for line in lines)


class Routes:
    """Which Apprise services serve a tag (province, city-340100, unit-340123, evaluator), and the
    e-mail route to an exact address (None: such messages go to their tag's services)."""

    def __init__(self, config_path: Path | None = None, mail: MailRoute | None = None):
        guard_loggers()
        self.config_path = config_path
        self.mail = mail

    @cached_property
    def _configured(self) -> apprise.Apprise | None:
        if self.config_path is None:
            return None
        source = shown_path(self.config_path)
        if not self.config_path.is_file():
            raise ConfigError(f"{source}: 通知路由配置文件不存在")
        text = expand_secrets(self.config_path.read_text(encoding="utf-8"), source)
        config = apprise.AppriseConfig()
        if not config.add_config(text, format="yaml"):
            raise ConfigError(f"{source}: 不是有效的 Apprise YAML 配置")
        apobj = apprise.Apprise()
        apobj.add(config)
        if len(apobj) == 0:
            raise ConfigError(f"{source}: 没有可用的通知地址（请检查 urls 与其格式）")
        return apobj

    def services_for(self, tag: str) -> list:
        """The services a message to `tag` goes to; the default is outbox://<tag>."""
        if self._configured is None:
            return [self._outbox_service(tag)]
        return list(self._configured.find(tag=tag, match_always=True))

    def services_to(self, address: str) -> list:
        """The e-mail service to `address` (built when first needed, kept for the run)."""
        assert self.mail is not None
        cache = self.__dict__.setdefault("_to", {})
        if address not in cache:
            cache[address] = self.mail.service_to(address)
        return [cache[address]]

    def _outbox_service(self, tag: str):
        cache = self.__dict__.setdefault("_outbox", {})
        if tag not in cache:
            cache[tag] = apprise.Apprise.instantiate(f"outbox://{tag}", tag=tag)
        return cache[tag]


def routes_from_settings() -> Routes:
    from config.settings import get_settings
    from notifications.direct_mail import mail_route_from_settings

    settings = get_settings()
    return Routes(settings.notify_config, mail_route_from_settings(settings))
