"""年度项目命令：启动项目、每日检查、状态、关口说明。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flows.cli.common import AsOf, Format, UserError, Year, check_format, now, parse_day

programme_app = typer.Typer(help="年度项目", no_args_is_help=True)
gates_app = typer.Typer(help="阶段关口", no_args_is_help=True)


def register_commands(app: typer.Typer) -> None:
    app.command("tick")(tick_cmd)
    app.command("status")(status_cmd)


def register_groups(app: typer.Typer) -> None:
    app.add_typer(programme_app, name="programme")
    app.add_typer(gates_app, name="gates")


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


def tick_cmd(as_of: AsOf = None, year: Year = None) -> None:
    """运行一次每日检查（Prefect 流程 daily-tick）。"""
    day = parse_day(as_of)
    from tasks.services.status import check_tick_day

    check_tick_day(day, year)  # user errors before Prefect starts
    from flows.tick import daily_tick

    report = daily_tick(as_of=day, year=year)
    if not report.workday:
        typer.echo(f"{day} 不是工作日：未运行检查")
        return
    for row in report.table():
        typer.echo(f"{row['检查']}：发现 {row['发现']}，新入发件箱 {row['新入发件箱']}。{row['说明']}")


def status_cmd(as_of: AsOf = None, fmt: Format = "table", year: Year = None) -> None:
    """各城市实施单位的阶段、关口与配额进度。"""
    check_format(fmt)
    from flows.console import print_json, print_table, status_table
    from tasks.services.status import status_as_of

    doc = status_as_of(parse_day(as_of), year)
    if fmt == "json":
        print_json(doc)
        return
    print_table(status_table(doc))


@gates_app.command("explain")
def gates_explain_cmd(
    unit: Annotated[str, typer.Option("--unit", help="实施单位代码（6 位）或城市代码")],
    as_of: AsOf = None, fmt: Format = "table", year: Year = None,
) -> None:
    """逐项说明一个单位的关口标准：已满足（附证据）或未满足（缺什么）。"""
    check_format(fmt)
    from flows.console import gate_table, print_json, print_table
    from tasks.services.status import status_as_of

    doc = status_as_of(parse_day(as_of), year)
    matches = [u for u in doc["units"] if unit in (u["unit_code"], u["city_code"])]
    if not matches:
        raise UserError(f"--unit: 未找到实施单位“{unit}”（可用城市代码或已推荐单位代码）")
    if fmt == "json":
        print_json({"as_of": doc["as_of"], **matches[0]})
        return
    print_table(gate_table(matches[0]))
