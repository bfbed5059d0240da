"""Bodies of the implementation-phase commands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from sqlmodel import select

from models.db import session_scope
from models.errors import InputError
from models.tables import Recommendation
from tasks.context import load_programme
from tasks.files import readable_file, sha256_file
from tasks.runtime import get_engine
from tasks.submissions import Received


def _recommended_units(engine, programme_id: int) -> set[str]:
    with session_scope(engine) as session:
        return set(session.exec(select(Recommendation.unit_code).where(
            Recommendation.programme_id == programme_id, Recommendation.status == "active")).all())


def import_ledger(file: Path, as_of: dt.date, at: dt.datetime, by: str, year, skip_invalid: bool) -> None:
    from tasks.forms.ledger_xlsx import read_ledger, write_rejects
    from tasks.ledger import store_ledger_rows

    path = readable_file(file)
    got = Received(path, sha256_file(path), as_of, at, by)
    engine = get_engine()
    ref = load_programme(engine, year)
    window = (ref.cfg.phases.implementation.start, ref.cfg.phases.implementation.end)
    rows, problems = read_ledger(path, as_of=as_of, window=window,
                                 known_units=_recommended_units(engine, ref.id))
    if problems and not skip_invalid:
        raise InputError(problems)
    # the rejects file first: when it cannot be written, nothing has been stored
    rejects = write_rejects(path, path, problems) if problems else None
    with session_scope(engine) as session:
        report = store_ledger_rows(session, ref, rows, got)
    typer.echo(f"台账已导入：新增 {report.added} 条，更新 {report.updated} 条，未变 {report.unchanged} 条"
               f"（{path.name}，SHA-256 {got.sha256[:16]}…）")
    if rejects:
        typer.echo(f"跳过 {len(problems)} 处问题行，已写入：{rejects}")
