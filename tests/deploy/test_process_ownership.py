"""The pieces serve uses to own its children: group stop, end-with-parent, bounded health wait."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from flows.cli import local_server
from tests.support.processes import free_port, processes_with, wait_until_gone


def test_stop_group_kills_a_child_that_ignores_sigterm_and_its_descendants(tmp_path: Path):
    marker = f"LEGALCAP_TEST_MARK={tmp_path}"
    env = {**os.environ, "LEGALCAP_TEST_MARK": str(tmp_path)}
    proc = subprocess.Popen(["bash", "-c", "trap '' TERM; sleep 300 & sleep 300; wait"], env=env,
                            start_new_session=True)
    _wait_for(lambda: len(processes_with(marker)) >= 3)
    local_server.stop_group(proc, grace=1)
    assert proc.returncode is not None
    assert not wait_until_gone(marker, timeout=30)


def test_a_child_ends_when_serve_itself_is_killed(tmp_path: Path):
    marker = f"LEGALCAP_TEST_MARK={tmp_path}"
    parent_code = ("import subprocess, time; from flows.cli.local_server import end_with_parent; "
                   "subprocess.Popen(['sleep', '300'], start_new_session=True, preexec_fn=end_with_parent); "
                   "time.sleep(300)")
    parent = subprocess.Popen([sys.executable, "-c", parent_code],
                              env={**os.environ, "LEGALCAP_TEST_MARK": str(tmp_path)})
    _wait_for(lambda: len(processes_with(marker)) >= 2)
    parent.kill()
    parent.wait()
    assert not wait_until_gone(marker, timeout=30)


def test_waiting_for_health_stops_when_the_server_exits_or_a_signal_arrives():
    url = local_server.api_url(free_port())
    exited = subprocess.Popen(["true"])
    exited.wait()
    assert local_server.wait_healthy(url, exited, threading.Event(), timeout=60) is False
    stop = threading.Event()
    stop.set()
    with subprocess.Popen(["sleep", "60"]) as alive:
        assert local_server.wait_healthy(url, alive, stop, timeout=60) is False
        alive.kill()
    with subprocess.Popen(["sleep", "60"]) as silent:
        assert local_server.wait_healthy(url, silent, threading.Event(), timeout=0.5) is False
        silent.kill()


def _wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the processes did not start"
        time.sleep(0.2)

