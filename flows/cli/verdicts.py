"""省总工会评定命令：推广、合格、整改的评定，整改复查，以及各单位评定情况。"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from flows.cli.common import AsOf, Format, UserError, Year, check_format, now, parse_day
from models.enums import RecheckState

verdict_app = typer.Typer(help="省总工会评定：推广、合格、整改，以及整改复查", no_args_is_help=True)
RECHECK_STYLE = {RecheckState.overdue: "red", RecheckState.open: "yellow"}
COLUMNS = ("城市", "实施单位", "阶段", "预评分", "建议", "评定", "决定日期", "整改期限", "复查")

UnitCode = Annotated[str, typer.Option("--unit", help="实施单位（县区）6 位代码")]
Day = Annotated[str | None, typer.Option("--date", help="评定或复查日期（YYYY-MM-DD），默认今天")]
Due = Annotated[str | None, typer.Option("--due", help="整改期限（YYYY-MM-DD）")]
Notes = Annotated[str, typer.Option("--notes", help="说明（可选）")]


def register(app: typer.Typer) -> None:
    app.add_typer(verdict_app, name="verdict")


def _due(text: str | None) -> dt.date | None:
    return parse_day(text, "--due") if text is not None else None


@verdict_app.command("record")
def verdict_record(
    unit: UnitCode,
    verdict: Annotated[str, typer.Option("--verdict", help="promote 推广、pass 合格或 rectify 整改")],
    by: Annotated[str, typer.Option("--by", help="评定人")],
    due: Due = None, notes: Notes = "", date: Day = None, year: Year = None,
) -> None:
    """记录省总工会对实施单位的评定；整改须给出期限（--due），推广、合格不设期限。"""
    record(unit, verdict, by, _due(due), notes, parse_day(date, "--date"), now(), year)


def record(unit: str, verdict: str, by: str, due: dt.date | None, notes: str, on: dt.date,
           at: dt.datetime, year: int | None) -> None:
    """Record the verdict and show the pre-score it was taken against."""
    from models.verdicts import VERDICT_LABELS
    from tasks.services import evaluation

    done = evaluation.record(unit, verdict, by, due, notes, on, at, year)
    row, score = done.row, done.score
    due_text = f"，整改期限 {row.due_on}" if row.due_on else ""
    typer.echo(f"已记录评定：{done.unit_name}（{unit}）{VERDICT_LABELS[verdict]}，{on}，"
               f"评定人 {row.decided_by}{due_text}")
    if score is not None:
        note = f"，{score.note}" if score.note else ""
        typer.echo(f"预评分 {score.total_text}，建议“{score.suggested_label}”{note}"
                   "（legalcap verdict list 查看各项）")


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
    recheck(unit, passed, by, _due(due), notes, parse_day(date, "--date"), now(), year)


def recheck(unit: str, passed: bool, by: str, due: dt.date | None, notes: str, on: dt.date,
            at: dt.datetime, year: int | None) -> None:
    """Record the re-check and say whether the rectification ended or goes on."""
    from tasks.services import evaluation

    done = evaluation.recheck(unit, passed, by, due, notes, on, at, year)
    name, closed = done.unit_name, done.closed
    if passed:
        typer.echo(f"已登记复查：{name}（{unit}）整改复查通过（{on}，{closed.rechecked_by}），整改结束，提醒停止")
    else:
        typer.echo(f"已登记复查：{name}（{unit}）整改复查未通过（{on}，{closed.rechecked_by}），"
                   f"继续整改，新期限 {done.again.due_on}")


@verdict_app.command("list")
def verdict_list(as_of: AsOf = None, fmt: Format = "table", year: Year = None) -> None:
    """各实施单位的预评分、建议评定、已记录评定、整改期限与复查情况。"""
    check_format(fmt)
    list_verdicts(parse_day(as_of), fmt, year)


def list_verdicts(as_of: dt.date, fmt: str, year: int | None) -> None:
    """Every unit's pre-score and verdict, as a table or JSON."""
    from flows.console import print_records, records_table
    from tasks.services import evaluation

    found = evaluation.verdict_overview(as_of, year)
    rubric, rows = found.rubric, found.rows
    doc = {"as_of": as_of.isoformat(), "promote_at": rubric.promote_at, "pass_at": rubric.pass_at,
           "units": rows}
    title = f"总结评估 · 截至 {as_of}（推广 ≥ {rubric.promote_at:g}，合格 ≥ {rubric.pass_at:g}）"
    print_records(fmt, doc, rows, f"截至 {as_of} 尚无项目实施单位",
                  lambda: records_table(title, COLUMNS, map(_verdict_cells, rows)))
    if fmt != "json" and rows:
        typer.echo("\n".join(_reason_lines(rows)))


def _reason_lines(rows: list[dict]) -> list[str]:
    """Each unit's components (and completion's parts) with score and reason, under the table."""
    out = ["各项得分依据："]
    for r in rows:
        if (score := r["score"]) is None:
            continue
        note = f"；建议“{score['suggested_label']}”：{score['note']}" if score["note"] else ""
        out.append(f"{r['unit_name']}（{r['unit_code']}）预评分 {score['total_text']}{note}")
        for c in score["components"]:
            out += _component_lines(c)
    return out


def _component_lines(c: dict) -> list[str]:
    """A component's line (score or 待评审, weight, reason); completion's parts indented under it."""
    reason = "" if c["parts"] else c["reason"]
    lines = [f"  {c['label']} {_score_text(c['score'], '待评审')}（权重 {c['weight']:g}）：{reason}"]
    return lines + [f"    {p['label']} {_score_text(p['score'], '暂不计')}（占 {p['weight']:g}）："
                    f"{p['reason']}" for p in c["parts"]]


def _score_text(score: float | None, pending: str) -> str:
    return pending if score is None else f"{score:.1f}"


def _verdict_cells(r: dict) -> tuple[str, ...]:
    score = r["score"]
    return (r["city_name"], r["unit_name"], r["phase_label"], score["total_text"],
            score["suggested_label"], *_verdict_texts(r))


def _verdict_texts(row: dict) -> tuple[str, str, str, str]:
    from flows.console import styled

    v = row["verdict"]
    if v is None:
        return "—", "—", "—", "—"
    check = v["recheck"]
    recheck_text = check["label"] + (f" {check['rechecked_on']}" if check["rechecked_on"] else "")
    shown = styled(recheck_text, RECHECK_STYLE.get(check["state"]))
    return v["label"], v["decided_on"], v["due_on"] or "—", shown
