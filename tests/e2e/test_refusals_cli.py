"""One refusal type: any Refusal a command raises is one Chinese line and exit 2; anything else is a bug."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# A command tree with two extra commands that no handler knows by name: a brand-new Refusal, a plain bug.
SCRIPT = '''
import sys

import flows.cli.commands
from flows.cli import main
from models.errors import Problem, Refusal


class BrandNewRefusal(Refusal):
    """A refusal written after the CLI: nothing lists it anywhere."""


def refuse() -> None:
    where = Problem("台账.xlsx", "金额须大于 0", sheet="法治宣传", row=5, column="金额")
    raise BrandNewRefusal(problems=[where])


def crash() -> None:
    {}["no-such-key"]


flows.cli.commands.app.command("refuse-something")(refuse)
flows.cli.commands.app.command("crash")(crash)
sys.argv = ["legalcap", *sys.argv[1:]]
main()
'''


def run(home: Path, command: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))}
    return subprocess.run([sys.executable, "-c", SCRIPT, command], capture_output=True, text=True,
                          env={**env, "LEGALCAP_HOME": str(home)}, cwd=home, timeout=300)


def test_a_brand_new_refusal_exits_2_with_its_located_message_and_no_traceback(home: Path) -> None:
    result = run(home, "refuse-something")
    assert result.returncode == 2, result.stderr
    assert result.stderr == "错误：文件 台账.xlsx，工作表“法治宣传”，第 5 行，“金额”：金额须大于 0\n"
    assert "Traceback" not in result.stdout


def test_a_plain_bug_exits_1_with_an_apology_and_the_traceback_only_in_the_log(home: Path) -> None:
    result = run(home, "crash")
    log = home / "logs" / "legalcap.log"
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("抱歉，legalcap 遇到了程序错误，命令未完成（KeyError）")
    assert str(log) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "Traceback" in log.read_text(encoding="utf-8") and "no-such-key" in log.read_text(encoding="utf-8")
