"""Read a Prefect server's runs over its REST API (the test's own client; no Prefect settings)."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

FINAL_BAD = {"FAILED", "CRASHED", "CANCELLED"}


def deployment_runs(api: str, deployment: str) -> list[dict]:
    """The flow runs of the named deployment that have started, newest first ([] while unreachable)."""
    body = {"deployments": {"name": {"any_": [deployment]}}, "sort": "START_TIME_DESC", "limit": 50,
            "flow_runs": {"state": {"type": {"not_any_": ["SCHEDULED"]}}}}
    try:
        response = httpx.post(f"{api}/flow_runs/filter", json=body, timeout=10)
    except httpx.HTTPError:
        return []
    return response.json() if response.status_code == 200 else []


def flow_run_states(api: str, name: str) -> list[str]:
    """The state types of the flow runs with this exact name (e.g. the tick subflow tick-2026-05-13)."""
    body = {"flow_runs": {"name": {"any_": [name]}}, "limit": 50}
    response = httpx.post(f"{api}/flow_runs/filter", json=body, timeout=10)
    response.raise_for_status()
    return [r["state_type"] for r in response.json()]


def deployments(api: str) -> dict[str, dict]:
    """The server's deployments by name ({} while unreachable)."""
    try:
        response = httpx.post(f"{api}/deployments/filter", json={}, timeout=10)
    except httpx.HTTPError:
        return {}
    return {d["name"]: d for d in response.json()} if response.status_code == 200 else {}


def wait_for_completed_run(api: str, deployment: str, alive: Callable[[], bool],
                           timeout: float) -> dict:
    """Poll until a run of the deployment is COMPLETED; fail on a failed run or a dead process."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = deployment_runs(api, deployment)
        bad = [r for r in runs if r["state_type"] in FINAL_BAD]
        assert not bad, f"{deployment}: run {bad[0]['name']} ended {bad[0]['state_type']}: " \
                        f"{(bad[0].get('state') or {}).get('message')}"
        done = [r for r in runs if r["state_type"] == "COMPLETED"]
        if done:
            return done[0]
        assert alive(), f"the process serving {deployment} exited before a run completed"
        time.sleep(3)
    raise AssertionError(f"no run of {deployment} COMPLETED within {timeout:.0f} s")


def wait_for_deployments(api: str, names: set[str], alive: Callable[[], bool],
                         timeout: float) -> dict[str, dict]:
    """Poll until every named deployment exists on the server; them by name."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = deployments(api)
        if names <= found.keys():
            return found
        assert alive(), f"the process creating {sorted(names)} exited first"
        time.sleep(3)
    raise AssertionError(f"deployments {sorted(names)} did not appear within {timeout:.0f} s")
