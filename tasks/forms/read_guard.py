"""The last line of defence of every reader: a library's unexpected exception on a damaged file
becomes “无法读取…” naming the file (exit 2), never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from models.errors import InputError, fail

log = logging.getLogger("legalcap.forms")
DAMAGED = "无法读取：文件已损坏或内容异常，请用 Word/WPS 打开并重新保存后再提交"


@contextmanager
def reading(name: str, reason: str = DAMAGED) -> Iterator[None]:
    """Run a reader; an exception other than InputError becomes an InputError on `name`."""
    try:
        yield
    except InputError:
        raise
    except Exception:  # lxml, zipfile, python-docx, codecs … on a file they did not expect
        log.debug("reading %s failed", name, exc_info=True)
        raise fail(name, reason) from None
