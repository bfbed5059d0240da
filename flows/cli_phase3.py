"""总结评估命令：工作总结与成果报告报送登记，省总工会评定（推广、合格、整改）与整改复查。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flows.cli_common import AsOf, Format, UserError, Year, check_format, now, parse_day

report_app = typer.Typer(help="总结评估材料：工作总结、成果报告", no_args_is_help=True)
verdict_app = typer.Typer(help="省总工会评定：推广、合格、整改，以及整改复查", no_args_is_help=True)

UnitCode = Annotated[str, typer.Option("--unit", help="实施单位（县区）6 位代码")]
Day = Annotated[str | None, typer.Option("--date", help="评定或复查日期（YYYY-MM-DD），默认今天")]
Due = Annotated[str | None, typer.Option("--due", help="整改期限（YYYY-MM-DD）")]
Notes = Annotated[str, typer.Option("--notes", help="说明（可选）")]


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")
    app.add_typer(verdict_app, name="verdict")


def _due(text: str | None):
    return parse_day(text, "--due") if text is not None else None


@report_app.command("submit")
def report_submit(
    file: Annotated[Path, typer.Argument(help="报告文件（.docx、.pdf、.doc、.wps、.txt、.md）")],
    unit: UnitCode,
    kind: Annotated[str, typer.Option("--kind", help="summary（工作总结）或 results（成果报告）")],
    by: Annotated[str, typer.Option("--by", help="报送人或经办人")] = "项目实施单位",
    on: Annotated[str | None, typer.Option("--on", help="收到日期（YYYY-MM-DD），默认今天")] = None,
    year: Year = None,
) -> None:
    """登记工作总结或成果报告：复制入报告库并记录 SHA-256；同一文件不重复登记，新版本取代旧版本。"""
    from flows.phase3_commands import submit

    submit(file, unit, kind, parse_day(on, "--on"), now(), by, year)


@report_app.command("list")
def report_list(as_of: AsOf = None, fmt: Format = "table", year: Year = None) -> None:
    """各实施单位工作总结、成果报告的报送情况：按期、逾期、未报送，及最新版本。"""
    check_format(fmt)
    from flows.phase3_commands import list_reports

    list_reports(parse_day(as_of), fmt, year)


@verdict_app.command("record")
def verdict_record(
    unit: UnitCode,
    verdict: Annotated[str, typer.Option("--verdict", help="promote 推广、pass 合格或 rectify 整改")],
    by: Annotated[str, typer.Option("--by", help="评定人")],
    due: Due = None, notes: Notes = "", date: Day = None, year: Year = None,
) -> None:
    """记录省总工会对实施单位的评定；整改须给出期限（--due），推广、合格不设期限。"""
    from flows.phase3_commands import record

    record(unit, verdict, by, _due(due), notes, parse_day(date, "--date"), now(), year)


@verdict_app.command("recheck")
def verdict_recheck(
    unit: UnitCode,
    by: Annotated[str, typer.Option("--by", help="复查人")],
    passed: Annotated[bool, typer.Option("--passed", help="复查通过：整改结束")] = False,
    failed: Annotated[bool, typer.Option("--failed", help="复查未通过：须以 --due 给出新的整改期限")] = False,
    due: Due = None, date: Day = None, notes: Notes = "", year: Year = None,
) -> None:
    """登记整改复查结果：通过则整改结束、提醒停止；未通过则按新期限继续整改。"""
    if passed == failed:
        raise UserError("--passed/--failed: 须指定其中一个（复查通过或未通过）")
    from flows.phase3_commands import recheck

    recheck(unit, passed, by, _due(due), notes, parse_day(date, "--date"), now(), year)


@verdict_app.command("list")
def verdict_list(as_of: AsOf = None, fmt: Format = "table", year: Year = None) -> None:
    """各实施单位的预评分、建议评定、已记录评定、整改期限与复查情况。"""
    check_format(fmt)
    from flows.phase3_commands import list_verdicts

    list_verdicts(parse_day(as_of), fmt, year)
