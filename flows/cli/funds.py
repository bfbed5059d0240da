"""经费使用命令：导入经费支出、查看各单位补助使用情况。"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from flows.cli.common import AsOf, Format, Year, check_format, now, parse_day
from flows.cli.received import OldAsOf, ReceivedOn, received_day
from models.enums import FundState

funds_app = typer.Typer(help="项目经费（专款专用：购买社会组织法律服务的支出）", no_args_is_help=True)
# A top-up (超出补助) is the unit's own money as the notice expects: shown, not coloured as a fault.
STATE_STYLE = {FundState.over: "cyan", FundState.no_contract: "yellow"}
COLUMNS = ("城市", "实施单位", "合同金额（元）", "省补助（元）", "累计支出（元）", "已使用", "超出 / 余额")
RIGHT = tuple(c for c in COLUMNS if "元" in c or c == "已使用")   # amounts and shares


def register(app: typer.Typer) -> None:
    app.add_typer(funds_app, name="funds")


@funds_app.command("import")
def funds_import(
    file: Annotated[Path, typer.Argument(help="经费支出登记表（.xlsx）")],
    on: ReceivedOn = None,
    by: Annotated[str, typer.Option("--by", help="经办人")] = "项目实施单位",
    year: Year = None,
    as_of: OldAsOf = None,
) -> None:
    """导入经费支出：逐行校验（一次列出全部问题，有问题时不导入）；重复导入不会重复登记。"""
    import_funds(file, received_day(on, as_of), now(), by, year)


def import_funds(file: Path, as_of: dt.date, at: dt.datetime, by: str, year: int | None) -> None:
    """Register the expenditures through the intake; its receipt says where each unit of the file stands."""
    from flows.cli.take import take
    from models.intake import IntakeKind

    take(file, IntakeKind.funds, as_of, at, by, year)


@funds_app.command("status")
def funds_status(as_of: AsOf = None, fmt: Format = "table", year: Year = None) -> None:
    """各实施单位的合同金额、省补助、累计支出、使用比例，以及超出补助或补助余额。"""
    check_format(fmt)
    show_status(parse_day(as_of), fmt, year)


def show_status(as_of: dt.date, fmt: str, year: int | None) -> None:
    """Every unit's spending against its subsidy, as a table or JSON."""
    from flows.console import print_records, records_table
    from tasks.services import funds_queries

    status = funds_queries.funds_status(as_of, year)
    ref, rows, funds = status.ref, status.rows, status.ref.cfg.funds
    doc = {"as_of": as_of.isoformat(), "programme": ref.year, "subsidy_fen": funds.subsidy_yuan * 100,
           "unspent_alert_from": funds.unspent_alert_from.isoformat(),
           "unspent_alert_share": funds.unspent_alert_share, "units": rows}
    title = f"项目经费使用 · 截至 {as_of}（专款专用；超出补助部分由项目实施单位承担）"
    print_records(fmt, doc, rows, f"截至 {as_of} 尚无项目实施单位",
                  lambda: records_table(title, COLUMNS, map(_funds_cells, rows), right=RIGHT))


def _funds_cells(r: dict) -> tuple[str, ...]:
    from flows.console import styled

    contract = r["state"] != FundState.no_contract
    return (r["city_name"], r["unit_name"], r["contract_yuan"] if contract else "—",
            r["subsidy_yuan"] if contract else "—", r["spent_yuan"],
            r["spent_share_text"] if contract else "—", styled(_balance(r), STATE_STYLE.get(r["state"])))


def _balance(r: dict) -> str:
    """超出补助 x 元（由单位承担） / 补助余额 y 元 / 补助已用完 / 未登记合同."""
    from models.fund_overview import balance_text

    return balance_text(r)
