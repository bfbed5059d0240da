"""`legalcap serve` refuses what it cannot serve with one Chinese line, before starting anything."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.processes import free_port, kill_all, listening, processes_with

LEGALCAP = Path(sys.executable).with_name("legalcap")


@pytest.fixture()
def home(tmp_path: Path):
    path = tmp_path / "home"
    path.mkdir()
    yield path
    kill_all(f"LEGALCAP_HOME={path}")  # should a regression have started a server


def serve_cli(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))}
    return subprocess.run([str(LEGALCAP), "serve", *args], capture_output=True, text=True, cwd=home,
                          env=base | {"LEGALCAP_HOME": str(home)} | env, timeout=180)


def test_a_busy_port_is_one_line_and_exit_1_with_nothing_started(home: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = serve_cli(home, "--port", str(port))
    assert result.returncode == 1, result.stderr
    assert f"端口 {port} 已被占用" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not processes_with(f"LEGALCAP_HOME={home}")


def test_a_bad_cron_is_a_user_error(home: Path):
    result = serve_cli(home, "--dispatch-cron", "every quarter hour")
    assert result.returncode == 2
    assert "--dispatch-cron" in result.stderr and "Cron" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_test_clock_is_a_user_error(home: Path):
    result = serve_cli(home, LEGALCAP_TODAY="2026-13-01")
    assert result.returncode == 2
    assert "LEGALCAP_TODAY" in result.stderr and "YYYY-MM-DD" in result.stderr


def test_with_prefect_api_url_it_starts_no_server_and_sigterm_ends_the_wait(home: Path, tmp_path: Path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))}
    env |= {"LEGALCAP_HOME": str(home), "PREFECT_API_URL": f"http://127.0.0.1:{port}/api"}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(LEGALCAP), "serve", "--port", str(port)], env=env, cwd=home,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        _wait_for(lambda: "等待 PREFECT_API_URL" in log.read_text(errors="replace") or not _alive(proc))
        assert set(processes_with(f"LEGALCAP_HOME={home}")) == {proc.pid}  # no server, no runner
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    output = log.read_text(errors="replace")
    assert "serve 已停止" in output and "Traceback" not in output
    assert not processes_with(f"LEGALCAP_HOME={home}") and not listening(port)


def _alive(proc: subprocess.Popen) -> bool:
    return proc.poll() is None


def _wait_for(condition, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "serve did not get there in time"
        time.sleep(0.5)
