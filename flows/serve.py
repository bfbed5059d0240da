"""legalcap serve: the daily tick as a Prefect deployment on a cron schedule (Asia/Shanghai)."""

import datetime as dt
import os
import subprocess
import sys
import time
from zoneinfo import ZoneInfo

import httpx
from prefect import flow
from prefect.schedules import Cron

from flows.tick import daily_tick

SHANGHAI = ZoneInfo("Asia/Shanghai")
LOCAL_API = "http://127.0.0.1:4200/api"


@flow(name="scheduled-daily-tick")
def scheduled_tick(year: int | None = None) -> None:
    """Read today's date in Beijing time (serve is allowed the clock) and run the tick."""
    daily_tick(as_of=dt.datetime.now(SHANGHAI).date(), year=year)


def _server_up(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def ensure_local_server() -> str:
    """Start `prefect server start --background` under PREFECT_HOME when no API is configured."""
    url = os.environ.get("PREFECT_API_URL")
    if url:
        return url
    os.environ["PREFECT_SERVER_API_HOST"] = "127.0.0.1"
    if not _server_up(LOCAL_API):
        home = os.environ.get("PREFECT_HOME")
        print(f"未设置 PREFECT_API_URL：在 {home} 下启动本地 Prefect 服务器（含调度器）…")
        subprocess.run([sys.executable, "-m", "prefect", "server", "start", "--background",
                        "--host", "127.0.0.1"], check=True)
        for _ in range(60):
            if _server_up(LOCAL_API):
                break
            time.sleep(1)
    os.environ["PREFECT_API_URL"] = LOCAL_API
    print(f"Prefect 服务器：{LOCAL_API}（界面 http://127.0.0.1:4200）")
    return LOCAL_API


def serve_daily_tick(cron: str) -> None:
    """Serve the tick on a cron schedule in Beijing time; non-working days skip themselves."""
    ensure_local_server()
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: os.environ["PREFECT_API_URL"]}):
        print(f"每日检查已按计划运行：{cron}（Asia/Shanghai）。按 Ctrl+C 停止。")
        scheduled_tick.serve(name="legalcap-daily-tick", schedules=[Cron(cron, timezone="Asia/Shanghai")])
