"""A damaged database stops every command, untouched; db check and db backup via the console script."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.e2e.conftest import run_cli
from tests.support.database import migrated_engine, start_default_programme, stored_programmes


@pytest.fixture(scope="module")
def real_database(tmp_path_factory) -> Path:
    """A real legalcap.db with the 2026 programme started, checkpointed into one file."""
    path = tmp_path_factory.mktemp("real") / "legalcap.db"
    with migrated_engine(f"sqlite:///{path}") as engine:
        start_default_programme(engine)
    return path


def _scrambled_pages(data: bytes) -> bytes:
    """The same size and a sound header, but every page after the first starts with garbage."""
    page = int.from_bytes(data[16:18], "big")
    out = bytearray(data)
    for start in range(page, len(out), page):
        out[start:start + 16] = b"\xff" * 16
    return bytes(out)


DAMAGE = {
    "empty": lambda data: b"",
    "garbage": lambda data: ("这不是数据库" * 3000).encode(),
    "half": lambda data: data[: len(data) // 2],
    "scrambled": _scrambled_pages,
}
COMMANDS = {
    "status": ("status", "--as-of", "2026-05-13"),
    "tick": ("tick", "--as-of", "2026-05-13"),
    "programme-start": ("programme", "start", "--year", "2026"),
}


def _damaged_home(home: Path, real: Path, kind: str) -> Path:
    path = home / "legalcap.db"
    path.write_bytes(DAMAGE[kind](real.read_bytes()))
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_error_line(result) -> str:
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("提示：")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("错误：")
    return lines[0]


CASES = [(kind, command) for kind in ("empty", "garbage", "half") for command in COMMANDS]
CASES.append(("scrambled", "status"))  # sound header and size: only quick_check finds it
COMMANDS["serve"] = ("serve", "--port", "4299")
CASES.append(("empty", "serve"))  # refused before any Prefect server starts


@pytest.mark.parametrize(("kind", "command"), CASES)
def test_a_damaged_database_stops_the_command_with_one_line_and_is_left_as_it_was(
    home, real_database, kind, command
):
    path = _damaged_home(home, real_database, kind)
    before = _digest(path)
    result = run_cli(home, *COMMANDS[command])
    assert result.returncode == 2, result.stderr
    line = _one_error_line(result)
    assert str(path) in line and "已损坏" in line and "备份" in line
    assert _digest(path) == before


def test_the_refusal_names_the_latest_backup_and_how_to_restore_it(home, real_database):
    path = _damaged_home(home, real_database, "half")
    backups = home / "backups"
    backups.mkdir()
    shutil.copy(real_database, backups / "legalcap-daily-2026-05-12.db")
    result = run_cli(home, "status", "--as-of", "2026-05-13")
    line = _one_error_line(result)
    assert str(backups / "legalcap-daily-2026-05-12.db") in line
    assert "停止 legalcap" in line and "复制为该文件" in line
    assert "文件不完整" in line and str(path) in line


def test_a_missing_database_is_still_created(home):
    result = run_cli(home, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert (home / "legalcap.db").stat().st_size > 0


def test_db_check_passes_a_sound_database(home, real_database):
    shutil.copy(real_database, home / "legalcap.db")
    result = run_cli(home, "db", "check")
    assert result.returncode == 0, result.stderr
    assert "完整性检查（PRAGMA integrity_check）：通过" in result.stdout
    assert "programme 1" in result.stdout and "（最新）" in result.stdout
    assert "结论：数据库完好" in result.stdout


@pytest.mark.parametrize("kind", ["garbage", "scrambled"])
def test_db_check_reports_a_damaged_database_with_exit_2_and_changes_nothing(home, real_database, kind):
    path = _damaged_home(home, real_database, kind)
    before = _digest(path)
    result = run_cli(home, "db", "check")
    assert result.returncode == 2
    assert "未通过" in result.stdout and str(path) in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert _digest(path) == before


def test_db_backup_writes_a_copy_that_opens_and_holds_the_same_programme(home, real_database, tmp_path):
    shutil.copy(real_database, home / "legalcap.db")
    result = run_cli(home, "db", "backup", "--to", str(tmp_path / "备份"))
    assert result.returncode == 0, result.stderr
    copies = list((tmp_path / "备份").glob("legalcap-*.db"))
    assert len(copies) == 1
    assert str(copies[0]) in result.stdout and "完整性检查通过" in result.stdout
    assert stored_programmes(copies[0]) == stored_programmes(home / "legalcap.db")
    assert len(stored_programmes(copies[0])) == 1


def test_db_backup_refuses_a_damaged_database(home, real_database, tmp_path):
    _damaged_home(home, real_database, "garbage")
    result = run_cli(home, "db", "backup", "--to", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "已损坏" in _one_error_line(result)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
