"""Read one snapshot of the programme as of a date, in bulk (one query per table)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, select

from models.facts import ContractFact, Duty, Evidence, Filing, Selection, SlotFacts
from models.tables import (
    ArchiveDocument,
    City,
    Contract,
    DutySchedule,
    GateDecision,
    LedgerEntry,
    Provider,
    ProviderSelection,
    Recommendation,
    TaskListItem,
    TeamMember,
    Unit,
    Verdict,
    WorkPlan,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def known_by(as_of: dt.date) -> dt.datetime:
    """Ledger rows count from the day they were imported: the end of as_of, Beijing time."""
    return dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(0), SHANGHAI)


def _latest(rows, key, order):
    """Keep the last row per key after sorting by `order`."""
    out = {}
    for row in sorted(rows, key=order):
        out[key(row)] = row
    return out


def _latest_day(rows, day_of) -> list:
    """Per unit, only the rows recorded on its latest day (a newer dossier supersedes the team)."""
    rows = list(rows)
    latest: dict[str, object] = {}
    for row in rows:
        latest[row.unit_code] = max(latest.get(row.unit_code, day_of(row)), day_of(row))
    return [row for row in rows if day_of(row) == latest[row.unit_code]]


def _file_evidence(text: str, path: str, sha: str, on: dt.date, by: str = "") -> Evidence:
    return Evidence(text, on, path, sha, by)


def load_slots(session: Session, programme_id: int, as_of: dt.date) -> list[SlotFacts]:
    """Every city's slot with the facts recorded on or before as_of."""
    slots = {c.code: SlotFacts(c.code, c.name) for c in session.exec(select(City).order_by(City.code))}
    _attach_recommendations(session, programme_id, as_of, slots)
    by_unit = {s.unit_code: s for s in slots.values() if s.unit_code}
    _attach_work_plans(session, programme_id, as_of, by_unit)
    _attach_first_submission(session, programme_id, as_of, by_unit)
    _attach_filing(session, programme_id, as_of, by_unit)
    _attach_procurement(session, programme_id, as_of, by_unit)
    _attach_counts(session, programme_id, as_of, by_unit)
    _attach_ledger_activity(session, programme_id, as_of, by_unit)
    _attach_verdicts(session, programme_id, as_of, by_unit)
    return list(slots.values())


def _attach_recommendations(session, programme_id, as_of, slots) -> None:
    rows = session.exec(select(Recommendation).where(
        Recommendation.programme_id == programme_id, Recommendation.received_on <= as_of))
    names = dict(session.exec(select(Unit.code, Unit.name)).all())
    for rec in _latest(rows, lambda r: r.city_code, lambda r: (r.received_at, r.id)).values():
        slot = slots[rec.city_code]
        slot.unit_code, slot.unit_name = rec.unit_code, names.get(rec.unit_code, rec.unit_name)
        slot.recommendation = _file_evidence(
            "推荐表（附件1）", rec.source_file, rec.sha256, rec.received_on, rec.stamped_by)


def _attach_work_plans(session, programme_id, as_of, by_unit) -> None:
    rows = session.exec(select(WorkPlan).where(
        WorkPlan.programme_id == programme_id, WorkPlan.received_on <= as_of,
        WorkPlan.unit_code.in_(list(by_unit))))
    for plan in _latest(rows, lambda r: r.unit_code, lambda r: (r.received_at, r.id)).values():
        by_unit[plan.unit_code].work_plan = _file_evidence(
            f"工作方案（附件2，{plan.char_count} 字）", plan.source_file, plan.sha256, plan.received_on)


def _attach_first_submission(session, programme_id, as_of, by_unit) -> None:
    """The day both documents had first arrived: a resubmission after a return is not late."""
    units = list(by_unit)
    first_rec = dict(session.exec(
        select(Recommendation.unit_code, func.min(Recommendation.received_on))
        .where(Recommendation.programme_id == programme_id, Recommendation.received_on <= as_of,
               Recommendation.unit_code.in_(units))
        .group_by(Recommendation.unit_code)).all())
    first_plan = dict(session.exec(
        select(WorkPlan.unit_code, func.min(WorkPlan.received_on))
        .where(WorkPlan.programme_id == programme_id, WorkPlan.received_on <= as_of,
               WorkPlan.unit_code.in_(units))
        .group_by(WorkPlan.unit_code)).all())
    for unit, slot in by_unit.items():
        if unit in first_rec and unit in first_plan:
            slot.first_submitted_on = max(first_rec[unit], first_plan[unit])


def _attach_filing(session, programme_id, as_of, by_unit) -> None:
    rows = session.exec(select(GateDecision).where(
        GateDecision.programme_id == programme_id, GateDecision.gate == "filing",
        GateDecision.decided_on <= as_of, GateDecision.unit_code.in_(list(by_unit))))
    for d in _latest(rows, lambda r: r.unit_code, lambda r: (r.decided_at, r.id)).values():
        by_unit[d.unit_code].filing = Filing(d.decision, d.decided_on, d.decided_by, d.reason)


