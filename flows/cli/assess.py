"""省总工会评估组的实际成效评估命令：verdict assess 登记评分与意见，verdict assessments 查看。"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated

import typer

from flows.cli.common import AsOf, Format, UserError, Year, check_format, now, parse_day

COLUMNS = ("城市", "实施单位", "实际成效", "评估日期", "评估人", "评估方式", "评估意见")


def register(verdict_app: typer.Typer) -> None:
    """Add assess and assessments to the `verdict` group."""
    verdict_app.command("assess")(verdict_assess)
    verdict_app.command("assessments")(verdict_assessments)


def parse_effect(text: str) -> float:
    """The score of --effect, a number (0–100 is checked with the other fields)."""
    try:
        value = float(text.strip())
    except ValueError:
        raise UserError(f"--effect {text}：须为 0 至 100 之间的数字") from None
    if math.isnan(value) or math.isinf(value):
        raise UserError(f"--effect {text}：须为 0 至 100 之间的数字")
    return value


def verdict_assess(
    unit: Annotated[str, typer.Option("--unit", help="实施单位（县区）6 位代码")],
    effect: Annotated[str, typer.Option("--effect", help="实际成效评分，0 至 100")],
    notes: Annotated[str, typer.Option("--notes", help="评估意见：实地调研、座谈访谈等所见所闻（必填）")],
    method: Annotated[list[str] | None, typer.Option(
        "--method", help="评估方式，可多次给出：site_visit 实地调研、document_review 资料审核、"
                         "interview 座谈访谈")] = None,
    on: Annotated[str | None, typer.Option("--on", help="评估日期（YYYY-MM-DD），默认今天")] = None,
    by: Annotated[str, typer.Option("--by", help="评估人")] = "省总工会评估组",
    year: Year = None,
) -> None:
    """登记评估组对实施单位实际成效的评分（0–100）与意见；同一单位以最近一次评估为准。"""
    from flows.today import scheduled_today

    today = scheduled_today()   # LEGALCAP_TODAY in rehearsals, as the tick
    day = parse_day(on, "--on") if on is not None else today
    assess(unit, parse_effect(effect), notes, method or [], day, by, now(), today, year)


def assess(unit: str, effect: float, notes: str, methods: list[str], on: dt.date, by: str, at: dt.datetime,
           today: dt.date, year: int | None) -> None:
    """Record the assessment (no later than today) and confirm it in one Chinese line."""
    from tasks.services import assessment

    done = assessment.assess(unit, effect, notes, methods, on, by, at, today, year)
    a = done.assessment
    how = f"（{a.methods_text}）" if a.methods else ""
    typer.echo(f"已登记实际成效评估：{done.unit_name}（{unit}）{a.effect:g} 分，{a.assessed_on}，"
               f"评估人 {a.assessed_by}{how}")


def verdict_assessments(as_of: AsOf = None, fmt: Format = "table", year: Year = None) -> None:
    """各实施单位最近一次实际成效评估（未评估的显示待评审）。"""
    check_format(fmt)
    list_assessments(parse_day(as_of), fmt, year)


def list_assessments(as_of: dt.date, fmt: str, year: int | None) -> None:
    """Every unit's latest assessment by as_of, as a table or JSON."""
    from flows.console import print_records, records_table
    from tasks.services import assessment

    rows = assessment.effect_overview(as_of, year)
    doc = {"as_of": as_of.isoformat(), "units": rows}
    title = f"实际成效评估 · 截至 {as_of}"
    print_records(fmt, doc, rows, f"截至 {as_of} 尚无项目实施单位",
                  lambda: records_table(title, COLUMNS, map(_cells, rows), right=("实际成效",)))


def _cells(r: dict) -> tuple[str, ...]:
    effect = r["state"] if r["effect"] is None else f"{r['effect']:g}"
    return (r["city_name"], r["unit_name"], effect, r["assessed_on"] or "—", r["assessed_by"] or "—",
            r["methods_text"] or "—", r["notes"] or "—")
