"""Shared pieces of the command line: options, date parsing, the clock, user errors."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from models.errors import Refusal

SHANGHAI = ZoneInfo("Asia/Shanghai")
Format = Annotated[str, typer.Option("--format", help="输出格式：table 或 json")]
AsOf = Annotated[str | None, typer.Option("--as-of", help="按此日期计算（YYYY-MM-DD），默认今天")]
Year = Annotated[int | None, typer.Option("--year", help="项目年度，默认最近启动的年度")]


class UserError(Refusal):
    """A mistake in the command's options: printed in one line, exit code 2."""


def now() -> dt.datetime:
    """The clock, read only here and in serve."""
    return dt.datetime.now(SHANGHAI)


def parse_day(text: str | None, option: str = "--as-of") -> dt.date:
    """The day an option names, in any date form the forms accept (models/values); today when absent."""
    from models.values import ValueProblem, parse_date

    if text is None:
        return now().date()
    try:
        day = parse_date(text)
    except ValueProblem as problem:
        raise UserError(f"{option}: {problem}") from None
    if day is None:
        raise UserError(f"{option}: 未填写日期（应为 YYYY-MM-DD）")
    return day


def check_format(fmt: str) -> str:
    if fmt not in ("table", "json"):
        raise UserError(f"--format: 不支持“{fmt}”（可选 table、json）")
    return fmt
