"""门户命令：legalcap web 启动网页门户（与每日检查使用同一数据库）。"""

from __future__ import annotations

import contextlib
import os
import socket
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    import uvicorn
    from fastapi import FastAPI


def register(app: typer.Typer) -> None:
    app.command("web")(web)


def default_workers() -> int:
    """One worker process per CPU (each keeps its own page caches; they read the same database)."""
    return os.cpu_count() or 1


def served_app() -> FastAPI:
    """The portal as each worker process builds it (uvicorn's app factory): settings from the environment."""
    from config.settings import get_settings
    from flows.today import scheduled_today
    from web.app import create_app

    return create_app(get_settings(), today=scheduled_today)


def web(
    host: Annotated[str, typer.Option("--host", help="监听地址；默认只在本机，内网提供时填内网地址")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8080,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="工作进程数；默认等于 CPU 核数")
                       ] = None,
) -> None:
    """启动网页门户（县区、市、省、评估组各自登录；账号用 legalcap users add 建立）。"""
    import uvicorn

    from config.settings import get_settings
    from tasks.runtime import engine_for

    engine_for(get_settings().db_url).dispose()   # check and upgrade the database once, before any worker
    count = workers or default_workers()
    typer.echo(f"门户已启动：http://{host}:{port}/ （{count} 个工作进程；按 Ctrl+C 停止）")
    serve(uvicorn.Config("flows.cli.web:served_app", factory=True, host=host, port=port, workers=count,
                         log_level="warning", server_header=False))


def tcp_socket(sock: socket.socket) -> socket.socket:
    """The listening socket with its protocol stated (uvicorn binds with proto 0), so asyncio sets TCP_NODELAY
    on every accepted connection: without it a kept-alive response's body waits ~40 ms for a delayed ACK."""
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return sock
    return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, sock.detach())


def serve(config: uvicorn.Config) -> None:
    """uvicorn.run for one process or several sharing one listening socket (`tcp_socket`)."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    server = uvicorn.Server(config)
    with contextlib.suppress(KeyboardInterrupt):
        if config.workers <= 1:
            server.run()
        else:
            sock = tcp_socket(config.bind_socket())
            sock.set_inheritable(True)
            Multiprocess(config, sockets=[sock]).run()
    if config.workers <= 1 and not server.started:
        raise SystemExit(3)     # uvicorn's STARTUP_FAILURE, as uvicorn.run exits
