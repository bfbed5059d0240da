"""Small file systems for e2e tests: a read-only folder and a full disk (tmpfs mounts, as root)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *args], capture_output=True, text=True, check=False)


@contextmanager
def tmpfs(folder: Path, *, size_kb: int = 256, read_only: bool = False) -> Iterator[Path]:
    """A tmpfs of size_kb mounted on folder (then made read-only if asked), unmounted afterwards.

    Skipped with the reason where mounting is not allowed; under CI=true that is a failure.
    """
    folder.mkdir(parents=True, exist_ok=True)
    done = _mount("-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(folder))
    if done.returncode != 0:
        reason = f"cannot mount a tmpfs here ({done.stderr.strip() or done.returncode})"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        if read_only:
            remount = _mount("-o", "remount,ro", str(folder))
            assert remount.returncode == 0, remount.stderr
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Write until the file system says it is full (ENOSPC)."""
    chunk = b"\0" * 4096
    with (folder / "filler").open("wb", buffering=0) as fh:
        try:
            while True:
                fh.write(chunk)
        except OSError:
            pass
