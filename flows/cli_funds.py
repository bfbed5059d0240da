"""经费使用命令：导入经费支出、查看各单位补助使用情况；经费支出模板。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flows.cli_common import AsOf, Format, UserError, Year, check_format, now, parse_day

funds_app = typer.Typer(help="项目经费（专款专用：购买社会组织法律服务的支出）", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(funds_app, name="funds")


def template_funds(
    out: Annotated[Path, typer.Option("--out", help="输出文件路径（.xlsx）")],
    unit: Annotated[str, typer.Option("--unit", help="预填单位代码（可选）")] = "",
) -> None:
    """经费支出登记表（.xlsx）：单位代码、支出日期、金额、用途（下拉或自填）、凭证号、备注。"""
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"--out {out}: 文件类型应为 .xlsx")
    from tasks.forms.funds_xlsx import write_funds_template

    write_funds_template(out, unit_code=unit)
    typer.echo(f"已生成经费支出模板：{out}")


@funds_app.command("import")
def funds_import(
    file: Annotated[Path, typer.Argument(help="经费支出登记表（.xlsx）")],
    as_of: AsOf = None,
    by: Annotated[str, typer.Option("--by", help="经办人")] = "项目实施单位",
    year: Year = None,
) -> None:
    """导入经费支出：逐行校验（一次列出全部问题，有问题时不导入）；重复导入不会重复登记。"""
    from flows.funds_commands import import_funds

    import_funds(file, parse_day(as_of), now(), by, year)


@funds_app.command("status")
def funds_status(as_of: AsOf = None, fmt: Format = "table", year: Year = None) -> None:
    """各实施单位的合同金额、省补助、累计支出、使用比例，以及超出补助或补助余额。"""
    check_format(fmt)
    from flows.funds_commands import show_status

    show_status(parse_day(as_of), fmt, year)
