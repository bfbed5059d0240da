"""组织实施命令：工作台账导入。"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from flows.cli.common import Year, now
from flows.cli.received import OldAsOf, ReceivedOn, received_day

ledger_app = typer.Typer(help="工作台账（法治宣传、劳动法律监督、法律援助等）", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(ledger_app, name="ledger")


@ledger_app.command("import")
def ledger_import(
    file: Annotated[Path, typer.Argument(help="工作台账（.xlsx）")],
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="只导入有效行，问题行写入旁边的 .rejects.xlsx")] = False,
    on: ReceivedOn = None,
    by: Annotated[str, typer.Option("--by", help="经办人")] = "项目实施单位",
    year: Year = None,
    as_of: OldAsOf = None,
) -> None:
    """导入工作台账：逐行校验（一次列出全部问题）；重复导入或更新后的副本不会产生重复记录。"""
    import_ledger(file, received_day(on, as_of), now(), by, year, skip_invalid)


def import_ledger(file: Path, as_of: dt.date, at: dt.datetime, by: str, year: int | None,
                  skip_invalid: bool) -> None:
    """Register the ledger through the intake (all rows or none, unless skip_invalid); print the receipt."""
    from flows.cli.take import take
    from models.intake import IntakeKind

    take(file, IntakeKind.ledger, as_of, at, by, year, skip_invalid=skip_invalid)
