"""Files a killed fetch leaves while writing .eml files: removed once their process is gone, never before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tasks.mailbox.store import sweep_partial


def _gone_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                           text=True, check=True)
    return int(child.stdout)


def test_a_dead_fetch_s_tmp_is_removed_a_live_one_s_and_the_eml_files_stay(tmp_path: Path) -> None:
    month = tmp_path / "mail" / "2026" / "07"
    month.mkdir(parents=True)
    dead = month / f"{'a' * 64}.{_gone_pid()}.tmp"
    live = month / f"{'b' * 64}.{os.getpid()}.tmp"      # a fetch writing right now (this process)
    eml = month / f"{'c' * 64}.eml"
    for path in (dead, live, eml):
        path.write_bytes(b"From: x@y.cn\r\n\r\nbody")
    assert sweep_partial(tmp_path) == [dead]
    assert not dead.exists() and live.exists() and eml.exists()


def test_no_mail_folder_yet_is_nothing_to_do(tmp_path: Path) -> None:
    assert sweep_partial(tmp_path) == []
