"""`legalcap users …` end to end: add with --password-stdin, list without hashes, refusals exit 2."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import LEGALCAP, run_cli


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    return tmp_path


def with_stdin(home: Path, text: str, *args: str) -> subprocess.CompletedProcess:
    """The console script with `text` on its standard input (a password for --password-stdin)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))}
    return subprocess.run([str(LEGALCAP), *args], input=text, capture_output=True, text=True,
                          env=env | {"LEGALCAP_HOME": str(home)}, timeout=300, cwd=home)


def test_users_add_list_disable_and_reset(home: Path) -> None:
    added = with_stdin(home, "省总工会管理员密码2026\n", "users", "add", "admin", "--role", "province",
                       "--name", "省总工会 张三", "--password-stdin")
    assert added.returncode == 0, added.stderr
    assert "已建立账号 admin（省总工会，省总工会 张三）" in added.stdout
    listed = run_cli(home, "users", "list", "--format", "json")
    users = json.loads(listed.stdout)["users"]
    assert [(u["username"], u["role"], u["active"]) for u in users] == [("admin", "province", True)]
    assert "argon2" not in listed.stdout and "管理员密码" not in listed.stdout
    assert run_cli(home, "users", "disable", "admin").returncode == 0
    reset = with_stdin(home, "另一个管理员密码99\n", "users", "reset-password", "admin", "--password-stdin")
    assert reset.returncode == 0 and "已重设账号 admin 的密码" in reset.stdout


def test_bad_input_is_one_chinese_line_and_exit_2(home: Path) -> None:
    weak = with_stdin(home, "12345678901\n", "users", "add", "clerk", "--role", "unit",
                      "--scope", "unit-340123", "--name", "肥西县", "--password-stdin")
    assert weak.returncode == 2 and "密码不能全部是数字" in weak.stderr and "Traceback" not in weak.stderr
    scope = with_stdin(home, "一个足够长的密码abc\n", "users", "add", "clerk", "--role", "unit",
                       "--scope", "unit-999999", "--name", "肥西县", "--password-stdin")
    assert scope.returncode == 2 and "不是安徽省的县（区）代码" in scope.stderr
    assert json.loads(run_cli(home, "users", "list", "--format", "json").stdout)["users"] == []
