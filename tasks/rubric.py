"""The rubric's inputs for every unit, read in bulk (one query per kind of input for all units), and scores.

Beside the snapshot: oversight visits, funds, reports, payments, and the extras (tasks/rubric_extras.py).
"""

from __future__ import annotations

from collections import Counter

from sqlmodel import Session

from models.enums import ARCHIVE_LABELS, ArchiveKind, OversightState
from models.fund_use import Payment, assess_fund_use
from models.funds import FundsPosition, subsidy_of
from models.oversight import period_records
from models.pacing import QUOTA_CODES
from models.report_chases import REPORT_LABELS
from models.rubric import DatedDuty, QuotaCount, RubricInputs, RubricScore, score_unit
from models.status import UnitStatus
from tasks.context import TickContext
from tasks.funds import funds_by_unit, payments_by_unit
from tasks.ledger_once import LedgerDigest
from tasks.oversight import load_visits
from tasks.reports import ReportFacts, load_reports
from tasks.rubric_extras import RubricExtras, load_extras


def _oversight_periods(periods: list[dict]) -> tuple[Counter, Counter]:
    """Per unit: periods kept, and periods owed (kept or missed; a running period is not owed yet)."""
    kept, owed = Counter(), Counter()
    for r in periods:
        kept[r["unit_code"]] += r["state"] == OversightState.kept
        owed[r["unit_code"]] += r["state"] in (OversightState.kept, OversightState.missed)
    return kept, owed


def _quotas(st: UnitStatus, ctx: TickContext) -> tuple[QuotaCount, ...]:
    quotas = (getattr(ctx.cfg.quotas, code) for code in QUOTA_CODES)
    return tuple(QuotaCount(q.label, q.unit, st.slot.quota_counts.get(code, 0), q.target)
                 for code, q in zip(QUOTA_CODES, quotas, strict=True))


def _duties(st: UnitStatus, ctx: TickContext, reports: dict[str, ReportFacts]) -> tuple[DatedDuty, ...]:
    d = ctx.cfg.deadlines
    first = {kind: facts.first_on for kind, facts in reports.items()}
    return (DatedDuty("推荐材料", d.recommendation, st.slot.first_submitted_on),
            DatedDuty("筹备部署关口", d.preparation_gate, st.gate.met_on),
            *(DatedDuty(label, d.summary_submission, first.get(kind))
              for kind, label in REPORT_LABELS.items()))


def _venues(st: UnitStatus, ctx: TickContext) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The 五进 venue names reached, and those not reached."""
    reached = st.slot.venues_reached
    return (tuple(v.name for v in ctx.cfg.venues if v.code in reached),
            tuple(v.name for v in ctx.cfg.venues if v.code not in reached))


def rubric_inputs(session: Session, ctx: TickContext, ledger: LedgerDigest | None = None
                  ) -> dict[str, RubricInputs]:
    """unit code → RubricInputs for every recommended unit, from the snapshot and the bulk queries
    (`ledger`: the ledger already read whole)."""
    visits = load_visits(session, ctx.programme_id, ctx.as_of)
    periods = period_records(ctx.statuses, visits, ctx.cfg, ctx.calendar, ctx.as_of)
    return inputs_from(ctx, periods, funds_by_unit(session, ctx.programme_id, ctx.as_of),
                       load_reports(session, ctx.programme_id, ctx.as_of),
                       payments_by_unit(session, ctx.programme_id, ctx.as_of),
                       load_extras(session, ctx, ledger))


def inputs_from(ctx: TickContext, periods: list[dict], funds: dict[str, FundsPosition],
                reports: dict[str, dict[str, ReportFacts]], payments: dict[str, tuple[Payment, ...]],
                extras: RubricExtras | None = None) -> dict[str, RubricInputs]:
    """The same, from oversight period rows, funds, reports, payments and extras a caller already read."""
    extras = extras or RubricExtras()
    kept, owed = _oversight_periods(periods)
    year = (ctx.cfg.phases.preparation.start, ctx.cfg.phases.evaluation.end)
    out = {}
    for st in ctx.statuses:
        unit = st.slot.unit_code
        if unit is None:
            continue
        position = funds.get(unit, FundsPosition(0, 0, 0))
        missing = tuple(ARCHIVE_LABELS[k] for k in ArchiveKind if k.value not in st.slot.archive)
        out[unit] = RubricInputs(
            unit, st.slot.unit_name or unit, st.slot.city_name, ctx.as_of, _quotas(st, ctx),
            assess_fund_use(payments.get(unit, ()), subsidy_of(position, ctx.cfg), year),
            missing, len(ArchiveKind),
            kept[unit], owed[unit], _duties(st, ctx, reports.get(unit, {})), *_venues(st, ctx),
            extras.cases.get(unit, ()), extras.tasks.get(unit, ()), dict(st.slot.quota_counts),
            extras.effects.get(unit), extras.pace.get(unit, (0, 0)))
    return out


def score_units(session: Session, ctx: TickContext) -> dict[str, RubricScore]:
    """unit code → its pre-score, component reasons and suggested verdict."""
    return score_all(ctx, rubric_inputs(session, ctx))


def score_all(ctx: TickContext, inputs: dict[str, RubricInputs]) -> dict[str, RubricScore]:
    return {unit: score_unit(unit_inputs, ctx.cfg.rubric) for unit, unit_inputs in inputs.items()}
