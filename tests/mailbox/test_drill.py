"""The drill switch: checkpoint() kills the process by SIGKILL only at the asked-for point and time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tasks.mailbox.drill import ENV, checkpoint

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ("from tasks.mailbox.drill import checkpoint\n"
          "for n in range(1, 4):\n"
          "    checkpoint('other'); checkpoint('stored'); print(n, flush=True)\n")


def _run(kill_at: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != ENV} | ({ENV: kill_at} if kill_at else {})
    return subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)


def test_unset_or_another_point_does_nothing(monkeypatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    checkpoint("stored")
    monkeypatch.setenv(ENV, "marked")
    checkpoint("stored")
    assert _run(None).stdout.split() == ["1", "2", "3"]


def test_the_asked_for_point_kills_by_sigkill_the_nth_time() -> None:
    first = _run("stored")
    assert (first.returncode, first.stdout.split()) == (-signal.SIGKILL, [])
    second = _run("stored:2")
    assert (second.returncode, second.stdout.split()) == (-signal.SIGKILL, ["1"])
