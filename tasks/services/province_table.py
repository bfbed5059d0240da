"""The province's table of every implementing unit: the status document, oversight, funds, open 一函两书
cases and the pre-score, all from one snapshot (the same data as `legalcap status` and `verdict list`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Engine

from models.db import session_scope
from models.funds import FundsPosition, yuan
from models.pace_history import exact_from
from models.rubric import RubricInputs, RubricScore, completion_score
from tasks.context import ProgrammeRef, TickContext, load_context
from tasks.funds import funds_by_unit
from tasks.gc_pause import no_cyclic_gc
from tasks.ledger_once import read_ledger
from tasks.rubric import rubric_inputs, score_all
from tasks.services.status import document_of


def province_rows(engine: Engine, ref: ProgrammeRef, day: dt.date, *, read_once: bool = True) -> list[dict]:
    """One row per implementing unit (cities without one are left out), in city order.

    read_once=False: each consumer reads the ledger itself, as before tasks/ledger_once (bench, tests).
    """
    with no_cyclic_gc():  # thousands of units' objects stay alive: the collector would rescan them
        return _rows(engine, ref, day, read_once)


def _rows(engine: Engine, ref: ProgrammeRef, day: dt.date, read_once: bool) -> list[dict]:
    """The ledger read once (tasks/ledger_once) and handed to every consumer of it."""
    ledger = None
    if read_once:
        with session_scope(engine) as session:
            ledger = read_ledger(session, ref.id, day, exact_from(ref.cfg))
    ctx = load_context(engine, ref, day, ledger)
    with session_scope(engine) as session:
        inputs = rubric_inputs(session, ctx, ledger)
        funds = funds_by_unit(session, ref.id, day)
    scores = score_all(ctx, inputs)
    doc = document_of(engine, ref, ctx.statuses, day, aid_rows=ledger.aid if ledger else None)
    units = {u["unit_code"]: u for u in doc["units"] if u["unit_code"]}
    cases = _open_cases(ctx)
    return [_row(units[code], inputs[code], scores[code], funds.get(code), cases.get(code, 0))
            for code in units]


def _open_cases(ctx: TickContext) -> dict[str, int]:
    """Per unit, its 一函两书 cases with an opinion still awaiting the employer's reply."""
    return {st.slot.unit_code: len(st.slot.cases) for st in ctx.statuses if st.slot.unit_code}


def _row(unit: dict, inputs: RubricInputs, score: RubricScore, funds: FundsPosition | None,
         cases: int) -> dict:
    """The status entry with the columns only the province's table shows."""
    position = funds or FundsPosition(0, 0, 0)
    completion, _ = completion_score(inputs.quotas)
    return unit | {
        "oversight": {"kept": inputs.periods_kept, "owed": inputs.periods_owed},
        "funds": {"spent_fen": position.spent_fen, "subsidy_fen": position.subsidy_fen,
                  "spent": yuan(position.spent_fen), "subsidy": yuan(position.subsidy_fen)},
        "open_cases": cases,
        "completion": round(completion, 1),
        "score": score.as_dict(),
    }
