"""Run one command: a Refusal is one Chinese line, exit 2; anything else is a bug (apology, log, exit 1)."""

from __future__ import annotations

import sys

import typer

from config.settings import get_settings
from flows.cli.startup import prepare_run
from models.errors import Refusal


def _run(started: dict) -> None:
    from flows.cli.commands import app

    settings = get_settings()
    started["home"] = settings.home_dir
    started["log"] = prepare_run(settings)  # Prefect's and libraries' logs to LEGALCAP_HOME/logs
    try:
        app()
    except Refusal as exc:
        typer.echo(f"错误：{exc}", err=True)
        sys.exit(2)


def main() -> None:
    """Run a command; anything unexpected is one Chinese line (traceback in the log file)."""
    started: dict = {}
    try:
        _run(started)
    except KeyboardInterrupt:
        typer.echo("已中断。", err=True)
        sys.exit(130)
    except Exception as exc:
        from flows.cli.failures import explain

        line, code = explain(exc, started.get("home"), started.get("log"))
        typer.echo(line, err=True)
        sys.exit(code)
