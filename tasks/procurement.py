"""Register a unit's provider-selection dossier: selection, contract, team, duty, task list."""

from __future__ import annotations

import json

from sqlmodel import Session, delete, select

from models.errors import InputError, Problem
from models.forms import ProcurementDossier
from models.tables import (
    Contract,
    DutySchedule,
    Provider,
    ProviderSelection,
    TaskListItem,
    TeamMember,
)
from tasks.audit import record_audit
from tasks.context import ProgrammeRef
from tasks.submissions import Received, active_recommendation


def _dossier_problems(session: Session, ref: ProgrammeRef, d: ProcurementDossier, got: Received) -> list[str]:
    """What the register and the programme's rules say against this dossier."""
    problems = []
    if active_recommendation(session, ref.id, d.unit_code) is None:
        problems.append(f"单位 {d.unit_code} 不是 {ref.year} 年度的项目实施单位（未收到推荐表）")
    start, end = ref.cfg.phases.preparation.start, ref.cfg.phases.implementation.end
    for label, day in (("遴选日期", d.decided_on), ("合同签订日期", d.signed_on)):
        if not start <= day <= end:
            problems.append(f"{label} {day} 不在项目期内（{start} 至 {end}）")
        elif day > got.on:
            problems.append(f"{label} {day} 晚于登记日期 {got.on}")
    cap = ref.cfg.funds.subsidy_yuan * 100
    if d.subsidy_fen > cap:
        problems.append(f"省补助 {d.subsidy_fen / 100:,.2f} 元超过补助标准 {cap / 100:,.0f} 元")
    if session.exec(select(ProviderSelection).where(
            ProviderSelection.programme_id == ref.id, ProviderSelection.sha256 == got.sha256)).first():
        problems.append("该文件已登记过，不重复导入")
    return problems


def register_dossier(
    session: Session, ref: ProgrammeRef, d: ProcurementDossier, got: Received
) -> ProviderSelection:
    """Store the whole dossier or nothing; a later dossier of the same day replaces that day's rows."""
    problems = _dossier_problems(session, ref, d, got)
    if problems:
        raise InputError([Problem(got.path.name, p) for p in problems])
    provider = _provider(session, d)
    selection = ProviderSelection(
        programme_id=ref.id, unit_code=d.unit_code, method=d.method, decided_on=d.decided_on,
        candidates_json=json.dumps([_candidate(c) for c in d.candidates], ensure_ascii=False),
        winner_provider_id=provider.id, source_file=str(got.path), sha256=got.sha256,
        method_note=d.method_note, selection_reason=d.selection_reason)
    session.add(selection)
    _replace_same_day(session, ref, d.unit_code, got)
    _store_contract_team_duty_tasks(session, ref, d, provider, got)
    record_audit(session, at=got.at, actor=got.by, action="procurement.registered", subject=d.unit_code,
                 programme_id=ref.id, details={"file": str(got.path), "sha256": got.sha256,
                                               "method": d.method, "winner": d.winner.credit_code})
    return selection


def _candidate(c) -> dict:
    return {"name": c.name, "credit_code": c.credit_code, "scores": c.scores, "total": c.total,
            "winner": c.winner}


def _provider(session: Session, d: ProcurementDossier) -> Provider:
    winner = d.winner
    provider = session.exec(select(Provider).where(Provider.credit_code == winner.credit_code)).first()
    if provider is None:
        provider = Provider(name=winner.name, credit_code=winner.credit_code)
        session.add(provider)
        session.flush()
    return provider


def _replace_same_day(session: Session, ref: ProgrammeRef, unit: str, got: Received) -> None:
    """Earlier rows recorded the same day by an earlier file are superseded (history of other days stays)."""
    for table, column in ((TeamMember, TeamMember.recorded_on), (TaskListItem, TaskListItem.refined_on),
                          (DutySchedule, DutySchedule.set_on)):
        session.exec(delete(table).where(table.programme_id == ref.id, table.unit_code == unit,
                                         column == got.on))


def _store_contract_team_duty_tasks(session, ref, d: ProcurementDossier, provider: Provider, got) -> None:
    base = {"programme_id": ref.id, "unit_code": d.unit_code}
    session.add(Contract(**base, provider_id=provider.id, amount_fen=d.contract_amount_fen,
                         subsidy_fen=d.subsidy_fen, signed_on=d.signed_on, service_start=d.service_start,
                         service_end=d.service_end))
    for m in d.team:
        session.add(TeamMember(**base, provider_id=provider.id, name=m.name, role=m.role,
                               qualification=m.qualification, recorded_on=got.on))
    session.add(DutySchedule(**base, kind=d.duty_kind, weekdays=",".join(map(str, d.duty_weekdays)),
                             set_on=got.on))
    for t in d.tasks:
        session.add(TaskListItem(**base, category=t.category, description=t.description, target=t.target,
                                 refined_on=got.on))
