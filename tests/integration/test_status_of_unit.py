"""A unit's status read alone (status_of_unit) is its entry in the full status document (SQLite, PG)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from models.db import session_scope
from models.tables import LedgerEntry
from tasks.services.status import status_for, status_of_unit
from tests.support.demo import feixi_through_the_gate
from tests.web.conftest import WANZHI, recommend

FEIXI = "340123"
DAY = dt.date(2026, 9, 1)
ROWS = [("publicity", "lecture", "enterprise", ""), ("publicity", "on_site", "campus", ""),
        ("legal_aid", "mediation", "", ""), ("legal_aid", "consultation", "", ""),
        ("labour_supervision", "opinion", "", "JD-001"), ("labour_supervision", "opinion", "", "JD-002"),
        ("labour_supervision", "reply", "", "JD-002")]


def _rows(programme, unit: str, on: dt.date) -> list[LedgerEntry]:
    out = []
    for n, (category, subtype, venue, case_no) in enumerate(ROWS):
        case = {"case_no": case_no, "employer": "某公司"}
        fields = json.dumps(case, ensure_ascii=False) if case_no else "{}"
        out.append(LedgerEntry(
            programme_id=programme.id, unit_code=unit, category=category, subtype=subtype, venue=venue,
            occurred_on=on, title=f"{unit}-{n}", imported_at=dt.datetime.combine(on, dt.time(2), dt.UTC),
            case_no=case_no, fields_json=fields, reply_due=on + dt.timedelta(days=30) if case_no else None,
            fingerprint=hashlib.sha256(f"{unit}{n}".encode()).hexdigest()))
    return out


def test_one_units_status_is_its_entry_in_the_full_document(engine, programme, tmp_path) -> None:
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    recommend(engine, programme, WANZHI)
    with session_scope(engine) as session:
        session.add_all(_rows(programme, FEIXI, dt.date(2026, 7, 1)) + _rows(programme, WANZHI.code,
                                                                               dt.date(2026, 7, 2)))
    full = {u["unit_code"]: u for u in status_for(engine, programme, DAY)["units"] if u["unit_code"]}
    assert set(full) == {FEIXI, WANZHI.code}
    for code, expected in full.items():
        assert status_of_unit(engine, programme, DAY, code) == expected
    assert full[FEIXI]["quotas"] and full[FEIXI]["venues"]["count"] == 2   # the comparison is not empty
    assert full[FEIXI]["legal_aid"] is not None
    assert full[FEIXI] != full[WANZHI.code]


def test_a_unit_no_city_implements_has_no_status(engine, programme, tmp_path) -> None:
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    assert status_of_unit(engine, programme, DAY, WANZHI.code) is None
    assert status_of_unit(engine, programme, dt.date(2026, 4, 1), FEIXI) is None   # before it was recommended
