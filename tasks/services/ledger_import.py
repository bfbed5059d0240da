"""Import a unit's work ledger (工作台账): every row checked, the valid ones stored, the rest reported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from models.db import session_scope
from models.errors import InputError, Problem
from tasks.context import load_programme
from tasks.ledger import LedgerImportReport
from tasks.runtime import get_engine
from tasks.services.common import received
from tasks.services.units import recommended_unit_codes


@dataclass(frozen=True)
class LedgerImported:
    report: LedgerImportReport
    file_name: str
    sha256: str
    skipped: list[Problem]
    rejects: Path | None          # the .rejects.xlsx written beside the file, when rows were skipped


def import_ledger(file: Path, as_of: dt.date, at: dt.datetime, by: str, year: int | None,
                  skip_invalid: bool, *, refuse_when_none_valid: bool = False,
                  only_unit: str | None = None) -> LedgerImported:
    """Store the ledger's rows; refuse it all on a problem (or, skip_invalid, write rejects beside it).

    refuse_when_none_valid: with skip_invalid, still refuse (nothing written) when no row is valid.
    only_unit: rows of any other unit are problems (a county's own upload).
    """
    from tasks.forms.ledger_xlsx import read_ledger, write_rejects
    from tasks.ledger import store_ledger_rows

    got = received(file, as_of, at, by)
    path = got.path
    engine = get_engine()
    ref = load_programme(engine, year)
    window = (ref.cfg.phases.implementation.start, ref.cfg.phases.implementation.end)
    known = recommended_unit_codes(engine, ref.id)
    rows, problems = read_ledger(path, as_of=as_of, window=window,
                                 known_units=known & {only_unit} if only_unit else known)
    if problems and (not skip_invalid or (refuse_when_none_valid and not rows)):
        raise InputError(problems)
    # the rejects file first: when it cannot be written, nothing has been stored
    rejects = write_rejects(path, path, problems) if problems else None
    with session_scope(engine) as session:
        report = store_ledger_rows(session, ref, rows, got)
    return LedgerImported(report, path.name, got.sha256, problems, rejects)
