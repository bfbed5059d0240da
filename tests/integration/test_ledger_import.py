"""Ledger import: whole-file refusal, --skip-invalid with a rejects file, no duplicates, audited updates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlmodel import func, select

from models.db import session_scope
from models.errors import InputError
from models.tables import AuditEvent, LedgerEntry, LedgerPerson
from tasks.files import sha256_file
from tasks.forms.ledger_xlsx import read_ledger, write_ledger_template, write_rejects
from tasks.ledger import store_ledger_rows
from tasks.submissions import Received
from tests.support.database import database_fingerprint

AS_OF = dt.date(2026, 12, 31)
AT = dt.datetime(2026, 12, 31, 9, tzinfo=dt.UTC)
UNIT = "340123"


def _publicity_rows(n: int, bad_row: int | None = None) -> list[dict]:
    rows = []
    for i in range(n):
        day = dt.date(2026, 6, 1) + dt.timedelta(days=i % 180)
        rows.append({"ledger_id": f"P{i:04d}", "unit_code": UNIT, "occurred_on": day,
                     "title": f"普法讲座 {i}", "venue": "enterprise", "format": "lecture",
                     "participants": 30 + i % 50})
    if bad_row is not None:
        rows[bad_row]["participants"] = -5
    return rows


def _legal_aid_row() -> dict:
    return {"ledger_id": "A1", "unit_code": UNIT, "occurred_on": dt.date(2026, 7, 1), "title": "欠薪调解",
            "service": "mediation", "worker_name": "张三丰", "phone": "13812345678", "amount": 12000}


def _file(tmp_path: Path, name: str, **rows) -> Path:
    path = tmp_path / name
    write_ledger_template(path, rows=rows)
    return path


def _read(path: Path):
    window = (dt.date(2026, 5, 1), dt.date(2027, 4, 30))
    return read_ledger(path, as_of=AS_OF, window=window, known_units={UNIT})


def _import(engine, programme, path: Path):
    rows, problems = _read(path)
    if problems:
        raise InputError(problems)
    with session_scope(engine) as session:
        got = Received(path, sha256_file(path), AS_OF, AT, "测试")
        return store_ledger_rows(session, programme, rows, got)


def _count(engine) -> int:
    with session_scope(engine) as session:
        return session.exec(select(func.count()).select_from(LedgerEntry)).one()


def test_one_bad_row_among_500_refuses_the_file_naming_sheet_row_and_column(engine, programme, tmp_path):
    path = _file(tmp_path, "台账.xlsx", publicity=_publicity_rows(500, bad_row=123))
    before = database_fingerprint(engine)
    with pytest.raises(InputError) as info:
        _import(engine, programme, path)
    assert database_fingerprint(engine) == before
    [problem] = info.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("法治宣传教育", 125, "参加人数")


def test_skip_invalid_takes_499_rows_and_writes_the_bad_one_to_a_rejects_file(engine, programme, tmp_path):
    path = _file(tmp_path, "台账.xlsx", publicity=_publicity_rows(500, bad_row=7))
    rows, problems = _read(path)
    with session_scope(engine) as session:
        store_ledger_rows(session, programme, rows, Received(path, sha256_file(path), AS_OF, AT, "测试"))
    rejects = write_rejects(path, path, problems)
    assert _count(engine) == 499
    assert rejects.parent == path.parent and rejects.name == "台账.rejects.xlsx"
    sheet = CalamineWorkbook.from_path(str(rejects)).get_sheet_by_name("法治宣传教育").to_python()
    data = [r for r in sheet[1:] if any(c not in ("", None) for c in r)]
    assert len(data) == 1 and any(str(c) == "P0007" for c in data[0])


def test_the_same_file_twice_leaves_the_entry_count_unchanged(engine, programme, tmp_path):
    path = _file(tmp_path, "台账.xlsx", publicity=_publicity_rows(50), legal_aid=[_legal_aid_row()])
    first = _import(engine, programme, path)
    second = _import(engine, programme, path)
    assert (first.added, second.added, second.updated, second.unchanged) == (51, 0, 0, 51)
    assert _count(engine) == 51


def test_an_updated_copy_updates_the_changed_rows_and_audits_them(engine, programme, tmp_path):
    _import(engine, programme, _file(tmp_path, "v1.xlsx", publicity=_publicity_rows(20)))
    changed = _publicity_rows(20)
    changed[3]["participants"] = 999
    changed.append({**changed[0], "ledger_id": "P9999", "title": "新增宣讲"})
    report = _import(engine, programme, _file(tmp_path, "v2.xlsx", publicity=changed))
    assert (report.added, report.updated, report.unchanged) == (1, 1, 19)
    with session_scope(engine) as session:
        entry = session.exec(select(LedgerEntry).where(LedgerEntry.title == "普法讲座 3")).one()
        audit = session.exec(select(AuditEvent).where(AuditEvent.action == "ledger.row_changed")).one()
    assert entry.participants == 999 and entry.source_file.endswith("v2.xlsx") and entry.updated_at
    assert json.loads(audit.details_json)["changed"]["participants"] == ["33", "999"]


def test_personal_data_is_stored_apart_from_the_public_fields(engine, programme, tmp_path):
    _import(engine, programme, _file(tmp_path, "aid.xlsx", legal_aid=[_legal_aid_row()]))
    with session_scope(engine) as session:
        entry = session.exec(select(LedgerEntry)).one()
        person = session.exec(select(LedgerPerson)).one()
    public = json.dumps({k: str(v) for k, v in entry.model_dump().items()}, ensure_ascii=False)
    assert "张三丰" not in public and "13812345678" not in public
    assert (person.entry_id, person.worker_name, person.phone) == (entry.id, "张三丰", "13812345678")
    assert (entry.subtype, entry.amount_fen, entry.source_sheet, entry.source_row) == (
        "mediation", 1_200_000, "职工法律援助", 2)