def _attach_procurement(session, programme_id, as_of, by_unit) -> None:
    units = list(by_unit)
    providers = dict(session.exec(select(Provider.id, Provider.name)).all())
    sels = session.exec(select(ProviderSelection).where(
        ProviderSelection.programme_id == programme_id, ProviderSelection.decided_on <= as_of,
        ProviderSelection.unit_code.in_(units)))
    for s in _latest(sels, lambda r: r.unit_code, lambda r: (r.decided_on, r.id)).values():
        by_unit[s.unit_code].selection = Selection(
            s.method, s.decided_on, providers.get(s.winner_provider_id, ""), s.source_file, s.sha256)
    docs = session.exec(select(ArchiveDocument).where(
        ArchiveDocument.programme_id == programme_id, ArchiveDocument.registered_on <= as_of,
        ArchiveDocument.unit_code.in_(units)))
    for d in sorted(docs, key=lambda r: (r.registered_at, r.id)):
        by_unit[d.unit_code].archive[d.kind] = _file_evidence(
            d.kind, d.path, d.sha256, d.registered_on, d.registered_by)
    members = session.exec(select(TeamMember).where(
        TeamMember.programme_id == programme_id, TeamMember.recorded_on <= as_of,
        TeamMember.unit_code.in_(units)))
    for m in _latest_day(members, lambda r: r.recorded_on):
        by_unit[m.unit_code].team.append(Evidence(f"{m.role}：{m.name}", m.recorded_on))
    duties = session.exec(select(DutySchedule).where(
        DutySchedule.programme_id == programme_id, DutySchedule.set_on <= as_of,
        DutySchedule.unit_code.in_(units)))
    for d in _latest(duties, lambda r: r.unit_code, lambda r: (r.set_on, r.id)).values():
        by_unit[d.unit_code].duty = Duty(d.kind, d.weekdays, d.set_on)
    contracts = session.exec(select(Contract).where(
        Contract.programme_id == programme_id, Contract.signed_on <= as_of,
        Contract.unit_code.in_(units)))
    for c in _latest(contracts, lambda r: r.unit_code, lambda r: (r.signed_on, r.id)).values():
        provider = providers.get(c.provider_id, "")
        by_unit[c.unit_code].contract = ContractFact(c.signed_on, c.amount_fen, provider)
    items = session.exec(select(TaskListItem).where(
        TaskListItem.programme_id == programme_id, TaskListItem.refined_on <= as_of,
        TaskListItem.unit_code.in_(units)))
    for t in _latest_day(items, lambda r: r.refined_on):
        by_unit[t.unit_code].task_items.append(Evidence(t.description, t.refined_on))


def _attach_counts(session, programme_id, as_of, by_unit) -> None:
    """Quota counts per unit with one GROUP BY."""
    stmt = (
        select(LedgerEntry.unit_code, LedgerEntry.category, LedgerEntry.subtype, func.count())
        .where(LedgerEntry.programme_id == programme_id, LedgerEntry.occurred_on <= as_of,
               LedgerEntry.imported_at < known_by(as_of))
        .group_by(LedgerEntry.unit_code, LedgerEntry.category, LedgerEntry.subtype)
    )
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for unit, category, subtype, n in session.exec(stmt):
        key = "mediation_base" if (category, subtype) == ("legal_aid", "mediation") else category
        counts[unit][key] = counts[unit].get(key, 0) + n
    for unit, slot in by_unit.items():
        slot.quota_counts = counts.get(unit, {})


def _attach_ledger_activity(session, programme_id, as_of, by_unit) -> None:
    """Per unit: the 五进 venues reached, the last entry's date and the last ledger import's day."""
    venues = session.exec(
        select(LedgerEntry.unit_code, LedgerEntry.venue).distinct()
        .where(LedgerEntry.programme_id == programme_id, LedgerEntry.category == "publicity",
               LedgerEntry.occurred_on <= as_of, LedgerEntry.imported_at < known_by(as_of),
               LedgerEntry.venue != ""))
    reached: dict[str, set[str]] = defaultdict(set)
    for unit, venue in venues:
        reached[unit].add(venue)
    latest = session.exec(
        select(LedgerEntry.unit_code, func.max(LedgerEntry.occurred_on), func.max(LedgerEntry.imported_at))
        .where(LedgerEntry.programme_id == programme_id, LedgerEntry.occurred_on <= as_of,
               LedgerEntry.imported_at < known_by(as_of))
        .group_by(LedgerEntry.unit_code))
    for unit, last_entry, last_import in latest:
        if (slot := by_unit.get(unit)) is not None:
            slot.last_entry_on = _as_date(last_entry)
            slot.last_import_on = _beijing_day(last_import)
    for unit, slot in by_unit.items():
        slot.venues_reached = frozenset(reached.get(unit, ()))


def _as_date(value) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _beijing_day(value) -> dt.date | None:
    """The Beijing-time day of a stored timestamp (SQLite may hand back text for an aggregate)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(SHANGHAI).date()


def _attach_verdicts(session, programme_id, as_of, by_unit) -> None:
    rows = session.exec(select(Verdict).where(
        Verdict.programme_id == programme_id, Verdict.decided_on <= as_of,
        Verdict.unit_code.in_(list(by_unit))))
    for v in _latest(rows, lambda r: r.unit_code, lambda r: (r.decided_on, r.id)).values():
        by_unit[v.unit_code].verdict = v.verdict
