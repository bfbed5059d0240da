"""Read one snapshot of the programme as of a date, in bulk (one query per table)."""

from __future__ import annotations

import datetime as dt
import json

from sqlmodel import Session, select

from models.enums import ARCHIVE_LABELS, Gate
from models.facts import ContractFact, Duty, Evidence, Filing, Selection, SlotFacts
from models.tables import (
    ArchiveDocument,
    City,
    Contract,
    DutySchedule,
    GateDecision,
    Provider,
    ProviderSelection,
    Recommendation,
    TaskListItem,
    TeamMember,
    Unit,
    Verdict,
    WorkPlan,
)
from tasks.ledger_once import LedgerDigest, attach_digest
from tasks.ledger_snapshot import attach_ledger


def _last_per(rows, key) -> list:
    """The last of the (ordered) rows per key."""
    return list({key(row): row for row in rows}.values())


def _latest_day(rows, day_of) -> list:
    """Per unit, only the rows recorded on its latest day (a newer dossier supersedes the team)."""
    rows = list(rows)
    latest: dict[str, object] = {}
    for row in rows:
        latest[row.unit_code] = max(latest.get(row.unit_code, day_of(row)), day_of(row))
    return [row for row in rows if day_of(row) == latest[row.unit_code]]


def _file_evidence(text: str, path: str, sha: str, on: dt.date, by: str = "") -> Evidence:
    return Evidence(text, on, path, sha, by)


def load_slots(session: Session, programme_id: int, as_of: dt.date,
               unit: str | None = None, ledger: LedgerDigest | None = None) -> list[SlotFacts]:
    """Every city's slot with the facts recorded on or before as_of; `unit`: only the slot it implements
    (every query then reads that unit's rows alone: a unit page costs the same at 16 or 3,000 units);
    `ledger`: the ledger already read whole (tasks/ledger_once), instead of attach_ledger's queries."""
    cities = None if unit is None else _cities_of(session, programme_id, as_of, unit)
    stmt = select(City).order_by(City.code)
    if cities is not None:
        stmt = stmt.where(City.code.in_(cities))
    slots = {c.code: SlotFacts(c.code, c.name) for c in session.exec(stmt)}
    recs = _attach_recommendations(session, programme_id, as_of, slots, unit)
    by_unit = {s.unit_code: s for s in slots.values() if s.unit_code and unit in (None, s.unit_code)}
    plans = _attach_work_plans(session, programme_id, as_of, by_unit)
    _attach_first_submission(by_unit, recs, plans)
    _attach_filing(session, programme_id, as_of, by_unit)
    _attach_procurement(session, programme_id, as_of, by_unit)
    if ledger is not None:
        attach_digest(by_unit, ledger)
    else:
        attach_ledger(session, programme_id, as_of, by_unit, None if unit is None else [unit])
    _attach_verdicts(session, programme_id, as_of, by_unit)
    return [s for s in slots.values() if unit in (None, s.unit_code)]


def _cities_of(session: Session, programme_id: int, as_of: dt.date, unit: str) -> list[str]:
    """The cities that recommended `unit` by as_of (its slot, if it is still the city's unit)."""
    t = Recommendation
    return list(session.exec(select(t.city_code).distinct().where(
        t.programme_id == programme_id, t.received_on <= as_of, t.unit_code == unit)).all())


def _attach_recommendations(session, programme_id, as_of, slots, unit: str | None = None) -> list:
    """Each city's latest recommendation; returns the rows read (every recommendation of its units)."""
    t = Recommendation
    where = [t.programme_id == programme_id, t.received_on <= as_of]
    names_stmt = select(Unit.code, Unit.name)
    if unit is not None:
        where.append(t.city_code.in_(list(slots)))
        names_stmt = names_stmt.where(Unit.code.in_(_recommended_units(session, programme_id, list(slots))))
    rows = _columns(session, t, "city_code unit_code unit_name source_file sha256 received_on stamped_by",
                    *where, order="received_at id")
    names = dict(session.exec(names_stmt).all())
    for rec in _last_per(rows, lambda r: r.city_code):
        slot = slots[rec.city_code]
        slot.unit_code, slot.unit_name = rec.unit_code, names.get(rec.unit_code, rec.unit_name)
        slot.recommendation = _file_evidence(
            "推荐表（附件1）", rec.source_file, rec.sha256, rec.received_on, rec.stamped_by)
    return rows


def _recommended_units(session: Session, programme_id: int, cities: list[str]):
    """The units these cities recommended (a subquery)."""
    t = Recommendation
    return select(t.unit_code).where(t.programme_id == programme_id, t.city_code.in_(cities))


def _attach_work_plans(session, programme_id, as_of, by_unit) -> list:
    """Each unit's latest work plan; returns the rows read."""
    t = WorkPlan
    rows = _columns(session, t, "unit_code char_count source_file sha256 received_on",
                    t.programme_id == programme_id, t.received_on <= as_of, t.unit_code.in_(list(by_unit)),
                    order="received_at id")
    for plan in _last_per(rows, lambda r: r.unit_code):
        by_unit[plan.unit_code].work_plan = _file_evidence(
            f"工作方案（附件2，{plan.char_count} 字）", plan.source_file, plan.sha256, plan.received_on)
        by_unit[plan.unit_code].work_plan_chars = plan.char_count
    return rows


def _attach_first_submission(by_unit: dict[str, SlotFacts], recs: list, plans: list) -> None:
    """The day both documents had first arrived: a resubmission after a return is not late (from the
    recommendation and work-plan rows already read: both by as_of, every row of these units)."""
    first_rec, first_plan = _first_received(recs), _first_received(plans)
    for unit, slot in by_unit.items():
        if unit in first_rec and unit in first_plan:
            slot.first_submitted_on = max(first_rec[unit], first_plan[unit])


