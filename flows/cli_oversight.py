"""市总工会实地督导命令：登记督导、查看各单位各期督导情况。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flows.cli_common import AsOf, Format, Year, check_format, now, parse_day

oversight_app = typer.Typer(help="市总工会实地督导（调研、业务指导）", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(oversight_app, name="oversight")


@oversight_app.command("record")
def oversight_record(
    unit: Annotated[str, typer.Option("--unit", help="被督导的实施单位（县区）6 位代码")],
    date: Annotated[str, typer.Option("--date", help="督导日期（YYYY-MM-DD），不得晚于今天")],
    by: Annotated[str, typer.Option("--by", help="督导人（如 合肥市总工会 张三）")],
    notes: Annotated[str, typer.Option("--notes", help="督导情况：调研、业务指导的内容与发现（必填）")],
    file: Annotated[Path | None, typer.Option("--file", help="督导记录文件（可选，记录 SHA-256）")] = None,
    year: Year = None,
) -> None:
    """登记一次市总工会到实施单位的实地督导；登记后该期的督导提醒自动取消。"""
    from flows.oversight_commands import record

    record(unit, parse_day(date, "--date"), by, notes, file, now(), year)


@oversight_app.command("list")
def oversight_list(as_of: AsOf = None, fmt: Format = "table", year: Year = None) -> None:
    """各实施单位各期的督导次数与要求次数：已督导、进行中或未督导。"""
    check_format(fmt)
    from flows.oversight_commands import list_periods

    list_periods(parse_day(as_of), fmt, year)
