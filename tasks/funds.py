"""Store expenditures (专款专用: only against the unit's service contract), nothing twice; sum them per unit.

A row's identity is (unit, 凭证号) when it has a voucher, else (unit, date, amount, purpose). Importing
the same file again, or a longer copy of it, adds only the new payments. A voucher already stored with
another date, amount or purpose refuses the file: a recorded payment is not silently rewritten.
Every check runs before anything is written; on any problem nothing is stored.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, func, select

from models.enums import FUND_STATE_LABELS, RecordStatus
from models.errors import InputError, Problem
from models.fund_overview import UnitFunds, unit_funds
from models.fund_use import LEGAL_AID_MARK, Payment
from models.funds import FundsPosition, yuan
from models.tables import City, Contract, Expenditure, Recommendation, Unit
from tasks.audit import record_audit
from tasks.context import ProgrammeRef
from tasks.forms.funds_xlsx import DATE, SHEET, UNIT, VOUCHER, FundsRow
from tasks.submissions import Received

NaturalKey = tuple[str, dt.date, int, str]


def latest_contracts(session: Session, programme_id: int, units: Iterable[str] | None = None,
                     as_of: dt.date | None = None) -> dict[str, Contract]:
    """Each unit's latest contract (by signing date, then id), optionally signed by as_of (one query)."""
    stmt = select(Contract).where(Contract.programme_id == programme_id)
    if units is not None:
        stmt = stmt.where(Contract.unit_code.in_(sorted(set(units))))
    if as_of is not None:
        stmt = stmt.where(Contract.signed_on <= as_of)
    latest: dict[str, Contract] = {}
    for c in session.exec(stmt):
        old = latest.get(c.unit_code)
        if old is None or (c.signed_on, c.id) > (old.signed_on, old.id):
            latest[c.unit_code] = c
    return latest


def _natural(unit: str, spent_on: dt.date, amount_fen: int, purpose: str) -> NaturalKey:
    return (unit, spent_on, amount_fen, purpose)


def _row_key(row: FundsRow) -> NaturalKey:
    return _natural(row.unit_code, row.spent_on, row.amount_fen, row.purpose)


def _stored_key(e: Expenditure) -> NaturalKey:
    return _natural(e.unit_code, e.spent_on, e.amount_fen, e.purpose)


def _contract_problems(rows: list[FundsRow], contracts: dict[str, Contract], file: str) -> list[Problem]:
    """A unit without a contract (once, on its first row); a payment dated before the contract."""
    problems = []
    by_unit: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_unit[row.unit_code].append(row.row)
    for unit, numbers in by_unit.items():
        if unit not in contracts:
            listed = "、".join(map(str, numbers))
            reason = (f"单位 {unit} 尚未登记服务合同，不能登记经费支出（专款专用：支出只能对应服务合同；"
                      f"请先报送遴选材料）；涉及第 {listed} 行")
            problems.append(Problem(file, reason, sheet=SHEET, row=numbers[0], column=UNIT,
                                    hint="（命令行：legalcap procurement import）"))
    for row in rows:
        contract = contracts.get(row.unit_code)
        if contract is not None and row.spent_on < contract.signed_on:
            problems.append(Problem(file, f"支出日期 {row.spent_on} 早于服务合同签订日期 {contract.signed_on}"
                                          "（专款专用：只登记本合同的服务费用）",
                                    sheet=SHEET, row=row.row, column=DATE))
    return problems


def _conflict(row: FundsRow, e: Expenditure, file: str) -> Problem:
    source = f"，来自 {e.source_file} 第 {e.source_row} 行" if e.source_file else ""
    stored = f"{e.spent_on}、{yuan(e.amount_fen)} 元、{e.purpose}"
    given = f"{row.spent_on}、{yuan(row.amount_fen)} 元、{row.purpose}"
    reason = (f"凭证号“{row.voucher}”已登记为 {stored}{source}；与本行（{given}）不同。"
              "已登记的支出不能通过导入修改，如需更正请联系省总工会权益保障部")
    return Problem(file, reason, sheet=SHEET, row=row.row, column=VOUCHER)


def _plan(rows: list[FundsRow], stored: list[Expenditure], file: str
          ) -> tuple[list[FundsRow], list[tuple[FundsRow, Expenditure]], int, list[Problem]]:
    """(rows to add, stored voucher-less rows a voucher now names, unchanged count, problems)."""
    by_voucher = {(e.unit_code, e.voucher): e for e in stored if e.voucher}
    by_key: dict[NaturalKey, list[Expenditure]] = defaultdict(list)
    for e in stored:
        by_key[_stored_key(e)].append(e)
    add, claim, unchanged, problems = [], [], 0, []
    for row in rows:
        key = _row_key(row)
        if row.voucher:
            known = by_voucher.get((row.unit_code, row.voucher))
            if known is not None:
                if _stored_key(known) == key:
                    unchanged += 1
                else:
                    problems.append(_conflict(row, known, file))
                continue
            bare = next((e for e in by_key[key] if not e.voucher), None)
            if bare is not None:  # the same payment, stored before its voucher was known
                by_key[key].remove(bare)
                claim.append((row, bare))
                unchanged += 1
                continue
            add.append(row)
        elif by_key[key]:
            unchanged += 1
        else:
            add.append(row)
    return add, claim, unchanged, problems


