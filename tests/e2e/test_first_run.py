"""A first run on a difficult machine: one Chinese line and an exit code, no traceback on the terminal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from config.logs import log_path
from config.settings import DEFAULT_STARTUP_TIMEOUT_SECONDS, EPHEMERAL_STARTUP_TIMEOUT, Settings
from config.settings import prepare_prefect_environment as prepare
from models.db import session_scope
from tests.e2e.conftest import run_cli
from tests.e2e.machine import fill, tmpfs
from tests.support.database import migrated_engine, start_default_programme

TIMEOUT_VARIABLE = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"


def one_line(result) -> str:
    """stderr is exactly one line and carries no traceback; that line."""
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def started_home(home: Path, *, config_json: str | None = None) -> None:
    """The 2026 programme started in the home's database without Prefect (optionally damaged)."""
    with migrated_engine(f"sqlite:///{home / 'legalcap.db'}") as engine:
        start_default_programme(engine)
        if config_json is not None:
            with session_scope(engine) as session:
                session.execute(text("UPDATE programme SET config_json = :c"), {"c": config_json})


def test_legalcap_gives_prefects_temporary_server_300_seconds_unless_the_user_chose(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "environ", dict(os.environ))  # nothing set here outlives the test
    monkeypatch.delenv(TIMEOUT_VARIABLE, raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    prepare(Settings(home=tmp_path))
    assert os.environ[TIMEOUT_VARIABLE] == str(DEFAULT_STARTUP_TIMEOUT_SECONDS) == "300"
    monkeypatch.setenv(TIMEOUT_VARIABLE, "45")
    prepare(Settings(home=tmp_path))
    assert os.environ[EPHEMERAL_STARTUP_TIMEOUT] == "45"


def test_a_temporary_server_that_cannot_start_is_one_line_saying_what_to_do_exit_1(home):
    result = run_cli(home, "programme", "start", "--year", "2026", env={TIMEOUT_VARIABLE: "0"})
    assert result.returncode == 1
    line = one_line(result)
    assert "Prefect 临时服务器" in line and "0 秒内未能启动" in line
    assert TIMEOUT_VARIABLE in line and "PREFECT_API_URL" in line and "较空闲时重试" in line
    log = log_path(home).read_text("utf-8")
    assert str(log_path(home)) in line
    assert "Traceback" in log and "Timed out while attempting to connect" in log


@pytest.mark.parametrize(("variable", "value", "form"), [
    ("LEGALCAP_ARCHIVE_ROOTS", "/data", "JSON 列表"),
    ("LEGALCAP_LOG_LEVEL", "loud", "DEBUG、INFO、WARNING、ERROR 或 CRITICAL"),
])
def test_a_setting_in_the_wrong_form_names_the_variable_and_the_form_exit_2(home, variable, value, form):
    result = run_cli(home, "status", env={variable: value})
    assert result.returncode == 2
    line = one_line(result)
    assert variable in line and form in line and f"“{value}”" in line


def test_a_bug_is_an_apology_naming_the_log_file_which_holds_the_traceback(home):
    started_home(home, config_json='{"year": 2026, "broken')
    result = run_cli(home, "status", "--as-of", "2026-05-13")
    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith("抱歉") and str(log_path(home)) in line
    log = log_path(home).read_text("utf-8")
    assert "Traceback" in log and "JSONDecodeError" in log


def test_the_provisional_calendar_warning_is_shown_once_per_home_then_only_logged(home):
    started_home(home)
    first = run_cli(home, "status", "--as-of", "2027-03-01")
    second = run_cli(home, "status", "--as-of", "2027-03-01")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert "2027 年调休安排尚未录入官方数据" in first.stderr
    assert second.stderr == ""
    assert log_path(home).read_text("utf-8").count("2027 年调休安排尚未录入官方数据") == 2
    other = home.parent / "other-home"
    other.mkdir()
    started_home(other)
    elsewhere = run_cli(other, "status", "--as-of", "2027-03-01")
    assert "2027 年调休安排尚未录入官方数据" in elsewhere.stderr


def test_a_home_path_through_a_file_names_the_file_exit_2(home):
    blocker = home / "not-a-folder"
    blocker.write_text("x")
    result = run_cli(home, "status", env={"LEGALCAP_HOME": str(blocker / "home")})
    assert result.returncode == 2
    line = one_line(result)
    assert str(blocker) in line and "不是文件夹" in line


def test_a_read_only_home_names_the_folder_exit_2(tmp_path):
    with tmpfs(tmp_path / "ro-home", read_only=True) as home:
        result = run_cli(home, "status")
    assert result.returncode == 2
    line = one_line(result)
    assert str(home) in line and "只读" in line


def test_a_read_only_prefect_home_stops_before_prefect_waits_for_its_server(home, tmp_path):
    with tmpfs(tmp_path / "ro-prefect", read_only=True) as prefect_home:
        result = run_cli(home, "programme", "start", "--year", "2026",
                         env={"PREFECT_HOME": str(prefect_home)})
    assert result.returncode == 2
    line = one_line(result)
    assert str(prefect_home) in line and "只读" in line


def test_a_full_disk_names_the_folder_exit_2(tmp_path):
    with tmpfs(tmp_path / "full-home", size_kb=64) as home:
        fill(home)
        result = run_cli(home, "status")
    assert result.returncode == 2
    line = one_line(result)
    assert "磁盘空间已满" in line and str(home) in line


def test_a_prefect_home_that_fills_up_while_prefect_starts_names_the_folder(home, tmp_path):
    with tmpfs(tmp_path / "nearly-full", size_kb=128) as prefect_home:
        fill(prefect_home)
        filler = prefect_home / "filler"
        with filler.open("r+b") as fh:
            fh.truncate(filler.stat().st_size - 8192)  # room for legalcap's write check, not for Prefect
        result = run_cli(home, "programme", "start", "--year", "2026",
                         env={"PREFECT_HOME": str(prefect_home), TIMEOUT_VARIABLE: "30"})
    assert result.returncode == 2
    line = one_line(result)
    assert "磁盘空间已满" in line and str(prefect_home) in line
