"""Fund use (专款专用) as pure rules: spending above the subsidy, and a subsidy left largely unspent.

A unit's subsidy is the amount its service contract records (the province's fixed subsidy, the
configured `funds.subsidy_yuan`, when the contract records none or no contract is registered: 每个项目
补助5万元). Spending beyond it is the unit's own money (项目经费不足部分由项目实施单位承担), with or
without a contract on record: `is_over_subsidy` decides it for the alerts and the overview alike, and
the unit and its city are told once. From `funds.unspent_alert_from` on, a unit that has
not yet spent more than `1 − unspent_alert_share` of its subsidy climbs the ledger_gap ladder each
month from the month's first working day (unit → unit + city → province), until it has.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.enums import FundState, Phase
from models.findings import Finding, audience_tag
from models.ladders import latest_due_rung
from models.pace_chases import month_bounds
from models.status import UnitStatus

OVER_RULE = "funds_over_subsidy"
UNSPENT_RULE = "funds_unspent"
WATCHED = (Phase.implementation, Phase.evaluation)


class FundsPosition(NamedTuple):
    """A unit's money as of a date, in fen: spent so far, its subsidy, its contract amount."""

    spent_fen: int
    subsidy_fen: int
    contract_fen: int


def yuan(fen: int) -> str:
    """Fen as yuan with thousands separators and two decimals: 1234567 → '12,345.67'."""
    sign, fen = ("-", -fen) if fen < 0 else ("", fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"


def percent(share: float) -> str:
    """A share as a percentage with one decimal: 0.4567 → '45.7%'."""
    return f"{share * 100:.1f}%"


def subsidy_of(position: FundsPosition, cfg: ProgrammeConfig) -> int:
    """The contract's subsidy, else the programme's fixed subsidy."""
    return position.subsidy_fen or cfg.funds.subsidy_yuan * 100


def spent_share(position: FundsPosition, cfg: ProgrammeConfig) -> float:
    """Spent / subsidy (may exceed 1)."""
    return position.spent_fen / subsidy_of(position, cfg)


def unspent_share(position: FundsPosition, cfg: ProgrammeConfig) -> float:
    """The part of the subsidy not yet spent (0 once all of it is)."""
    return max(0.0, 1.0 - spent_share(position, cfg))


def is_over_subsidy(position: FundsPosition, cfg: ProgrammeConfig) -> bool:
    """Spending above the subsidy (the contract's, else the fixed one), a contract on record or not."""
    return position.spent_fen > subsidy_of(position, cfg)


def fund_state(position: FundsPosition | None, cfg: ProgrammeConfig) -> FundState:
    """over (whether or not a contract is registered), no_contract, else spent (all of it) or under."""
    if position is None:
        return FundState.no_contract
    if is_over_subsidy(position, cfg):
        return FundState.over
    if not position.contract_fen:
        return FundState.no_contract
    return FundState.spent if position.spent_fen == subsidy_of(position, cfg) else FundState.under


def _watched(statuses: list[UnitStatus], funds: dict[str, tuple[int, int, int]]
             ) -> list[tuple[str, UnitStatus, FundsPosition]]:
    """Units in implementation or evaluation that have a position (a contract or payments)."""
    return [(unit, st, FundsPosition(*funds[unit])) for st in statuses
            if st.phase.phase in WATCHED and (unit := st.slot.unit_code) and unit in funds]


def _is_unspent(position: FundsPosition, cfg: ProgrammeConfig) -> bool:
    return unspent_share(position, cfg) > cfg.funds.unspent_alert_share


def open_over_subsidy_subjects(statuses: list[UnitStatus], funds: dict[str, tuple[int, int, int]],
                               cfg: ProgrammeConfig) -> set[str]:
    """Units (watched) whose spending is above their subsidy."""
    return {unit for unit, _, p in _watched(statuses, funds) if is_over_subsidy(p, cfg)}


def open_unspent_subjects(statuses: list[UnitStatus], funds: dict[str, tuple[int, int, int]],
                          cfg: ProgrammeConfig, as_of: dt.date) -> set[str]:
    """Units (watched) with more than the alert share of their subsidy unspent, from the alert date on."""
    if as_of < cfg.funds.unspent_alert_from:
        return set()
    return {unit for unit, _, p in _watched(statuses, funds) if _is_unspent(p, cfg)}


def _context(st: UnitStatus, position: FundsPosition, cfg: ProgrammeConfig, as_of: dt.date) -> dict:
    subsidy = subsidy_of(position, cfg)
    spent = position.spent_fen
    return {"unit_name": st.slot.unit_name, "unit_code": st.slot.unit_code,
            "city_name": st.slot.city_name, "city_code": st.slot.city_code, "as_of": as_of.isoformat(),
            "spent": yuan(spent), "subsidy": yuan(subsidy), "contract": yuan(position.contract_fen),
            "spent_share": percent(spent / subsidy),
            "over": yuan(max(0, spent - subsidy)), "remaining": yuan(max(0, subsidy - spent)),
            "unspent_share": percent(unspent_share(position, cfg)),
            "over_contract": bool(position.contract_fen) and spent > position.contract_fen,
            "contract_excess": yuan(max(0, spent - position.contract_fen)),
            "threshold": percent(cfg.funds.unspent_alert_share),
            "service_end": cfg.phases.implementation.end.isoformat(),
            "implementation_over": as_of > cfg.phases.implementation.end}


def _over_findings(unit: str, st: UnitStatus, position: FundsPosition, cfg: ProgrammeConfig,
                   as_of: dt.date) -> list[Finding]:
    """Once per unit and programme: unit and city, not urgent."""
    ctx = _context(st, position, cfg, as_of)
    return [Finding(OVER_RULE, unit, 0, str(cfg.year),
                    audience_tag(a, st.slot.city_code, st.slot.unit_code), False, OVER_RULE,
                    {**ctx, "audience_role": a}, as_of)
            for a in ("unit", "city")]


def _unspent_due(cfg: ProgrammeConfig, calendar: WorkCalendar, as_of: dt.date) -> dt.date:
    """The month's first working day (not before the alert date's first working day)."""
    first, _ = month_bounds(as_of, calendar)
    return max(first, calendar.workday_on_or_after(cfg.funds.unspent_alert_from))


def _unspent_findings(unit: str, st: UnitStatus, position: FundsPosition, cfg: ProgrammeConfig,
                      calendar: WorkCalendar, as_of: dt.date) -> list[Finding]:
    due = _unspent_due(cfg, calendar, as_of)
    rung = latest_due_rung(cfg.ladders.ledger_gap, due, as_of, calendar)
    if rung is None:
        return []
    ctx = {**_context(st, position, cfg, as_of), "due": due.isoformat(),
           "close_by": month_bounds(as_of, calendar)[1].isoformat()}
    return [Finding(UNSPENT_RULE, unit, rung.index, as_of.strftime("%Y-%m"),
                    audience_tag(a, st.slot.city_code, st.slot.unit_code), rung.rung.urgent, UNSPENT_RULE,
                    {**ctx, "audience_role": str(a)}, rung.fires_on)
            for a in rung.rung.audience]


def determine_fund_alerts(statuses: list[UnitStatus], funds: dict[str, tuple[int, int, int]],
                          cfg: ProgrammeConfig, calendar: WorkCalendar, as_of: dt.date) -> list[Finding]:
    """Over-subsidy notices (once) and unspent-subsidy chases (monthly, escalating) for watched units.

    `funds` maps unit code → (spent_fen, subsidy_fen, contract_fen) as of `as_of`; units without an
    entry (neither a contract nor a payment) are not judged.
    """
    findings: list[Finding] = []
    unspent_on = as_of >= cfg.funds.unspent_alert_from
    for unit, st, position in _watched(statuses, funds):
        if is_over_subsidy(position, cfg):
            findings += _over_findings(unit, st, position, cfg, as_of)
        if unspent_on and _is_unspent(position, cfg):
            findings += _unspent_findings(unit, st, position, cfg, calendar, as_of)
    return findings
