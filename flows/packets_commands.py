"""Body of `packets build`: build with a progress bar, audit, queue the evaluators' message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from flows.console import console
from models.db import session_scope
from tasks.context import load_programme
from tasks.packets.build import build_packets
from tasks.packets.check import announce_build, default_folder
from tasks.runtime import get_engine


def build(as_of: dt.date, out: Path | None, by: str, at: dt.datetime, year: int | None) -> None:
    engine = get_engine()
    ref = load_programme(engine, year)
    folder = out or default_folder(ref.year)
    columns = (TextColumn("生成评估材料"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console(), transient=True) as progress:
        bar = progress.add_task("", total=None)

        def advance(code: str, total: int) -> None:
            progress.update(bar, advance=1, total=total, description=code)
        report = build_packets(engine, ref, as_of, folder, progress=advance)
    with session_scope(engine) as session:
        queued = announce_build(session, ref, report, at=at, by=by)
    typer.echo(f"已生成 {len(report.units)} 个实施单位的评估材料（数据截至 {as_of}）")
    typer.echo(f"汇总页面：{report.index.resolve()}")
    typer.echo("已通知评审人员（发件箱，下次每日检查时发送）" if queued
               else "评审人员此前已收到同一批材料的通知")
