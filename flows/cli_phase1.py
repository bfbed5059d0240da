"""筹备部署命令：模板、推荐表与工作方案导入、审核备案、遴选材料、采购档案。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flows.cli_common import UserError, Year, now, parse_day

template_app = typer.Typer(help="生成填报模板", no_args_is_help=True)
recommendations_app = typer.Typer(help="推荐表（附件1）", no_args_is_help=True)
workplan_app = typer.Typer(help="工作方案（附件2）", no_args_is_help=True)
review_app = typer.Typer(help="省总工会审核备案", no_args_is_help=True)
procurement_app = typer.Typer(help="遴选材料（方式、评分、合同、团队、坐班、任务清单）", no_args_is_help=True)
archive_app = typer.Typer(help="采购档案（七类）", no_args_is_help=True)

Out = Annotated[Path, typer.Option("--out", help="输出文件路径")]
On = Annotated[str | None, typer.Option("--on", help="收到/决定日期（YYYY-MM-DD），默认今天")]
By = Annotated[str, typer.Option("--by", help="经办人")]
UnitCode = Annotated[str, typer.Option("--unit", help="实施单位（县区）6 位代码")]
InFile = Annotated[Path, typer.Argument(help="要导入的文件")]


def register(app: typer.Typer) -> None:
    for sub, name in ((template_app, "template"), (recommendations_app, "recommendations"),
                      (workplan_app, "workplan"), (review_app, "review"),
                      (procurement_app, "procurement"), (archive_app, "archive")):
        app.add_typer(sub, name=name)


def _check_suffix(path: Path, allowed: tuple[str, ...]) -> None:
    if path.suffix.lower() not in allowed:
        raise UserError(f"--out {path}: 文件类型应为 {'、'.join(allowed)}")


@template_app.command("recommendation")
def template_recommendation(out: Out) -> None:
    """附件1 推荐表：.docx（Word 表格）或 .xlsx（每行一个单位）。"""
    _check_suffix(out, (".docx", ".xlsx"))
    if out.suffix.lower() == ".docx":
        from tasks.forms.recommendation_docx import write_recommendation_docx as write
    else:
        from tasks.forms.recommendation_xlsx import write_recommendation_xlsx as write
    write(out)
    typer.echo(f"已生成推荐表模板：{out}")


@template_app.command("workplan")
def template_workplan(out: Out) -> None:
    """附件2 工作方案（.docx，三个部分，不超过 1500 字）。"""
    _check_suffix(out, (".docx",))
    from tasks.forms.workplan import write_workplan_docx

    write_workplan_docx(out)
    typer.echo(f"已生成工作方案模板：{out}")


@template_app.command("procurement")
def template_procurement(out: Out) -> None:
    """遴选材料登记表（.xlsx）：遴选信息、候选机构评分、服务团队、任务清单。"""
    _check_suffix(out, (".xlsx",))
    from tasks.forms.procurement_xlsx import write_procurement_xlsx

    write_procurement_xlsx(out)
    typer.echo(f"已生成遴选材料模板：{out}")


@recommendations_app.command("import")
def recommendations_import(
    file: InFile, on: On = None, by: By = "省总工会权益保障部", year: Year = None,
    replace: Annotated[bool, typer.Option("--replace", help="替换该市已推荐的单位（记入审计）")] = False,
) -> None:
    """登记推荐表（.docx 或 .xlsx）：校验必填项、单位代码与所属城市、每市 1 个。"""
    from flows.phase1_commands import import_recommendations

    import_recommendations(file, parse_day(on, "--on"), now(), by, year, replace)


@workplan_app.command("import")
def workplan_import(file: InFile, unit: UnitCode, on: On = None, by: By = "省总工会权益保障部",
                    year: Year = None) -> None:
    """登记工作方案（.docx、.txt、.md）：三个部分齐全，不超过 1500 字（报告字数与计数规则）。"""
    from flows.phase1_commands import import_work_plan

    import_work_plan(file, unit, parse_day(on, "--on"), now(), by, year)


def _review(decision: str, unit: str, by: str, reason: str, on: str | None, year: int | None) -> None:
    from flows.phase1_commands import record_review

    record_review(decision, unit, by, reason, parse_day(on, "--on"), now(), year)


@review_app.command("approve")
def review_approve(unit: UnitCode, by: Annotated[str, typer.Option("--by", help="审核人")],
                   reason: Annotated[str, typer.Option("--reason", help="说明（可选）")] = "",
                   on: On = None, year: Year = None) -> None:
    """审核通过并备案。"""
    _review("approve", unit, by, reason, on, year)


@review_app.command("return")
def review_return(unit: UnitCode, by: Annotated[str, typer.Option("--by", help="审核人")],
                  reason: Annotated[str, typer.Option("--reason", help="退回理由（必填）")] = "",
                  on: On = None, year: Year = None) -> None:
    """退回材料：通知推荐城市并说明理由，城市须重新报送。"""
    _review("return", unit, by, reason, on, year)


@procurement_app.command("import")
def procurement_import(file: InFile, on: On = None, by: By = "项目实施单位", year: Year = None) -> None:
    """登记遴选材料（.xlsx）：合规方式、候选评分、中选机构（信用代码校验）、合同、团队、坐班、任务清单。"""
    from flows.phase1_commands import import_procurement

    import_procurement(file, parse_day(on, "--on"), now(), by, year)


@archive_app.command("add")
def archive_add(
    file: InFile, unit: UnitCode,
    kind: Annotated[str, typer.Option("--kind", help="档案类别：代码或中文名，如 announcement、采购公告")],
    on: On = None, by: By = "项目实施单位", year: Year = None,
) -> None:
    """登记一份采购档案（复制入档案库并记录 SHA-256）。"""
    from flows.phase1_commands import add_archive

    add_archive(file, unit, kind, parse_day(on, "--on"), now(), by, year)
