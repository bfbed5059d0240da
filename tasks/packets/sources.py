"""Everything a packet shows besides the ledger, read in bulk for all units (a handful of queries)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import select

from models.db import session_scope
from models.oversight import period_records
from models.rubric import RubricInputs, RubricScore
from models.status import UnitStatus
from models.tables import Expenditure, OversightVisit
from models.verdicts import VerdictFact
from tasks.context import ProgrammeRef, TickContext, load_context
from tasks.funds import funds_by_unit, funds_overview, payments_by_unit
from tasks.funds import known_by as paid_by
from tasks.oversight import known_by as visited_by
from tasks.oversight import load_visits
from tasks.reports import ReportFacts, load_reports
from tasks.rubric import inputs_from, score_all
from tasks.rubric_extras import load_extras
from tasks.verdicts import load_standing_verdicts


@dataclass(frozen=True)
class PacketSources:
    """One consistent read as of a date: the snapshot and, per unit, what its packet needs."""

    ctx: TickContext
    scores: dict[str, RubricScore]
    inputs: dict[str, RubricInputs]
    visits: dict[str, list]
    periods: dict[str, list[dict]]
    funds: dict[str, dict]
    expenditures: dict[str, list]
    reports: dict[str, dict[str, ReportFacts]]
    verdicts: dict[str, VerdictFact]

    def packet_units(self) -> list[tuple[str, UnitStatus]]:
        """(code, status) of each recommended unit in city order (one short of the gate shows its lacks)."""
        return [(code, st) for st in self.ctx.statuses if (code := st.slot.unit_code)]


def load_sources(engine: Engine, ref: ProgrammeRef, as_of: dt.date) -> PacketSources:
    ctx = load_context(engine, ref, as_of)
    with session_scope(engine) as session:
        visits = _by_unit(session.exec(
            select(OversightVisit.unit_code, OversightVisit.visited_on, OversightVisit.visited_by,
                   OversightVisit.notes)
            .where(OversightVisit.programme_id == ref.id, visited_by(as_of))
            .order_by(OversightVisit.unit_code, OversightVisit.visited_on, OversightVisit.id)).all())
        period_rows = period_records(ctx.statuses, load_visits(session, ref.id, as_of), ref.cfg, ref.calendar,
                                     as_of)
        reports = load_reports(session, ref.id, as_of)
        rubric = inputs_from(ctx, period_rows, funds_by_unit(session, ref.id, as_of), reports,
                             payments_by_unit(session, ref.id, as_of), load_extras(session, ctx))
        expenditures = _by_unit(session.exec(
            select(Expenditure.unit_code, Expenditure.spent_on, Expenditure.purpose, Expenditure.amount_fen)
            .where(Expenditure.programme_id == ref.id, paid_by(as_of))
            .order_by(Expenditure.unit_code, Expenditure.spent_on, Expenditure.id)).all())
        return PacketSources(
            ctx, score_all(ctx, rubric), rubric, visits, _by_unit_dicts(period_rows),
            {row["unit_code"]: row for row in funds_overview(session, ref, as_of)}, expenditures,
            reports, load_standing_verdicts(session, ref.id, as_of))


def _by_unit(rows) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for row in rows:
        out[row[0]].append(row)
    return dict(out)


def _by_unit_dicts(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        out[row["unit_code"]].append(row)
    return dict(out)
