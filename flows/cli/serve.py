"""The `legalcap serve` command: the scheduled tick and the dispatch-only schedule."""

from typing import Annotated

import typer

DISPATCH_CRON = "*/15 8-18 * * 1-5"


def serve_cmd(
    cron: Annotated[str, typer.Option("--cron", help="每日检查的 Cron 表达式（北京时间）")] = "30 8 * * *",
    dispatch_cron: Annotated[str, typer.Option(
        "--dispatch-cron", help="只发送到期提醒（失败重试）的 Cron 表达式（北京时间）")] = DISPATCH_CRON,
    port: Annotated[int, typer.Option(
        "--port", help="本地 Prefect 服务器端口（未设 PREFECT_API_URL 时）")] = 4200,
) -> None:
    """按计划运行每日检查和提醒发送；未设 PREFECT_API_URL 时启动并在退出时停止本地 Prefect 服务器。"""
    from flows.cli.serve_supervisor import run_serve

    warn_if_not_ready()
    code = run_serve(cron, dispatch_cron, port)
    if code:
        raise typer.Exit(code)


def warn_if_not_ready() -> None:
    """Open the database first (a damaged file is refused before any server starts); say if no year runs."""
    from tasks.context import ProgrammeNotFound, load_programme
    from tasks.runtime import get_engine

    try:
        load_programme(get_engine(), None)
    except ProgrammeNotFound:
        typer.echo("提示：尚未启动年度项目，计划运行的每日检查会失败；"
                   "请先运行 legalcap programme start --year 年度", err=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
