"""市总工会实地督导命令：登记督导、查看各单位各期督导情况。"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from flows.cli.common import AsOf, Format, Year, check_format, now, parse_day
from flows.cli.received import ReceivedOn, received_day
from models.enums import OversightState

oversight_app = typer.Typer(help="市总工会实地督导（调研、业务指导）", no_args_is_help=True)
STATE_STYLE = {OversightState.missed: "red", OversightState.open: "yellow"}
COLUMNS = ("城市", "实施单位", "期间", "起止", "截止", "督导/要求", "督导日期", "状态")


def register(app: typer.Typer) -> None:
    app.add_typer(oversight_app, name="oversight")


@oversight_app.command("record")
def oversight_record(
    unit: Annotated[str, typer.Option("--unit", help="被督导的实施单位（县区）6 位代码")],
    date: Annotated[str, typer.Option("--date", help="督导日期（YYYY-MM-DD），不得晚于收到（登记）日期")],
    by: Annotated[str, typer.Option("--by", help="督导人（如 合肥市总工会 张三）")],
    notes: Annotated[str, typer.Option("--notes", help="督导情况：调研、业务指导的内容与发现（必填）")],
    file: Annotated[Path | None, typer.Option("--file", help="督导记录文件（可选，记录 SHA-256）")] = None,
    on: ReceivedOn = None,
    year: Year = None,
) -> None:
    """登记一次市总工会到实施单位的实地督导；登记后该期的督导提醒自动取消。"""
    record(unit, parse_day(date, "--date"), by, notes, file, now(), year, received_day(on))


def record(unit: str, visited_on: dt.date, by: str, notes: str, file: Path | None, at: dt.datetime,
           year: int | None, on: dt.date | None = None) -> None:
    """Record the visit (received on `on`) and say how many of the period's visits are done."""
    from tasks.services import oversight_visits

    v = oversight_visits.record(unit, visited_on, by, notes, file, at, year, on)
    typer.echo(f"已登记督导：{v.city_name}总工会 → {v.unit_name}（{unit}），{visited_on}，"
               f"督导人 {by.strip()}；{v.period_name}已督导 {v.done}/{v.required} 次")
    if v.sha256:
        typer.echo(f"督导记录文件 SHA-256：{v.sha256}")


@oversight_app.command("list")
def oversight_list(as_of: AsOf = None, fmt: Format = "table", year: Year = None) -> None:
    """各实施单位各期的督导次数与要求次数：已督导、进行中或未督导。"""
    check_format(fmt)
    list_periods(parse_day(as_of), fmt, year)


def list_periods(as_of: dt.date, fmt: str, year: int | None) -> None:
    """Every unit's periods, as a table or JSON."""
    from flows.console import print_records, records_table
    from tasks.services import oversight_visits

    found = oversight_visits.visit_periods(as_of, year)
    o, rows = found.ref.cfg.oversight, found.rows
    doc = {"as_of": as_of.isoformat(), "cadence": o.cadence, "visits_per_period": o.visits_per_period,
           "periods": rows}
    title = f"市总工会实地督导 · 截至 {as_of}（每期 {o.visits_per_period} 次）"
    print_records(fmt, doc, rows, f"截至 {as_of} 尚无进入组织实施阶段的单位",
                  lambda: records_table(title, COLUMNS, map(_period_cells, rows)))


def _period_cells(r: dict) -> tuple[str, ...]:
    from flows.console import styled

    return (r["city_name"], r["unit_name"], r["period_name"], f"{r['start']} 至 {r['end']}", r["due"],
            f"{r['visits']}/{r['required']}", "、".join(r["visited_on"]) or "—",
            styled(r["state_label"], STATE_STYLE.get(r["state"])))