def store_expenditures(session: Session, ref: ProgrammeRef, rows: list[FundsRow], got: Received
                       ) -> tuple[int, int]:
    """Store the new payments of a file, each linked to its unit's contract; (added, unchanged).

    InputError (every problem, nothing stored) when a unit has no contract, a payment predates the
    contract, or a stored voucher comes back with another date, amount or purpose.
    """
    file = got.path.name
    units = {r.unit_code for r in rows}
    contracts = latest_contracts(session, ref.id, units)
    problems = _contract_problems(rows, contracts, file)
    stored = list(session.exec(select(Expenditure).where(
        Expenditure.programme_id == ref.id, Expenditure.unit_code.in_(sorted(units))))) if units else []
    add, claim, unchanged, conflicts = _plan(rows, stored, file)
    problems += conflicts
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.row or 0, p.column)))
    for row in add:
        session.add(Expenditure(
            programme_id=ref.id, unit_code=row.unit_code, contract_id=contracts[row.unit_code].id,
            spent_on=row.spent_on, amount_fen=row.amount_fen, purpose=row.purpose, voucher=row.voucher,
            source_file=str(got.path), source_sha256=got.sha256, source_row=row.row, received_on=got.on))
    for row, e in claim:
        e.voucher = row.voucher
        session.add(e)
    record_audit(session, at=got.at, actor=got.by, action="funds.imported", programme_id=ref.id,
                 subject=file, details={
                     "file": str(got.path), "sha256": got.sha256, "added": len(add), "unchanged": unchanged,
                     "units": sorted({r.unit_code for r in add}),
                     "amount_added_fen": sum(r.amount_fen for r in add),
                     "vouchers_added": [{"expenditure": e.id, "voucher": row.voucher, "row": row.row}
                                        for row, e in claim],
                     "notes": {str(r.row): r.notes for r in add if r.notes}})
    return len(add), unchanged


def known_by(as_of: dt.date) -> ColumnElement[bool]:
    """Payments made and received by as_of (a row stored without 收到日期 counts from its own date)."""
    return and_(Expenditure.spent_on <= as_of,
                or_(Expenditure.received_on.is_(None), Expenditure.received_on <= as_of))


def funds_by_unit(session: Session, programme_id: int, as_of: dt.date) -> dict[str, FundsPosition]:
    """unit → (spent_fen, subsidy_fen, contract_fen) as of a date: payments made and received by then
    (法律援助补贴, its own budget line, left out) and the latest contract signed by then (two queries).
    Units with neither are absent."""
    spent = dict(session.exec(
        select(Expenditure.unit_code, func.sum(Expenditure.amount_fen))
        .where(Expenditure.programme_id == programme_id, known_by(as_of),
               ~Expenditure.purpose.contains(LEGAL_AID_MARK))
        .group_by(Expenditure.unit_code)).all())
    contracts = latest_contracts(session, programme_id, as_of=as_of)
    out = {unit: FundsPosition(int(spent.get(unit) or 0), c.subsidy_fen, c.amount_fen)
           for unit, c in contracts.items()}
    for unit, total in spent.items():
        out.setdefault(unit, FundsPosition(int(total or 0), 0, 0))
    return out


def legal_aid_by_unit(session: Session, programme_id: int, as_of: dt.date) -> dict[str, int]:
    """unit → 法律援助补贴 paid and received by as_of, in fen (its own line, not against the subsidy)."""
    rows = session.exec(
        select(Expenditure.unit_code, func.sum(Expenditure.amount_fen))
        .where(Expenditure.programme_id == programme_id, known_by(as_of),
               Expenditure.purpose.contains(LEGAL_AID_MARK))
        .group_by(Expenditure.unit_code)).all()
    return {unit: int(total or 0) for unit, total in rows}


def payments_by_unit(session: Session, programme_id: int, as_of: dt.date) -> dict[str, tuple[Payment, ...]]:
    """unit → every payment made and received by as_of (day, amount, 用途, 凭证号), in order (one query)."""
    out: dict[str, list[Payment]] = defaultdict(list)
    for e in session.exec(select(Expenditure).where(Expenditure.programme_id == programme_id, known_by(as_of))
                          .order_by(Expenditure.unit_code, Expenditure.spent_on, Expenditure.id)):
        out[e.unit_code].append(Payment(e.spent_on, e.amount_fen, e.purpose, e.voucher))
    return {unit: tuple(rows) for unit, rows in out.items()}


STATE_LABELS = FUND_STATE_LABELS


def funds_records(session: Session, ref: ProgrammeRef, as_of: dt.date,
                  units: Iterable[str] | None = None) -> list[UnitFunds]:
    """Per implementing unit (active recommendation), by city: contract, subsidy, spent, over/under."""
    stmt = (select(Recommendation.city_code, City.name, Recommendation.unit_code, Unit.name)
            .join(City, City.code == Recommendation.city_code)
            .join(Unit, Unit.code == Recommendation.unit_code)
            .where(Recommendation.programme_id == ref.id, Recommendation.status == RecordStatus.active.value)
            .order_by(Recommendation.city_code))
    if units is not None:
        stmt = stmt.where(Recommendation.unit_code.in_(sorted(set(units))))
    funds = funds_by_unit(session, ref.id, as_of)
    aid = legal_aid_by_unit(session, ref.id, as_of)
    return [unit_funds(city_code, city_name, unit_code, unit_name, funds.get(unit_code), ref.cfg,
                       aid.get(unit_code, 0))
            for city_code, city_name, unit_code, unit_name in session.exec(stmt).all()]


def funds_overview(session: Session, ref: ProgrammeRef, as_of: dt.date,
                   units: Iterable[str] | None = None) -> list[dict]:
    """funds_records as dicts: amounts in fen and as 元 text; a unit without a contract (and not over its
    subsidy) shows zeros and state no_contract."""
    return [row.as_dict() for row in funds_records(session, ref, as_of, units)]
