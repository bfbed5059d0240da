"""`legalcap serve` completes a scheduled daily tick and leaves nothing behind when stopped."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.support.database import migrated_engine, start_default_programme
from tests.support.prefect_api import flow_run_states, wait_for_completed_run, wait_for_deployments
from tests.support.processes import free_port, kill_all, listening, processes_with, wait_until_gone

pytestmark = pytest.mark.deployment

LEGALCAP = Path(sys.executable).with_name("legalcap")
SIMULATED_DAY = "2026-05-13"   # a Wednesday after the 2026-05-12 deadline: no city has recommended
TICK = "legalcap-daily-tick"
DISPATCH = "legalcap-send-notifications"
RUN_TIMEOUT = 600.0            # server start-up (up to 300 s loaded) + next minute + the run
STOP_TIMEOUT = 120.0


@pytest.fixture(scope="module")
def home_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home holding the started 2026 programme, no recommendation, and Prefect's database migrated."""
    home = tmp_path_factory.mktemp("serve-template") / "home"
    home.mkdir()
    with migrated_engine(f"sqlite:///{home / 'legalcap.db'}") as engine:
        start_default_programme(engine)
    env = clean_environment() | {"PREFECT_HOME": str(home / "prefect")}
    subprocess.run([sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"],
                   env=env, check=True, capture_output=True, timeout=900)  # once, not per serve run
    return home


def clean_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))}


class Serve:
    """`legalcap serve` on a copy of the template home, in its own process group."""

    def __init__(self, home: Path, port: int, log: Path):
        env = clean_environment() | {"LEGALCAP_HOME": str(home), "LEGALCAP_TODAY": SIMULATED_DAY}
        self.home, self.port, self.log = home, port, log
        self.marker = f"LEGALCAP_HOME={home}"
        self.api = f"http://127.0.0.1:{port}/api"
        with log.open("wb") as out:
            self.proc = subprocess.Popen(
                [str(LEGALCAP), "serve", "--cron", "* * * * *", "--dispatch-cron", "* * * * *",
                 "--port", str(port)],
                cwd=home, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, sig: signal.Signals) -> int:
        """Send the signal as a terminal (SIGINT to the group) or a service manager would."""
        if sig == signal.SIGINT:
            os.killpg(self.proc.pid, sig)
        else:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"serve ignored {sig.name} for {STOP_TIMEOUT:.0f} s") from None


@pytest.fixture()
def serve(home_template: Path, tmp_path: Path) -> Iterator[Serve]:
    home = tmp_path / "home"
    shutil.copytree(home_template, home)
    running = Serve(home, free_port(), tmp_path / "serve.log")
    try:
        yield running
    finally:
        if running.alive():
            os.killpg(running.proc.pid, signal.SIGKILL)
        kill_all(running.marker)


def sent_rows(home: Path) -> int:
    engine = create_engine(f"sqlite:///{home / 'legalcap.db'}")
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM notification WHERE status = 'sent'")).scalar()
    finally:
        engine.dispose()


def assert_nothing_left(serve: Serve) -> None:
    left = wait_until_gone(serve.marker)
    assert not left, f"processes of this serve run are still alive: {left}"
    assert not listening(serve.port), f"something still listens on 127.0.0.1:{serve.port}"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_serve_completes_a_scheduled_tick_then_stops_everything(serve: Serve, sig: signal.Signals):
    found = wait_for_deployments(serve.api, {TICK, DISPATCH}, serve.alive, RUN_TIMEOUT)
    for name in (TICK, DISPATCH):
        assert found[name]["global_concurrency_limit"]["limit"] == 1, name
        assert found[name]["schedules"][0]["schedule"]["timezone"] == "Asia/Shanghai", name
    run = wait_for_completed_run(serve.api, TICK, serve.alive, RUN_TIMEOUT)
    assert run["auto_scheduled"] is True
    assert "COMPLETED" in flow_run_states(serve.api, f"tick-{SIMULATED_DAY}")  # the test clock held
    assert wait_for_completed_run(serve.api, DISPATCH, serve.alive, RUN_TIMEOUT)["auto_scheduled"]

    assert sent_rows(serve.home) > 0
    deliveries = [json.loads(line) for f in (serve.home / "outbox").glob("*.jsonl")
                  for line in f.read_text().splitlines()]
    assert any("推荐材料未按期报送" in d["title"] for d in deliveries), deliveries[:3]

    assert serve.stop(sig) == 0, serve.output()
    assert "serve 已停止" in serve.output()
    assert "Traceback" not in serve.output()
    assert_nothing_left(serve)


def test_serve_ends_on_sigterm_after_its_server_died(serve: Serve):
    wait_for_deployments(serve.api, {TICK, DISPATCH}, serve.alive, RUN_TIMEOUT)
    servers = [pid for pid, cmd in processes_with(serve.marker).items() if "prefect server start" in cmd]
    assert len(servers) == 1, processes_with(serve.marker)
    os.kill(servers[0], signal.SIGKILL)

    if serve.alive():
        serve.proc.send_signal(signal.SIGTERM)
    serve.proc.wait(timeout=STOP_TIMEOUT)
    assert "服务器意外退出" in serve.output() or "serve 已停止" in serve.output(), serve.output()
    assert "Traceback" not in serve.output()
    assert_nothing_left(serve)

