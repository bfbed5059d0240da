"""Bodies of the phase 3 commands: submit and list reports; record, re-check and list verdicts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.table import Table

from config.settings import get_settings
from flows.cli_common import print_json
from flows.console import SUBMISSION_LABELS, print_table
from models.db import session_scope
from models.report_chases import REPORT_LABELS
from models.tables import Unit
from models.verdict_document import verdict_rows
from models.verdicts import VERDICT_LABELS
from tasks.context import load_context, load_programme
from tasks.files import sha256_file
from tasks.runtime import get_engine
from tasks.submissions import Received

STATUS_STYLE = {"late": "yellow", "missing": "red"}
RECHECK_STYLE = {"overdue": "red", "open": "yellow"}


def submit(file: Path, unit: str, kind_text: str, on: dt.date, at: dt.datetime, by: str,
           year: int | None) -> None:
    from tasks.reports import check_report_file, submit_report

    settings = get_settings()
    kind, path = check_report_file(file, kind_text, settings.allowed_archive_roots())
    got = Received(path, sha256_file(path), on, at, by)
    engine = get_engine()
    ref = load_programme(engine, year)
    with session_scope(engine) as session:
        done = submit_report(session, ref, unit, kind, got, settings.home_dir / "reports")
        name = session.get(Unit, unit).name
    label, row = REPORT_LABELS[kind], done.row
    if not done.created:
        same = f"第 {done.version} 版，{row.submitted_on}"
        typer.echo(f"该文件与{name}已登记的{label}（{same}）相同，未重复登记")
        return
    due = ref.cfg.deadlines.summary_submission
    timing = "按期" if on <= due else f"逾期：截止 {due}"
    replaced = f"，取代 {done.superseded.submitted_on} 登记的版本" if done.superseded else ""
    typer.echo(f"已登记{label}：{name}（{unit}），第 {done.version} 版，收到 {on}（{timing}）{replaced}")
    typer.echo(f"文件 SHA-256：{got.sha256}，存于 {row.path}")


def _report_text(cell: dict) -> str:
    text = SUBMISSION_LABELS[cell["status"]]
    if cell["versions"]:
        text += f" {cell['latest_on']}（第 {cell['versions']} 版）"
    style = STATUS_STYLE.get(cell["status"])
    return f"[{style}]{text}[/{style}]" if style else text


def list_reports(as_of: dt.date, fmt: str, year: int | None) -> None:
    from tasks.reports import report_rows

    engine = get_engine()
    ref = load_programme(engine, year)
    with session_scope(engine) as session:
        rows = report_rows(session, ref, as_of)
    due = ref.cfg.deadlines.summary_submission
    if fmt == "json":
        print_json({"as_of": as_of.isoformat(), "due": due.isoformat(), "units": rows})
        return
    if not rows:
        typer.echo(f"截至 {as_of} 尚无项目实施单位")
        return
    table = Table(title=f"工作总结与成果报告 · 截至 {as_of}（{due} 截止）")
    for column in ("城市", "实施单位", *REPORT_LABELS.values()):
        table.add_column(column)
    for r in rows:
        table.add_row(r["city_name"], r["unit_name"], *(_report_text(r[kind]) for kind in REPORT_LABELS))
    print_table(table)


def record(unit: str, verdict: str, by: str, due: dt.date | None, notes: str, on: dt.date,
           at: dt.datetime, year: int | None) -> None:
    from tasks.verdicts import record_verdict

    engine = get_engine()
    ref = load_programme(engine, year)
    with session_scope(engine) as session:
        row, score = record_verdict(session, ref, unit, verdict=verdict, by=by, on=on, due=due, notes=notes,
                                    at=at)
        name = session.get(Unit, unit).name
    due_text = f"，整改期限 {row.due_on}" if row.due_on else ""
    typer.echo(f"已记录评定：{name}（{unit}）{VERDICT_LABELS[verdict]}，{on}，"
               f"评定人 {row.decided_by}{due_text}")
    if score is not None:
        typer.echo(f"预评分 {score.total:.1f}，建议“{score.suggested_label}”"
                   "（legalcap verdict list 查看各项）")


def recheck(unit: str, passed: bool, by: str, due: dt.date | None, notes: str, on: dt.date,
            at: dt.datetime, year: int | None) -> None:
    from tasks.verdicts import record_recheck

    engine = get_engine()
    ref = load_programme(engine, year)
    with session_scope(engine) as session:
        closed, again = record_recheck(session, ref, unit, passed=passed, by=by, on=on, due=due, notes=notes,
                                       at=at)
        name = session.get(Unit, unit).name
    if passed:
        typer.echo(f"已登记复查：{name}（{unit}）整改复查通过（{on}，{closed.rechecked_by}），整改结束，提醒停止")
    else:
        typer.echo(f"已登记复查：{name}（{unit}）整改复查未通过（{on}，{closed.rechecked_by}），"
                   f"继续整改，新期限 {again.due_on}")


def _verdict_texts(row: dict) -> tuple[str, str, str, str]:
    v = row["verdict"]
    if v is None:
        return "—", "—", "—", "—"
    check = v["recheck"]
    style = RECHECK_STYLE.get(check["state"])
    recheck = check["label"] + (f" {check['rechecked_on']}" if check["rechecked_on"] else "")
    return (v["label"], v["decided_on"], v["due_on"] or "—",
            f"[{style}]{recheck}[/{style}]" if style else recheck)


def list_verdicts(as_of: dt.date, fmt: str, year: int | None) -> None:
    from tasks.rubric import score_units
    from tasks.verdicts import load_standing_verdicts

    engine = get_engine()
    ref = load_programme(engine, year)
    ctx = load_context(engine, ref, as_of)
    with session_scope(engine) as session:
        rows = verdict_rows(ctx.statuses, score_units(session, ctx),
                            load_standing_verdicts(session, ref.id, as_of), as_of)
    rubric = ref.cfg.rubric
    if fmt == "json":
        print_json({"as_of": as_of.isoformat(), "promote_at": rubric.promote_at, "pass_at": rubric.pass_at,
                    "units": rows})
        return
    if not rows:
        typer.echo(f"截至 {as_of} 尚无项目实施单位")
        return
    table = Table(title=f"总结评估 · 截至 {as_of}（推广 ≥ {rubric.promote_at:g}，合格 ≥ {rubric.pass_at:g}）")
    for column in ("城市", "实施单位", "阶段", "预评分", "建议", "评定", "决定日期", "整改期限", "复查"):
        table.add_column(column)
    for r in rows:
        score = r["score"]
        table.add_row(r["city_name"], r["unit_name"], r["phase_label"], f"{score['total']:.1f}",
                      score["suggested_label"], *_verdict_texts(r))
    print_table(table)
