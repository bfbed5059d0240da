"""Deployment tests: the real `legalcap serve` and the README's production recipe, end to end."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "deployment: slow end-to-end deployment test (real Prefect server, runner or "
        "worker in subprocesses; minutes each)")
