"""Run the real `legalcap` console script in a subprocess on a private LEGALCAP_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

LEGALCAP = Path(sys.executable).with_name("legalcap")


def run_cli(home: Path, *args: str, timeout: int = 300,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`env` adds (or, with LEGALCAP_HOME, replaces) variables of the clean environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))} | {
        "LEGALCAP_HOME": str(home), **(env or {})}
    return subprocess.run([str(LEGALCAP), *args], capture_output=True, text=True, env=env,
                          timeout=timeout, cwd=home)


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path
