"""legalcap 命令行：项目启动、每日检查、状态、关口说明、模拟、服务、数据库。"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from config.settings import get_settings
from flows.cli_common import AsOf, Format, UserError, Year, check_format, now, parse_day, print_json
from flows.cli_db import register as register_db
from flows.cli_funds import register as register_funds
from flows.cli_funds import template_funds
from flows.cli_oversight import register as register_oversight
from flows.cli_packets import register as register_packets
from flows.cli_phase1 import register as register_phase1
from flows.cli_phase1 import template_app
from flows.cli_phase2 import register as register_phase2
from flows.cli_phase3 import register as register_phase3
from flows.cli_send import register as register_send
from flows.cli_serve import register as register_serve
from flows.startup import prepare_run

app = typer.Typer(help="县（区）工会法律能力提升项目管理（legalcap）", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
programme_app = typer.Typer(help="年度项目", no_args_is_help=True)
gates_app = typer.Typer(help="阶段关口", no_args_is_help=True)
db_app = typer.Typer(help="数据库", no_args_is_help=True)
notify_app = typer.Typer(help="通知渠道", no_args_is_help=True)
notifications_app = typer.Typer(help="发件箱", no_args_is_help=True)
app.add_typer(notify_app, name="notify")
app.add_typer(notifications_app, name="notifications")
register_send(notifications_app)
app.add_typer(programme_app, name="programme")
app.add_typer(gates_app, name="gates")
app.add_typer(db_app, name="db")
register_phase1(app)
register_phase2(app)
register_oversight(app)
register_funds(app)
register_phase3(app)
register_packets(app)
register_db(db_app)
register_serve(app)
template_app.command("funds")(template_funds)

@programme_app.command("start")
def programme_start_cmd(
    year: Annotated[int, typer.Option("--year", help="项目年度")],
    config: Annotated[Path | None, typer.Option("--config", help="项目配置 YAML")] = None,
    by: Annotated[str, typer.Option("--by", help="操作人")] = "省总工会权益保障部",
) -> None:
    """启动年度项目：校验配置并连同哈希存档（之后修改文件不影响运行中的年度）。"""
    from config.loader import default_config_path, load_programme_config

    path = config or default_config_path(year)
    cfg = load_programme_config(path)
    if cfg.year != year:
        raise UserError(f"{path}: year: 配置年度为 {cfg.year}，与 --year {year} 不符")
    from flows.programme import programme_start
    from tasks.runtime import get_engine

    get_engine()  # a damaged database file is refused before Prefect starts
    result = programme_start(year=year, config_path=str(path), at=now(), by=by)
    verb = "已启动" if result["created"] else "已在运行（配置未变）"
    typer.echo(f"{year} 年度项目{verb}；配置哈希 {result['config_hash'][:12]}")


@app.command("tick")
def tick_cmd(as_of: AsOf = None, year: Year = None) -> None:
    """运行一次每日检查（Prefect 流程 daily-tick）。"""
    day = parse_day(as_of)
    from tasks.context import load_programme
    from tasks.runtime import get_engine

    load_programme(get_engine(), year).calendar.is_workday(day)  # user errors before Prefect starts
    from flows.tick import daily_tick

    report = daily_tick(as_of=day, year=year)
    if not report.workday:
        typer.echo(f"{day} 不是工作日：未运行检查")
        return
    for row in report.table():
        typer.echo(f"{row['检查']}：发现 {row['发现']}，新入发件箱 {row['新入发件箱']}。{row['说明']}")


def _status_document(day: dt.date, year: int | None) -> dict:
    from models.status import status_document
    from tasks.context import load_context, load_programme
    from tasks.runtime import get_engine

    engine = get_engine()
    ref = load_programme(engine, year)
    ctx = load_context(engine, ref, day)
    return status_document(ctx.statuses, ref.cfg, ref.config_hash, day)


@app.command("status")
def status_cmd(as_of: AsOf = None, fmt: Format = "table", year: Year = None) -> None:
    """各城市实施单位的阶段、关口与配额进度。"""
    check_format(fmt)
    doc = _status_document(parse_day(as_of), year)
    if fmt == "json":
        print_json(doc)
        return
    from flows.console import print_table, status_table

    print_table(status_table(doc))


@gates_app.command("explain")
def gates_explain_cmd(
    unit: Annotated[str, typer.Option("--unit", help="实施单位代码（6 位）或城市代码")],
    as_of: AsOf = None, fmt: Format = "table", year: Year = None,
) -> None:
    """逐项说明一个单位的关口标准：已满足（附证据）或未满足（缺什么）。"""
    check_format(fmt)
    doc = _status_document(parse_day(as_of), year)
    matches = [u for u in doc["units"] if unit in (u["unit_code"], u["city_code"])]
    if not matches:
        raise UserError(f"--unit: 未找到实施单位“{unit}”（可用城市代码或已推荐单位代码）")
    if fmt == "json":
        print_json({"as_of": doc["as_of"], **matches[0]})
        return
    from flows.console import gate_table, print_table

    print_table(gate_table(matches[0]))


@app.command("simulate")
def simulate_cmd(
    demo: Annotated[bool, typer.Option("--demo", help="使用内置演示数据（16 个城市）")] = False,
    start: Annotated[str, typer.Option("--from", help="模拟开始日期")] = "2026-04-01",
    end: Annotated[str, typer.Option("--to", help="模拟结束日期")] = "2027-05-31",
) -> None:
    """以虚拟时间逐日运行每日检查，模拟全年流程。"""
    if not demo:
        raise UserError("simulate: 目前仅支持 --demo（内置演示数据）")
    first, last = parse_day(start, "--from"), parse_day(end, "--to")
    if last < first:
        raise UserError(f"--to: 结束日期 {last} 早于开始日期 {first}")
    from flows.simulate import run_demo

    run_demo(first, last, at=now())


@notify_app.command("test")
def notify_test_cmd(
    tag: Annotated[str, typer.Option("--tag", help="接收对象，如 province、city-340100、unit-340123")],
) -> None:
    """向一个接收对象发送测试消息，逐个渠道显示结果（地址已隐去密钥）。"""
    from flows.notify_commands import send_test

    if not send_test(tag, at=now()):
        raise typer.Exit(1)


@notifications_app.command("list")
def notifications_list_cmd(
    status: Annotated[str | None, typer.Option("--status", help="pending、sent、failed 或 cancelled")] = None,
    fmt: Format = "table",
    tag: Annotated[str | None, typer.Option("--tag", help="只看某个接收对象")] = None,
) -> None:
    """列出发件箱中的提醒及其发送状态、尝试次数与最后错误。"""
    check_format(fmt)
    if status not in (None, "pending", "sent", "failed", "cancelled"):
        raise UserError(f"--status: 不支持“{status}”（可选 pending、sent、failed、cancelled）")
    from flows.notify_commands import list_notifications

    list_notifications(status, tag, fmt)


@db_app.command("upgrade")
def db_upgrade_cmd() -> None:
    """把数据库结构升级到最新版本，并载入城市与县（区）参考数据。"""
    from models.db import current_revision
    from tasks.runtime import get_engine

    engine = get_engine()
    typer.echo(f"数据库已是最新版本（{current_revision(engine)}）：{engine.url.render_as_string()}")


def _user_errors() -> tuple[type[BaseException], ...]:
    from config.loader import ConfigError
    from models.calendar import CalendarGapError
    from models.errors import InputError
    from tasks.context import ProgrammeNotFound
    from tasks.db_guard import DatabaseRefused
    from tasks.demo.reset import DemoRefused
    from tasks.review import ReviewRefused

    return (UserError, ConfigError, CalendarGapError, ProgrammeNotFound, DemoRefused, InputError,
            ReviewRefused, DatabaseRefused)


def _run(started: dict) -> None:
    settings = get_settings()
    started["home"] = settings.home_dir
    started["log"] = prepare_run(settings)  # Prefect's and libraries' logs to LEGALCAP_HOME/logs
    try:
        app()
    except _user_errors() as exc:
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
        from flows.failures import explain

        line, code = explain(exc, started.get("home"), started.get("log"))
        typer.echo(line, err=True)
        sys.exit(code)
