"""组织实施命令：工作台账模板与导入。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flows.cli_common import AsOf, UserError, Year, now, parse_day
from flows.cli_phase1 import template_app

ledger_app = typer.Typer(help="工作台账（法治宣传、劳动法律监督、法律援助等）", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(ledger_app, name="ledger")


@template_app.command("ledger")
def template_ledger(
    out: Annotated[Path, typer.Option("--out", help="输出文件路径（.xlsx）")],
    unit: Annotated[str, typer.Option("--unit", help="预填单位代码（可选）")] = "",
) -> None:
    """工作台账模板（.xlsx）：每类一个工作表，下拉选项，日期格，★为个人信息列。"""
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"--out {out}: 文件类型应为 .xlsx")
    from tasks.forms.ledger_xlsx import write_ledger_template

    write_ledger_template(out, unit_code=unit)
    typer.echo(f"已生成工作台账模板：{out}")


@ledger_app.command("import")
def ledger_import(
    file: Annotated[Path, typer.Argument(help="工作台账（.xlsx）")],
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="只导入有效行，问题行写入旁边的 .rejects.xlsx")] = False,
    as_of: AsOf = None,
    by: Annotated[str, typer.Option("--by", help="经办人")] = "项目实施单位",
    year: Year = None,
) -> None:
    """导入工作台账：逐行校验（一次列出全部问题）；重复导入或更新后的副本不会产生重复记录。"""
    from flows.phase2_commands import import_ledger

    import_ledger(file, parse_day(as_of), now(), by, year, skip_invalid)
