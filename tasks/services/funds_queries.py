"""Funds (项目经费): import the expenditures of a file, and each unit's spending against its subsidy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from models.db import session_scope
from models.errors import InputError
from tasks.context import ProgrammeRef, load_programme
from tasks.runtime import get_engine
from tasks.services.common import programme_session, received
from tasks.services.units import recommended_unit_codes


@dataclass(frozen=True)
class FundsImported:
    added: int
    unchanged: int
    file_name: str
    sha256: str
    overview: list[dict]          # the units of the file, as funds_overview gives them


@dataclass(frozen=True)
class FundsStatus:
    ref: ProgrammeRef
    rows: list[dict]


def import_funds(file: Path, as_of: dt.date, at: dt.datetime, by: str, year: int | None, *,
                 only_unit: str | None = None) -> FundsImported:
    """Store a file's expenditures (all or none) and say where each of its units now stands (`only_unit`:
    a row of another unit is a problem)."""
    from tasks.forms.funds_xlsx import read_funds
    from tasks.funds import funds_overview, store_expenditures

    got = received(file, as_of, at, by)
    path = got.path
    engine = get_engine()
    ref = load_programme(engine, year)
    window = (ref.cfg.phases.preparation.start, ref.cfg.phases.evaluation.end)
    known = recommended_unit_codes(engine, ref.id)
    known = known & {only_unit} if only_unit else known
    rows, problems = read_funds(path, as_of=as_of, window=window, known_units=known)
    if problems:
        raise InputError(problems)
    with session_scope(engine) as session:
        added, unchanged = store_expenditures(session, ref, rows, got)
    with session_scope(engine) as session:
        overview = funds_overview(session, ref, as_of, {r.unit_code for r in rows})
    return FundsImported(added, unchanged, path.name, got.sha256, overview)


def funds_status(as_of: dt.date, year: int | None) -> FundsStatus:
    """Every implementing unit's contract, subsidy and spending as of the date."""
    from tasks.funds import funds_overview

    with programme_session(year) as (session, ref):
        return FundsStatus(ref, funds_overview(session, ref, as_of))
