"""门户命令：legalcap web 启动网页门户（与每日检查使用同一数据库）。"""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("web")(web)


def web(
    host: Annotated[str, typer.Option("--host", help="监听地址；默认只在本机，内网提供时填内网地址")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8080,
) -> None:
    """启动网页门户（县区、市、省、评估组各自登录；账号用 legalcap users add 建立）。"""
    import uvicorn

    from config.settings import get_settings
    from flows.today import scheduled_today
    from web.app import create_app

    app = create_app(get_settings(), today=scheduled_today)
    typer.echo(f"门户已启动：http://{host}:{port}/ （按 Ctrl+C 停止）")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
