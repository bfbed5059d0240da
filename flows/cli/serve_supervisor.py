"""`legalcap serve`: own a local Prefect server (unless PREFECT_API_URL is set) and a runner.

The runner (flows/cli/serve_runner.py) and the server run as children in their own sessions; this
process only supervises them, so SIGINT or SIGTERM always ends everything it started within a
bounded time, even when the server has already died.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import typer

from config.settings import get_settings
from flows.cli import local_server
from flows.cli.common import UserError
from flows.today import rehearsal_day

SIGNAL_NAMES = {signal.SIGINT: "SIGINT（Ctrl+C）", signal.SIGTERM: "SIGTERM"}


def check_cron(option: str, text: str) -> None:
    """A user error unless `text` is a cron expression Prefect accepts."""
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=text, timezone="Asia/Shanghai")
    except ValueError:
        raise UserError(f"{option}: “{text}” 不是有效的 Cron 表达式（如 \"30 8 * * *\"）") from None


class Supervisor:
    """Children started by serve, stopped together on a signal or when one of them dies."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.signal: int | None = None
        self.server: subprocess.Popen | None = None
        self.runner: subprocess.Popen | None = None

    def on_signal(self, signum: int, _frame: object) -> None:
        self.signal = signum
        self.stop.set()

    def install(self) -> None:
        for sig in SIGNAL_NAMES:
            signal.signal(sig, self.on_signal)

    def shutdown(self) -> None:
        """Runner first (it cancels its runs), then the server it talks to."""
        for proc in (self.runner, self.server):
            if proc is not None:
                local_server.stop_group(proc)


def run_serve(cron: str, dispatch_cron: str, port: int) -> int:
    """Serve both schedules until a signal; the exit code."""
    check_cron("--cron", cron)
    check_cron("--dispatch-cron", dispatch_cron)
    day = rehearsal_day()
    sup = Supervisor()
    sup.install()
    try:
        code = _serve(sup, cron, dispatch_cron, port, day)
    finally:
        sup.shutdown()
    if sup.signal is not None:
        typer.echo("serve 已停止。")
    return code


def _serve(sup: Supervisor, cron: str, dispatch_cron: str, port: int, day: dt.date | None) -> int:
    url = os.environ.get("PREFECT_API_URL")
    url = _existing_server(sup, url) if url else _start_local_server(sup, port)
    if url is None:
        return 0 if sup.stop.is_set() else 1
    if day is not None:
        typer.echo(f"注意：已设置 LEGALCAP_TODAY，计划的每日检查按 {day} 运行（仅用于演练和测试）。")
    sup.runner = subprocess.Popen(
        [sys.executable, "-m", "flows.cli.serve_runner", cron, dispatch_cron],
        env={**os.environ, "PREFECT_API_URL": url}, stdin=subprocess.DEVNULL, start_new_session=True,
        preexec_fn=local_server.end_with_parent)
    typer.echo(f"每日检查按计划运行：{cron}；发送提醒：{dispatch_cron}（北京时间）。按 Ctrl+C 停止。")
    return _watch(sup)


def _existing_server(sup: Supervisor, url: str) -> str | None:
    """Wait for the server PREFECT_API_URL names (it may still be starting); its URL, or None."""
    if not local_server.healthy(url):
        typer.echo(f"等待 PREFECT_API_URL 指向的 Prefect 服务器就绪：{url} …")
        if not local_server.wait_healthy(url, None, sup.stop):
            if not sup.stop.is_set():
                typer.echo(f"错误：Prefect 服务器 {url} 在 {int(local_server.STARTUP_TIMEOUT)} 秒内没有响应；"
                           "请确认它已启动且 PREFECT_API_URL 正确。", err=True)
            return None
    typer.echo(f"使用已有的 Prefect 服务器：{url}")
    return url


def _start_local_server(sup: Supervisor, port: int) -> str | None:
    """Start and wait for the local server; its API URL, or None after printing why not."""
    home = Path(os.environ["PREFECT_HOME"])
    log_file = get_settings().home_dir / "logs" / "prefect-server.log"
    if local_server.port_in_use(port):
        typer.echo(f"错误：端口 {port} 已被占用，无法启动本地 Prefect 服务器；请用 --port 指定其他端口，"
                   "或设置 PREFECT_API_URL 使用已有服务器。", err=True)
        return None
    url = local_server.api_url(port)
    typer.echo(f"未设置 PREFECT_API_URL：在 {home} 下启动本地 Prefect 服务器（{url}，日志 {log_file}）…")
    sup.server = local_server.start_server(port, log_file)
    if local_server.wait_healthy(url, sup.server, sup.stop):
        typer.echo(f"Prefect 服务器已就绪（界面 http://{local_server.HOST}:{port}）。")
        return url
    if not sup.stop.is_set():
        typer.echo(f"错误：本地 Prefect 服务器在 {int(local_server.STARTUP_TIMEOUT)} 秒内未能启动，"
                   f"请查看日志 {log_file}，确认端口 {port} 可用后重试。", err=True)
    return None


def _watch(sup: Supervisor) -> int:
    """Wait for a signal or for a child to die; the exit code."""
    while not sup.stop.wait(1):
        for proc, what in ((sup.server, "本地 Prefect 服务器"), (sup.runner, "计划运行进程")):
            if proc is not None and proc.poll() is not None:
                typer.echo(f"错误：{what}意外退出（退出码 {proc.returncode}），serve 停止。", err=True)
                return 1
    name = SIGNAL_NAMES.get(sup.signal, str(sup.signal))
    typer.echo(f"收到 {name}：正在停止计划运行{'与本地 Prefect 服务器' if sup.server else ''}…")
    return 0
