"""Files people hand in: their SHA-256 and where they may come from."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from models.errors import InputError, Problem, fail


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


def copy_into_store(source: Path, folder: Path, sha: str, store: str) -> Path:
    """A copy named <sha12>-<original name> in `folder`, so versions never overwrite each other.

    `store` names the store in the error (e.g. 档案库) when the copy's hash differs from the original's.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{sha[:12]}-{source.name}"
    shutil.copy2(source, target)
    if sha256_file(target) != sha:
        target.unlink()
        raise InputError(Problem(source.name, f"复制到{store}后校验不一致，文件可能正在被修改，请重试"))
    return target
