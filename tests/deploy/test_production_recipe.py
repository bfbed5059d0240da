"""The README's production recipe, run verbatim: Prefect server and legalcap on PostgreSQL, a process
work pool and worker, `prefect deploy --all`, a deployment run that completes and writes the outbox."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.support.postgres import PostgresServer
from tests.support.prefect_api import deployment_runs, deployments, flow_run_states
from tests.support.processes import free_port, kill_all, listening, wait_until_gone

pytestmark = [pytest.mark.deployment, pytest.mark.postgresql]

ROOT = Path(__file__).resolve().parents[2]
BEGIN, END = "<!-- recipe:begin -->", "<!-- recipe:end -->"
SIMULATED_DAY = "2026-05-13"   # a working day after the recommendation deadline: chases are due
RECIPE_TIMEOUT = 1500          # seconds; the recipe waits up to 300 s for the server and 900 s for the run


def recipe() -> str:
    """The one bash block between the recipe markers of README.md."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count(BEGIN) == 1 and readme.count(END) == 1
    between = readme.split(BEGIN, 1)[1].split(END, 1)[0]
    match = re.fullmatch(r"\s*```bash\n(.*?)```\s*", between, re.DOTALL)
    assert match, "the recipe markers must hold exactly one ```bash block"
    return match.group(1)


def test_the_recipe_is_one_bash_block_without_machine_paths():
    block = recipe()
    for step in ("prefect server start", "PREFECT_API_DATABASE_CONNECTION_URL", "legalcap db upgrade",
                 "legalcap programme start --year 2026", "prefect work-pool create legalcap-process",
                 "prefect worker start --pool legalcap-process", "prefect deploy --all",
                 "prefect deployment run", "export PREFECT_API_URL"):
        assert step in block, step
    assert "/opt/" not in block and "/var/lib" not in block
    spec = (ROOT / "prefect.yaml").read_text(encoding="utf-8")
    assert "/opt/" not in spec and "/var/" not in spec and "{{ $LEGALCAP_APP_DIR }}" in spec


def recipe_environment(home: Path, port: int, prefect_db: str, legalcap_db: str) -> dict[str, str]:
    """What an operator exports before the recipe (the README's example variables)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))}
    return env | {
        "LEGALCAP_APP_DIR": str(ROOT), "LEGALCAP_HOME": str(home), "PREFECT_PORT": str(port),
        "PREFECT_DATABASE_URL": prefect_db.replace("+psycopg", "+asyncpg"),
        "LEGALCAP_DATABASE_URL": legalcap_db, "LEGALCAP_TODAY": SIMULATED_DAY,
    }


def test_the_production_recipe_deploys_and_completes_a_tick(
        tmp_path: Path, postgresql_server_session: PostgresServer):
    home = tmp_path / "home"
    script = tmp_path / "recipe.sh"
    script.write_text(recipe(), encoding="utf-8")
    port = free_port()
    marker = f"LEGALCAP_HOME={home}"
    with postgresql_server_session.database() as prefect_db, \
            postgresql_server_session.database() as legalcap_db:
        try:
            result = _run_recipe(script, recipe_environment(home, port, prefect_db, legalcap_db), tmp_path)
            assert result.returncode == 0, _diagnostics(result, home)
            _check_deployments(f"http://127.0.0.1:{port}/api")
            _check_outbox(home, legalcap_db)
        finally:
            kill_all(marker)   # the recipe leaves the server and the worker running, as documented
            left = wait_until_gone(marker)
    assert not left, f"recipe processes still alive: {left}"
    assert not listening(port)


def _run_recipe(script: Path, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.Popen(["bash", str(script)], env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=RECIPE_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        raise AssertionError(f"the recipe did not finish within {RECIPE_TIMEOUT} s:\n{out[-4000:]}") from None
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, "")


def _check_deployments(api: str) -> None:
    found = deployments(api)
    assert {"legalcap-daily-tick", "legalcap-send-notifications"} <= found.keys(), found.keys()
    for name in ("legalcap-daily-tick", "legalcap-send-notifications"):
        assert found[name]["global_concurrency_limit"]["limit"] == 1, name
        assert found[name]["work_pool_name"] == "legalcap-process", name
        assert found[name]["schedules"][0]["schedule"]["timezone"] == "Asia/Shanghai", name
        assert found[name]["pull_steps"] == [  # LEGALCAP_APP_DIR as the deploying shell set it
            {"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}], name
    runs = deployment_runs(api, "legalcap-daily-tick")
    assert runs and all(r["state_type"] == "COMPLETED" for r in runs), runs
    assert flow_run_states(api, f"tick-{SIMULATED_DAY}") == ["COMPLETED"]  # the worker's LEGALCAP_TODAY


def _check_outbox(home: Path, legalcap_db: str) -> None:
    engine = create_engine(legalcap_db)
    try:
        with engine.connect() as conn:
            sent = conn.execute(text("SELECT count(*) FROM notification WHERE status = 'sent'")).scalar()
    finally:
        engine.dispose()
    assert sent > 0
    deliveries = [json.loads(line) for f in (home / "outbox").glob("*.jsonl")
                  for line in f.read_text(encoding="utf-8").splitlines()]
    assert any("推荐材料未按期报送" in d["title"] for d in deliveries), deliveries[:3]


def _diagnostics(result: subprocess.CompletedProcess, home: Path) -> str:
    logs = [f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
            for p in sorted((home / "logs").glob("*.log"))]
    return "\n".join([f"exit {result.returncode}", result.stdout[-6000:], *logs])
