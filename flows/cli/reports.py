"""总结评估材料命令：工作总结与成果报告的报送登记与报送情况。"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from flows.cli.common import AsOf, Format, Year, check_format, now, parse_day
from models.enums import SubmissionStatus

report_app = typer.Typer(help="总结评估材料：工作总结、成果报告", no_args_is_help=True)
STATUS_STYLE = {SubmissionStatus.late: "yellow", SubmissionStatus.missing: "red"}


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")


@report_app.command("submit")
def report_submit(
    file: Annotated[Path, typer.Argument(help="报告文件（.docx、.pdf、.doc、.wps、.txt、.md）")],
    unit: Annotated[str, typer.Option("--unit", help="实施单位（县区）6 位代码")],
    kind: Annotated[str, typer.Option("--kind", help="summary（工作总结）或 results（成果报告）")],
    by: Annotated[str, typer.Option("--by", help="报送人或经办人")] = "项目实施单位",
    on: Annotated[str | None, typer.Option("--on", help="收到日期（YYYY-MM-DD），默认今天")] = None,
    year: Year = None,
) -> None:
    """登记工作总结或成果报告：复制入报告库并记录 SHA-256；同一文件不重复登记，新版本取代旧版本。"""
    submit(file, unit, kind, parse_day(on, "--on"), now(), by, year)


def submit(file: Path, unit: str, kind_text: str, on: dt.date, at: dt.datetime, by: str,
           year: int | None) -> None:
    """Register a 工作总结 or 成果报告 through the intake: its version, timing, what it replaced."""
    from flows.cli.take import take
    from models.errors import InputError
    from models.report_rules import kind_problem, report_kind

    kind = report_kind(kind_text)
    if kind is None:
        raise InputError(kind_problem(kind_text))
    take(file, kind.value, on, at, by, year, unit=unit)


@report_app.command("list")
def report_list(as_of: AsOf = None, fmt: Format = "table", year: Year = None) -> None:
    """各实施单位工作总结、成果报告的报送情况：按期、逾期、未报送，及最新版本。"""
    check_format(fmt)
    list_reports(parse_day(as_of), fmt, year)


def list_reports(as_of: dt.date, fmt: str, year: int | None) -> None:
    """Every unit's reports, as a table or JSON."""
    from flows.console import print_records, records_table
    from models.report_chases import REPORT_LABELS
    from tasks.services import evaluation

    found = evaluation.report_overview(as_of, year)
    doc = {"as_of": as_of.isoformat(), "due": found.due.isoformat(), "units": found.rows}
    title = f"工作总结与成果报告 · 截至 {as_of}（{found.due} 截止）"
    cells = ((r["city_name"], r["unit_name"], *(_report_text(r[kind]) for kind in REPORT_LABELS))
             for r in found.rows)
    print_records(fmt, doc, found.rows, f"截至 {as_of} 尚无项目实施单位",
                  lambda: records_table(title, ("城市", "实施单位", *REPORT_LABELS.values()), cells))


def _report_text(cell: dict) -> str:
    from flows.console import SUBMISSION_LABELS, styled

    text = SUBMISSION_LABELS[cell["status"]]
    if cell["versions"]:
        text += f" {cell['latest_on']}（第 {cell['versions']} 版）"
    return styled(text, STATUS_STYLE.get(cell["status"]))