def _first_received(rows: list) -> dict[str, dt.date]:
    """unit code → the earliest received_on of its rows."""
    first: dict[str, dt.date] = {}
    for row in rows:
        first[row.unit_code] = min(first.get(row.unit_code, row.received_on), row.received_on)
    return first


def _attach_filing(session, programme_id, as_of, by_unit) -> None:
    t = GateDecision
    rows = _columns(session, t, "unit_code decision decided_on decided_by reason",
                    t.programme_id == programme_id, t.gate == Gate.filing.value, t.decided_on <= as_of,
                    t.unit_code.in_(list(by_unit)), order="decided_at id")
    for d in _last_per(rows, lambda r: r.unit_code):
        by_unit[d.unit_code].filing = Filing(d.decision, d.decided_on, d.decided_by, d.reason)


def _columns(session: Session, table, names: str, *where, order: str = ""):
    """Plain rows (no ORM objects: thousands of units) of the named columns, in `order` (column names)."""
    stmt = select(*(getattr(table, n) for n in names.split())).where(*where)
    return session.exec(stmt.order_by(*(getattr(table, n) for n in order.split()))).all()


def _attach_procurement(session, programme_id, as_of, by_unit) -> None:
    providers = dict(session.exec(select(Provider.id, Provider.name)).all())
    _attach_selection(session, programme_id, as_of, by_unit, providers)
    _attach_archive(session, programme_id, as_of, by_unit)
    _attach_team_and_duty(session, programme_id, as_of, by_unit)
    _attach_contract_and_tasks(session, programme_id, as_of, by_unit, providers)


def _attach_selection(session, programme_id, as_of, by_unit, providers) -> None:
    t = ProviderSelection
    sels = _columns(session, t, "unit_code method decided_on winner_provider_id source_file sha256 "
                    "candidates_json method_note selection_reason",
                    t.programme_id == programme_id, t.decided_on <= as_of, t.unit_code.in_(list(by_unit)),
                    order="decided_on id")
    for s in _last_per(sels, lambda r: r.unit_code):
        totals, winner_total = _candidate_totals(s.candidates_json)
        by_unit[s.unit_code].selection = Selection(
            s.method, s.decided_on, providers.get(s.winner_provider_id, ""), s.source_file, s.sha256,
            totals, winner_total, s.method_note, s.selection_reason)


def _candidate_totals(candidates_json: str) -> tuple[tuple[float, ...], float | None]:
    """Every candidate's total and the winner's, from ProviderSelection.candidates_json."""
    candidates = json.loads(candidates_json or "[]")
    winners = [float(c["total"]) for c in candidates if c.get("winner")]
    return tuple(float(c["total"]) for c in candidates), winners[0] if winners else None


def _attach_archive(session, programme_id, as_of, by_unit) -> None:
    t = ArchiveDocument
    docs = _columns(session, t, "unit_code kind path sha256 registered_on registered_by",
                    t.programme_id == programme_id, t.registered_on <= as_of, t.unit_code.in_(list(by_unit)),
                    order="registered_at id")
    for d in docs:
        by_unit[d.unit_code].archive[d.kind] = _file_evidence(
            ARCHIVE_LABELS.get(d.kind, d.kind), d.path, d.sha256, d.registered_on, d.registered_by)


def _attach_team_and_duty(session, programme_id, as_of, by_unit) -> None:
    units = list(by_unit)
    t = TeamMember
    members = _columns(session, t, "id unit_code name role recorded_on",
                       t.programme_id == programme_id, t.recorded_on <= as_of, t.unit_code.in_(units))
    for m in _latest_day(sorted(members, key=lambda r: r.id), lambda r: r.recorded_on):
        by_unit[m.unit_code].team.append(Evidence(f"{m.role}：{m.name}", m.recorded_on))
    d = DutySchedule
    duties = _columns(session, d, "unit_code kind weekdays set_on",
                      d.programme_id == programme_id, d.set_on <= as_of, d.unit_code.in_(units),
                      order="set_on id")
    for row in _last_per(duties, lambda r: r.unit_code):
        by_unit[row.unit_code].duty = Duty(row.kind, row.weekdays, row.set_on)


def _attach_contract_and_tasks(session, programme_id, as_of, by_unit, providers) -> None:
    units = list(by_unit)
    c = Contract
    contracts = _columns(session, c, "unit_code signed_on amount_fen provider_id",
                         c.programme_id == programme_id, c.signed_on <= as_of, c.unit_code.in_(units),
                         order="signed_on id")
    for row in _last_per(contracts, lambda r: r.unit_code):
        by_unit[row.unit_code].contract = ContractFact(
            row.signed_on, row.amount_fen, providers.get(row.provider_id, ""))
    t = TaskListItem
    items = _columns(session, t, "id unit_code description refined_on",
                     t.programme_id == programme_id, t.refined_on <= as_of, t.unit_code.in_(units))
    for row in _latest_day(sorted(items, key=lambda r: r.id), lambda r: r.refined_on):
        by_unit[row.unit_code].task_items.append(Evidence(row.description, row.refined_on))


def _attach_verdicts(session, programme_id, as_of, by_unit) -> None:
    """The standing verdict; a rectification whose re-check passed by as_of counts as "pass" (closed)."""
    from models.verdicts import effective_verdict

    t = Verdict
    rows = _columns(session, t, "unit_code verdict recheck_passed rechecked_on",
                    t.programme_id == programme_id, t.decided_on <= as_of, t.unit_code.in_(list(by_unit)),
                    order="decided_on id")
    for v in _last_per(rows, lambda r: r.unit_code):
        by_unit[v.unit_code].verdict = effective_verdict(v.verdict, v.recheck_passed, v.rechecked_on, as_of)
