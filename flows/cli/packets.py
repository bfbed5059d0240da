"""评估材料命令：生成各实施单位的评估材料包和省级汇总页面。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flows.cli.common import AsOf, Year, now, parse_day

packets_app = typer.Typer(help="总结评估材料包（每单位一个文件夹和压缩包，个人信息脱敏）",
                          no_args_is_help=True)
OUT_HELP = "输出文件夹（空文件夹或上次生成的评估材料文件夹），默认 LEGALCAP_HOME/packets/<年度>"


def register(app: typer.Typer) -> None:
    app.add_typer(packets_app, name="packets")


@packets_app.command("build")
def packets_build(
    as_of: AsOf = None,
    out: Annotated[Path | None, typer.Option("--out", help=OUT_HELP)] = None,
    by: Annotated[str, typer.Option("--by", help="操作人")] = "省总工会权益保障部",
    year: Year = None,
) -> None:
    """生成评估材料：各单位 index.html、脱敏台账 ledger.xlsx、附件、manifest.json 与压缩包。

    同样的数据生成同样的文件（可复核）；生成后通知评审人员（evaluator）。
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from flows.console import console
    from tasks.services.packets import build_and_announce

    day, at = parse_day(as_of), now()
    columns = (TextColumn("生成评估材料"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console(), transient=True) as progress:
        bar = progress.add_task("", total=None)

        def advance(code: str, total: int) -> None:
            progress.update(bar, advance=1, total=total, description=code)
        done = build_and_announce(day, out, by, at, year, progress=advance)
    typer.echo(f"已生成 {len(done.report.units)} 个实施单位的评估材料（数据截至 {day}）")
    typer.echo(f"汇总页面：{done.report.index.resolve()}")
    typer.echo("已通知评审人员（发件箱，下次每日检查时发送）" if done.queued
               else "评审人员此前已收到同一批材料的通知")
