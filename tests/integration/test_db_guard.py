"""The guard runs quick_check once per file state, not on every command; a changed file is checked again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import tasks.db_guard as guard
from tests.support.database import migrated_sqlite_file


@pytest.fixture
def sound_file(tmp_path: Path) -> Path:
    return migrated_sqlite_file(tmp_path)


@pytest.fixture
def quick_checks(monkeypatch) -> list[Path]:
    calls: list[Path] = []
    real = guard.run_check

    def counted(path: Path, pragma: str = "quick_check"):
        calls.append(path)
        return real(path, pragma)

    monkeypatch.setattr(guard, "run_check", counted)
    return calls


def test_a_file_that_passed_is_not_checked_again_until_it_changes(sound_file, tmp_path, quick_checks):
    url = f"sqlite:///{sound_file}"
    guard.verify_existing(url, tmp_path)
    guard.verify_existing(url, tmp_path)
    assert len(quick_checks) == 1
    assert guard.stamp_path(sound_file).exists()
    st = sound_file.stat()
    os.utime(sound_file, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    guard.verify_existing(url, tmp_path)
    assert len(quick_checks) == 2


def _scramble(path: Path) -> None:
    """Garbage at the start of every page after the first: same size, sound header."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for start in range(page, len(data), page):
        data[start:start + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))


def test_a_remembered_state_does_not_excuse_a_file_damaged_since(sound_file, tmp_path):
    url = f"sqlite:///{sound_file}"
    guard.verify_existing(url, tmp_path)
    _scramble(sound_file)
    with pytest.raises(guard.DatabaseRefused, match="已损坏"):
        guard.verify_existing(url, tmp_path)


def test_a_failed_check_is_not_remembered(sound_file, tmp_path, quick_checks):
    _scramble(sound_file)
    for _ in range(2):
        with pytest.raises(guard.DatabaseRefused):
            guard.verify_existing(f"sqlite:///{sound_file}", tmp_path)
    assert len(quick_checks) == 2
    assert not guard.stamp_path(sound_file).exists()
