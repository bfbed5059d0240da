"""模拟命令：以虚拟时间逐日运行每日检查（内置演示数据）。"""

from __future__ import annotations

from typing import Annotated

import typer

from flows.cli.common import UserError, now, parse_day


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate_cmd)


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
