"""Files people hand in: their SHA-256 and where they may come from."""

from __future__ import annotations

import hashlib
from pathlib import Path

from models.errors import fail


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def readable_file(path: Path) -> Path:
    """The resolved path of an existing, non-empty regular file; otherwise an InputError."""
    if not path.exists():
        raise fail(path.name, "文件不存在")
    if not path.is_file():
        raise fail(path.name, "不是文件")
    if path.stat().st_size == 0:
        raise fail(path.name, "文件为空")
    return path.resolve()


def inside_allowed(path: Path, roots: list[Path]) -> bool:
    """True when the resolved path lies under one of the allowed folders (symlinks resolved)."""
    real = path.resolve()
    return any(real.is_relative_to(root.resolve()) for root in roots)
