"""筹备部署命令：推荐表与工作方案导入、审核备案、遴选材料、采购档案。"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from flows.cli.common import AsOf, Format, Year, check_format, now, parse_day
from models.enums import Decision
from models.intake import Receipt

recommendations_app = typer.Typer(help="推荐表（附件1）", no_args_is_help=True)
workplan_app = typer.Typer(help="工作方案（附件2）", no_args_is_help=True)
review_app = typer.Typer(help="省总工会审核备案", no_args_is_help=True)
procurement_app = typer.Typer(help="遴选材料（方式、评分、合同、团队、坐班、任务清单）", no_args_is_help=True)
archive_app = typer.Typer(help="采购档案（七类）", no_args_is_help=True)

On = Annotated[str | None, typer.Option("--on", help="收到/决定日期（YYYY-MM-DD），默认今天")]
By = Annotated[str, typer.Option("--by", help="经办人")]
UnitCode = Annotated[str, typer.Option("--unit", help="实施单位（县区）6 位代码")]
InFile = Annotated[Path, typer.Argument(help="要导入的文件")]


def register(app: typer.Typer) -> None:
    for sub, name in ((recommendations_app, "recommendations"), (workplan_app, "workplan"),
                      (review_app, "review"), (procurement_app, "procurement"), (archive_app, "archive")):
        app.add_typer(sub, name=name)


@recommendations_app.command("import")
def recommendations_import(
    file: InFile, on: On = None, by: By = "省总工会权益保障部", year: Year = None,
    replace: Annotated[bool, typer.Option("--replace", help="替换该市已推荐的单位（记入审计）")] = False,
) -> None:
    """登记推荐表（.docx 或 .xlsx）：校验必填项、单位代码与所属城市、每市 1 个。"""
    import_recommendations(file, parse_day(on, "--on"), now(), by, year, replace)


def import_recommendations(file: Path, on: dt.date, at: dt.datetime, by: str, year: int | None,
                           replace: bool) -> None:
    """Register the form's units through the intake; a city that already recommended: the --replace hint."""
    from flows.cli.take import take
    from models.intake import IntakeKind

    take(file, IntakeKind.recommendation, on, at, by, year, replace=replace,
         hint=lambda receipt: "" if replace else replace_hint(receipt))


def replace_hint(receipt: Receipt) -> str:
    """The operator's --replace hint when a city already has its one unit (the receipt says 每市限 1 个)."""
    from tasks.submissions import ONE_PER_CITY

    if any(ONE_PER_CITY in line for line in receipt.lines()):
        return "如需替换该市已推荐的单位，请加 --replace（替换记入审计）"
    return ""


@workplan_app.command("import")
def workplan_import(file: InFile, unit: UnitCode, on: On = None, by: By = "省总工会权益保障部",
                    year: Year = None) -> None:
    """登记工作方案（.docx、.txt、.md）：三个部分齐全；超过原则上字数照收并警告（报告字数与计数规则）。"""
    import_work_plan(file, unit, parse_day(on, "--on"), now(), by, year)


def import_work_plan(file: Path, unit: str, on: dt.date, at: dt.datetime, by: str, year: int | None) -> None:
    """Register the unit's work plan through the intake; its receipt says how the characters were counted."""
    from flows.cli.take import take
    from models.intake import IntakeKind

    take(file, IntakeKind.workplan, on, at, by, year, unit=unit)


def _review(decision: Decision, unit: str, by: str, reason: str, on_text: str | None,
            year: int | None) -> None:
    from tasks.services.preparation import record_review

    on = parse_day(on_text, "--on")
    record_review(decision, unit, by, reason, on, now(), year)
    if decision == Decision.approve:
        typer.echo(f"{unit}：审核通过并备案（{by}，{on}）")
    else:
        typer.echo(f"{unit}：已退回（{by}，{on}），理由：{reason}；已通知推荐城市重新报送")


@review_app.command(Decision.approve.value)
def review_approve(unit: UnitCode, by: Annotated[str, typer.Option("--by", help="审核人")],
                   reason: Annotated[str, typer.Option("--reason", help="说明（可选）")] = "",
                   on: On = None, year: Year = None) -> None:
    """审核通过并备案。"""
    _review(Decision.approve, unit, by, reason, on, year)


@review_app.command(Decision.return_.value)
def review_return(unit: UnitCode, by: Annotated[str, typer.Option("--by", help="审核人")],
                  reason: Annotated[str, typer.Option("--reason", help="退回理由（必填）")] = "",
                  on: On = None, year: Year = None) -> None:
    """退回材料：通知推荐城市并说明理由，城市须重新报送。"""
    _review(Decision.return_, unit, by, reason, on, year)


@review_app.command("pending")
def review_pending(as_of: AsOf = None, fmt: Format = "table", year: Year = None) -> None:
    """列出已报送、待省总工会审核备案的单位（含退回后重新报送的），及各自的审核期限。"""
    from flows.console import print_records, records_table
    from tasks.services.review_pending import pending_reviews

    check_format(fmt)
    day = parse_day(as_of)
    rows = pending_reviews(day, year)
    cells = ((r["city_name"], r["unit_name"], r["unit_code"], r["received_on"],
              "是" if r["resubmitted"] else "", r["due"]) for r in rows)
    print_records(fmt, {"as_of": day.isoformat(), "pending": rows}, rows, f"截至 {day} 没有待审核备案的材料",
                  lambda: records_table(f"待审核备案 · 截至 {day}",
                                        ("城市", "单位", "代码", "收到日期", "重新报送", "审核期限"), cells))


@procurement_app.command("import")
def procurement_import(file: InFile, on: On = None, by: By = "项目实施单位", year: Year = None) -> None:
    """登记遴选材料（.xlsx）：合规方式、候选评分、中选机构（信用代码校验）、合同、团队、坐班、任务清单。"""
    import_procurement(file, parse_day(on, "--on"), now(), by, year)


def import_procurement(file: Path, on: dt.date, at: dt.datetime, by: str, year: int | None) -> None:
    """Register the dossier through the intake; its receipt names the winner, the contract and the team."""
    from flows.cli.take import take
    from models.intake import IntakeKind

    take(file, IntakeKind.procurement, on, at, by, year)


@archive_app.command("add")
def archive_add(
    file: InFile, unit: UnitCode,
    kind: Annotated[str, typer.Option("--kind", help="档案类别：代码或中文名，如 announcement、采购公告")],
    on: On = None, by: By = "项目实施单位", year: Year = None,
) -> None:
    """登记一份采购档案（复制入档案库并记录 SHA-256）。"""
    add_archive(file, unit, kind, parse_day(on, "--on"), now(), by, year)


def add_archive(file: Path, unit: str, kind_text: str, on: dt.date, at: dt.datetime, by: str,
                year: int | None) -> None:
    """Register the document as the archive kind --kind names (only an archive kind) through the intake."""
    from flows.cli.take import take
    from tasks.archive import archive_kind, unknown_kind

    kind = archive_kind(kind_text.strip())
    if kind is None:
        raise unknown_kind(file.name, kind_text)
    take(file, kind.value, on, at, by, year, unit=unit)
