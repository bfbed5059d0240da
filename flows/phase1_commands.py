"""Bodies of the phase-1 commands: read the file, check it, store it in one transaction, say what."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from config.settings import get_settings
from models.db import session_scope
from models.enums import ARCHIVE_LABELS
from tasks.context import load_programme
from tasks.files import readable_file, sha256_file
from tasks.runtime import get_engine
from tasks.submissions import Received


def _received(file: Path, on: dt.date, at: dt.datetime, by: str) -> Received:
    path = readable_file(file)
    return Received(path, sha256_file(path), on, at, by)


def import_recommendations(file: Path, on, at, by, year, replace: bool) -> None:
    from tasks.forms.recommendation import read_recommendation_file
    from tasks.submissions import register_recommendations

    got = _received(file, on, at, by)
    forms = read_recommendation_file(got.path)
    engine = get_engine()
    ref = load_programme(engine, year)
    with session_scope(engine) as session:
        stored = register_recommendations(session, ref, forms, got, replace=replace)
        lines = [f"已登记推荐：{r.stamped_by} → {r.unit_name}（{r.unit_code}），收到 {r.received_on}"
                 for r in stored]
    status = _deadline_note(ref, on)
    for line in lines:
        typer.echo(line + status)
    typer.echo(f"文件 SHA-256：{got.sha256}")


def _deadline_note(ref, on: dt.date) -> str:
    due = ref.cfg.deadlines.recommendation
    return "（按期）" if on <= due else f"（逾期：截止 {due}）"


def import_work_plan(file: Path, unit: str, on, at, by, year) -> None:
    from tasks.forms.workplan import read_workplan
    from tasks.submissions import register_work_plan

    got = _received(file, on, at, by)
    plan = read_workplan(got.path)
    engine = get_engine()
    ref = load_programme(engine, year)
    with session_scope(engine) as session:
        register_work_plan(session, ref, unit, plan, got)
    typer.echo(f"已登记工作方案：{unit}，共 {plan.char_count} 字（{plan.count_rule}），收到 {on}")
    typer.echo(f"文件 SHA-256：{got.sha256}")


def record_review(decision: str, unit: str, by: str, reason: str, on, at, year) -> None:
    from tasks.review import review_unit

    engine = get_engine()
    ref = load_programme(engine, year)
    with session_scope(engine) as session:
        review_unit(session, ref, unit, decision, by=by, reason=reason, on=on, at=at)
    if decision == "approve":
        typer.echo(f"{unit}：审核通过并备案（{by}，{on}）")
    else:
        typer.echo(f"{unit}：已退回（{by}，{on}），理由：{reason}；已通知推荐城市重新报送")


def import_procurement(file: Path, on, at, by, year) -> None:
    from tasks.forms.procurement_xlsx import read_procurement_xlsx
    from tasks.procurement import register_dossier

    got = _received(file, on, at, by)
    dossier = read_procurement_xlsx(got.path)
    engine = get_engine()
    ref = load_programme(engine, year)
    with session_scope(engine) as session:
        register_dossier(session, ref, dossier, got)
    w = dossier.winner
    typer.echo(f"已登记遴选材料：{dossier.unit_code}，中选 {w.name}（{w.credit_code}），"
               f"合同 {dossier.contract_amount_fen / 100:,.2f} 元，团队 {len(dossier.team)} 人")


def add_archive(file: Path, unit: str, kind_text: str, on, at, by, year) -> None:
    from tasks.archive import add_archive_document, check_archive_file

    settings = get_settings()
    kind, path = check_archive_file(file, kind_text, settings.allowed_archive_roots())
    got = Received(path, sha256_file(path), on, at, by)
    engine = get_engine()
    ref = load_programme(engine, year)
    with session_scope(engine) as session:
        doc = add_archive_document(session, ref, unit, kind, got, settings.archive_dir)
        stored = doc.path
    typer.echo(f"已登记档案：{unit} {ARCHIVE_LABELS[kind]}，SHA-256 {got.sha256[:16]}…，存于 {stored}")
