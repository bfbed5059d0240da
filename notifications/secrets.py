"""Keep notification URLs and tokens out of logs and files."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

NOISY_LOGGERS = ("apprise", "urllib3", "requests")

# Long runs of token-like characters, and key=value query parameters that carry secrets.
_TOKEN = re.compile(r"[A-Za-z0-9_\-]{16,}")
_QUERY_SECRET = re.compile(r"(?i)((?:access_token|token|key|secret|sign|password|pass)=)[^&\s]+")
_USERINFO = re.compile(r"(://)[^/\s@]+@")


def guard_loggers() -> None:
    """Third-party loggers never go below INFO: at DEBUG they print full URLs with keys."""
    for name in NOISY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET or logger.level < logging.INFO:
            logger.setLevel(logging.INFO)


@lru_cache(maxsize=4096)
def scrub(text: str) -> str:
    """Mask anything that may be a credential before it is stored or printed."""
    text = _QUERY_SECRET.sub(r"\1***", text)
    text = _USERINFO.sub(r"\1***@", text)
    return _TOKEN.sub(lambda m: m.group(0)[:4] + "***", text)
