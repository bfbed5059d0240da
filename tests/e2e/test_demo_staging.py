"""The demo replaces the previous demo only when it has finished; a failed or killed run changes nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from config.logs import log_path
from tasks.demo.staging import FOLDERS, STAGING
from tests.e2e.conftest import LEGALCAP, run_cli
from tests.e2e.demo_home import database, files, staging_mentions, stored_paths
from tests.support.database import migrated_engine, start_default_programme

DAY = "2026-05-20"  # 阜阳市 hands in late on this day: missing in a demo that stops on 05-14
KILL_WAIT_SECONDS = 900


def status(home: Path) -> dict:
    result = run_cli(home, "status", "--as-of", DAY, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def fuyang(doc: dict) -> str:
    return next(u for u in doc["units"] if u["city_code"] == "341200")["submission"]["status"]


def everything(home: Path) -> tuple[dict, dict, str]:
    return status(home), files(home), database(home)


def kill_while_building(home: Path) -> None:
    """Start a demo and SIGKILL it (and the Prefect server it started) once it has written files."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))}
    proc = subprocess.Popen([str(LEGALCAP), "simulate", "--demo", "--to", "2026-06-30"], cwd=home,
                            env={**env, "LEGALCAP_HOME": str(home)}, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    building = home / STAGING / "demo-files"
    try:
        deadline = time.monotonic() + KILL_WAIT_SECONDS
        while not (building.is_dir() and len(list(building.rglob("*.docx"))) >= 8):
            assert proc.poll() is None, "the demo ended before it could be interrupted"
            assert time.monotonic() < deadline, "the demo never started writing"
            time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("staged-demo")
    result = run_cli(home, "simulate", "--demo", "--to", "2026-05-14", timeout=900)
    assert result.returncode == 0, result.stderr
    return home


def test_the_demos_console_is_the_progress_tables_and_summary_and_the_rest_is_in_the_log(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = run_cli(home, "simulate", "--demo", "--to", "2026-05-14", timeout=900)
    assert result.returncode == 0, result.stderr
    assert "发件箱共" in result.stdout and "合肥市" in result.stdout
    assert "Notifying" not in result.stdout + result.stderr
    assert "prefect" not in result.stderr.lower()
    assert result.stderr.count("\n") <= 1  # at most the calendar warning
    log = log_path(home).read_text("utf-8")
    assert "apprise - Notifying 1 service(s)." in log
    assert "prefect.flow_runs" in log
    migrating = {line.split(" | ")[2] for line in log.splitlines() if "alembic.runtime.migration" in line}
    assert len(migrating) >= 2  # legalcap's database and Prefect's temporary server (a subprocess)


def test_every_path_the_demo_stores_exists_after_it_moved_into_place(demo_home):
    paths = stored_paths(demo_home)
    assert len(paths) >= 30  # 15 recommendations and work plans by 05-14 (阜阳市 is late)
    assert [p for p in paths if not Path(p).is_file()] == []
    assert all(Path(p).relative_to(demo_home).parts[0] in FOLDERS for p in paths)
    assert all(Path(p).is_relative_to(demo_home / "intake") for p in paths)  # e-mailed in by the cities
    assert staging_mentions(demo_home) == []
    assert not (demo_home / STAGING).exists()


def test_a_demo_that_fails_to_start_leaves_the_previous_demo_as_it_was(demo_home):
    before = everything(demo_home)
    assert fuyang(before[0]) == "missing"
    result = run_cli(demo_home, "simulate", "--demo", "--to", DAY,
                     env={"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "0"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert everything(demo_home) == before
    assert not (demo_home / STAGING).exists()


def test_a_killed_demo_leaves_the_previous_demo_and_the_next_run_replaces_it(demo_home):
    before = everything(demo_home)
    kill_while_building(demo_home)
    assert (demo_home / STAGING).exists()  # the killed run's leftovers
    assert everything(demo_home) == before

    again = run_cli(demo_home, "simulate", "--demo", "--to", DAY, timeout=900)
    assert again.returncode == 0, again.stderr
    assert fuyang(status(demo_home)) == "late"
    assert not (demo_home / STAGING).exists()
    assert [p for p in stored_paths(demo_home) if not Path(p).is_file()] == []


def test_a_home_with_a_real_programme_is_refused_before_any_work(home):
    with migrated_engine(f"sqlite:///{home / 'legalcap.db'}") as engine:
        start_default_programme(engine)
    before = database(home)
    result = run_cli(home, "simulate", "--demo")
    assert result.returncode == 2
    assert "正式项目" in result.stderr and "Traceback" not in result.stderr
    assert database(home) == before
    assert not (home / STAGING).exists() and not (home / "demo-files").exists()
