"""Files people hand in: their SHA-256 and where they may come from."""

from __future__ import annotations

import errno
import hashlib
import re
import shutil
from pathlib import Path

from models.errors import InputError, Problem, fail
from models.text_clean import is_control, visible_text
from tasks.file_kinds import check_matches_suffix

NAME_MAX_BYTES = 255                 # a file name on Linux, macOS and Windows file systems
UNSAFE = frozenset('/\\:*?"<>|\t\n\r')   # characters a name in the store (or a Windows copy) cannot hold


def sha256_file(path: Path) -> str:
    """The file's SHA-256 as hex, read in 1 MB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def readable_file(path: Path) -> Path:
    """The resolved path of an existing, readable, non-empty regular file; otherwise an InputError."""
    name = shown_name(path)
    try:
        if not path.exists():
            raise fail(name, "文件不存在")
        if not path.is_file():
            raise fail(name, "不是文件")
        if path.stat().st_size == 0:
            raise fail(name, "文件为空")
        with path.open("rb"):
            pass
        return path.resolve()
    except OSError as exc:
        raise fail(name, _os_reason(exc)) from None
    except RuntimeError:            # a symlink loop
        raise fail(name, "无法读取：路径中有循环的符号链接") from None


def _os_reason(exc: OSError) -> str:
    """A file-system error in Chinese."""
    if exc.errno == errno.ENAMETOOLONG:
        return f"文件名或路径过长（文件名不能超过 {NAME_MAX_BYTES} 字节，约 85 个汉字），请改短后再提交"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有读取该文件的权限"
    if exc.errno == errno.ELOOP:
        return "无法读取：路径中有循环的符号链接"
    return f"无法读取文件（{exc.strerror or exc}）"


def shown_name(path: Path) -> str:
    """The file's name for a message: control characters (a newline in a name) shown as “?”."""
    return "".join("?" if is_control(ch) or ch in "\r\n\t" else ch for ch in path.name) or str(path)


def stored_name(name: str, sha: str) -> str:
    """A safe name for the copy in a store: <sha12>-<name>, with characters that break a path or a
    Windows copy replaced, no leading dot, and shortened (keeping its extension) to fit 255 bytes."""
    clean = "".join("_" if is_control(ch) or ch in UNSAFE else ch for ch in visible_text(name))
    clean = clean.strip(" ._")
    stem, dot, ext = clean.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,10}", ext):
        stem, ext = clean, ""
    suffix = f".{ext.lower()}" if ext else ""
    prefix = f"{sha[:12]}-"
    room = NAME_MAX_BYTES - len(prefix.encode()) - len(suffix.encode())
    stem = stem.encode()[:room].decode("utf-8", errors="ignore").strip(" .") or "file"
    return f"{prefix}{stem}{suffix}"


def inside_allowed(path: Path, roots: list[Path]) -> bool:
    """True when the resolved path lies under one of the allowed folders (symlinks resolved)."""
    real = path.resolve()
    return any(real.is_relative_to(root.resolve()) for root in roots)


def allowed_file(source: Path, roots: list[Path]) -> Path:
    """The resolved file when it is readable, inside an allowed folder and its content fits its extension;
    otherwise an InputError."""
    path = readable_file(source)
    if not inside_allowed(path, roots):
        allowed = "、".join(str(r) for r in roots)
        raise InputError(Problem(source.name, f"文件不在允许登记的目录内（允许：{allowed}）"))
    check_matches_suffix(path, source.name)
    return path


def copy_into_store(source: Path, folder: Path, sha: str, store: str) -> Path:
    """A copy named <sha12>-<original name> (made safe, see stored_name) in `folder`, so versions
    never overwrite each other. The original path stays in the audit record.

    `store` names the store in the error (e.g. 档案库) when the copy's hash differs from the original's.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / stored_name(source.name, sha)
    shutil.copy2(source, target)
    if sha256_file(target) != sha:
        target.unlink()
        raise InputError(Problem(source.name, f"复制到{store}后校验不一致，文件可能正在被修改，请重试"))
    return target
