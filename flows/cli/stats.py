"""统计命令：全省年度工作台账统计（按市、类别、月份、五进场所），导出为 Excel。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flows.cli.common import AsOf, Year, parse_day

stats_app = typer.Typer(help="全省年度统计（省总工会年度总结用）", no_args_is_help=True)
OUT_HELP = "输出文件（.xlsx），默认 LEGALCAP_HOME/statistics/<年度>-统计-<日期>.xlsx"


def register(app: typer.Typer) -> None:
    app.add_typer(stats_app, name="stats")


@stats_app.command("export")
def stats_export(
    as_of: AsOf = None,
    out: Annotated[Path | None, typer.Option("--out", help=OUT_HELP)] = None,
    year: Year = None,
) -> None:
    """导出全省工作台账统计表：按市×类别、按类别、按月份、法治宣传按市×五进场所，各表含合计。"""
    from tasks.services.statistics import export_province_statistics

    day = parse_day(as_of)
    path, stats = export_province_statistics(day, out, year)
    total = int(stats.by_category.loc["合计", "条数"])
    typer.echo(f"已导出统计表（数据截至 {day}，台账记录 {total} 条）：{path.resolve()}")
