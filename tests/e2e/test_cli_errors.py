"""User mistakes: one clear Chinese line, exit code 2, no traceback, nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from config.loader import default_config_path
from models.db import head_revision
from tests.e2e.conftest import run_cli


def _misspelt_config(tmp_path: Path) -> Path:
    data = yaml.safe_load(default_config_path(2026).read_text(encoding="utf-8"))
    data["quotas"]["publicty"] = data["quotas"].pop("publicity")
    path = tmp_path / "programme-bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_misspelt_quota_key_exits_2_and_names_the_key(home, tmp_path):
    result = run_cli(home, "programme", "start", "--year", "2026", "--config",
                     str(_misspelt_config(tmp_path)))
    assert result.returncode == 2
    assert "quotas.publicty: unknown key" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    after = run_cli(home, "status", "--as-of", "2026-05-13")
    assert after.returncode == 2 and "尚未启动" in after.stderr  # nothing was stored


def test_a_config_for_another_year_is_refused(home):
    result = run_cli(home, "programme", "start", "--year", "2027", "--config",
                     str(default_config_path(2026)))
    assert result.returncode == 2
    assert "year" in result.stderr and "2026" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("status", "--as-of", "2026-13-01"), "--as-of"),
        (("status", "--format", "xml", "--as-of", "2026-05-13"), "--format"),
        (("status", "--as-of", "2026-05-13"), "programme start"),
        (("tick", "--as-of", "2026-05-13"), "programme start"),
        (("gates", "explain", "--unit", "999999", "--as-of", "2026-05-13"), "programme start"),
        (("simulate",), "--demo"),
        (("simulate", "--demo", "--from", "2026-06-01", "--to", "2026-05-01"), "--to"),
    ],
)
def test_bad_input_gets_one_chinese_line_and_exit_2(home, args, expected):
    result = run_cli(home, *args)
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert result.stderr.startswith("错误：")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [(), ("programme", "start"), ("tick",), ("status",), ("gates", "explain"), ("simulate",),
     ("serve",), ("db", "upgrade"), ("notify", "test"), ("notifications", "list")],
)
def test_every_command_has_help(home, command):
    result = run_cli(home, *command, "--help")
    assert result.returncode == 0
    assert "Usage" in result.stdout


def test_db_upgrade_creates_the_database_under_legalcap_home(home):
    result = run_cli(home, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert (home / "legalcap.db").exists()
    assert head_revision() in result.stdout  # the newest migration, whichever it is
