"""A local Prefect server that `legalcap serve` starts, owns and stops (127.0.0.1 only)."""

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

HOST = "127.0.0.1"
STARTUP_TIMEOUT = 300.0   # seconds; a busy 2-core machine needs 30-140 s
STOP_GRACE = 30.0
PR_SET_PDEATHSIG = 1


def api_url(port: int) -> str:
    return f"http://{HOST}:{port}/api"


def port_in_use(port: int) -> bool:
    """True when something already listens on 127.0.0.1:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(2)
        return sock.connect_ex((HOST, port)) == 0


def healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def start_server(port: int, log_file: Path) -> subprocess.Popen:
    """`prefect server start` in the foreground of a child in its own session, output to the log."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PREFECT_SERVER_API_HOST": HOST, "PREFECT_SERVER_API_PORT": str(port)}
    env.pop("PREFECT_API_URL", None)
    with log_file.open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", HOST, "--port", str(port)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
            start_new_session=True, preexec_fn=end_with_parent)


def end_with_parent() -> None:
    """In a child before exec: SIGTERM it if serve itself is killed (Linux), so nothing is orphaned."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def wait_healthy(url: str, proc: subprocess.Popen | None, stop: threading.Event,
                 timeout: float = STARTUP_TIMEOUT) -> bool:
    """Poll /health until it answers; False if our server exits, a stop arrives or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (proc is None or proc.poll() is None) and not stop.is_set():
        if healthy(url):
            return True
        stop.wait(1)
    return False


def stop_group(proc: subprocess.Popen, grace: float = STOP_GRACE) -> None:
    """SIGTERM the child's process group, wait up to `grace` s, then SIGKILL whatever is left."""
    _signal_group(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=grace)
    _signal_group(proc.pid, signal.SIGKILL)
    proc.wait()


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)
