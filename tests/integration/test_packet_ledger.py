"""The packet's ledger workbook: rows known by as_of, personal data masked, no formulas, same bytes twice."""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import event

from models.db import session_scope
from models.errors import InputError
from models.id_number import id_check_character
from models.ledger_schema import LEGAL_AID, SHEETS
from tasks.files import sha256_file
from tasks.forms.ledger_xlsx import read_ledger, write_ledger_template
from tasks.ledger import store_ledger_rows
from tasks.packets.ledger_export import (
    NOTES_SHEET,
    PROVENANCE_HEADERS,
    ExportEntry,
    load_export_entries,
    load_export_entries_for_units,
    write_packet_ledger,
)
from tasks.submissions import Received

AS_OF = dt.date(2026, 12, 31)
CREATED = dt.datetime(2026, 12, 31)
UNIT = "340123"  # 肥西县
OTHER_UNIT = "340881"  # 桐城市
WINDOW = (dt.date(2026, 5, 1), dt.date(2027, 4, 30))
HYPERLINK = '=HYPERLINK("http://x","y")'
WORKER, PHONE = "张三丰", "13812345678"
ID_NUMBER = "34012319850612123" + id_check_character("34012319850612123")
ADDRESS = "安徽省合肥市肥西县上派镇某路12号"
LATE_TITLE = "年后补录的普法讲座"


def _legal_aid() -> dict:
    return {"unit_code": UNIT, "occurred_on": dt.date(2026, 7, 1), "title": "欠薪调解",
            "service": "mediation", "worker_name": WORKER, "phone": PHONE, "id_number": ID_NUMBER,
            "address": ADDRESS, "amount": Decimal("12000.50"), "result": "调解成功", "notes": HYPERLINK}


def _publicity(day: dt.date, title: str, unit: str = UNIT) -> dict:
    return {"unit_code": unit, "occurred_on": day, "title": title, "venue": "enterprise", "format": "lecture",
            "participants": 40, "notes": "-1"}


def _supervision() -> dict:
    return {"unit_code": UNIT, "occurred_on": dt.date(2026, 8, 3), "title": "劳动法律监督意见书",
            "case_no": "JD-001", "employer": "某机械有限公司", "topic": "pay", "document": "opinion",
            "reply_due": dt.date(2026, 8, 24), "worker_name": "欧阳娜娜", "phone": "0551-62345678"}


def _import(engine, programme, path: Path, at: dt.datetime) -> None:
    on = at.date()
    rows, problems = read_ledger(path, as_of=on, window=WINDOW, known_units={UNIT, OTHER_UNIT})
    if problems:
        raise InputError(problems)
    with session_scope(engine) as session:
        store_ledger_rows(session, programme, rows, Received(path, sha256_file(path), on, at, "测试"))


@pytest.fixture
def ledger(engine, programme, tmp_path: Path):
    """肥西县's ledger imported in December (known by AS_OF) and a January file (not known by AS_OF)."""
    december = tmp_path / "in" / "台账.xlsx"
    december.parent.mkdir()
    write_ledger_template(december, rows={
        "publicity": [_publicity(dt.date(2026, 9, 1), "九月普法讲座"),
                      _publicity(dt.date(2026, 6, 1), "六月普法讲座"),
                      _publicity(dt.date(2026, 6, 2), "桐城普法讲座", OTHER_UNIT)],
        "labour_supervision": [_supervision()],
        "legal_aid": [_legal_aid()],
    })
    _import(engine, programme, december, dt.datetime(2026, 12, 31, 9, tzinfo=dt.UTC))
    january = tmp_path / "in" / "台账-补录.xlsx"
    write_ledger_template(january, rows={"publicity": [_publicity(dt.date(2026, 10, 1), LATE_TITLE)]})
    _import(engine, programme, january, dt.datetime(2027, 1, 5, 9, tzinfo=dt.UTC))
    return engine, programme


def _entries(ledger) -> list[ExportEntry]:
    engine, programme = ledger
    with session_scope(engine) as session:
        return load_export_entries(session, programme.id, UNIT, AS_OF)


def _written(ledger, tmp_path: Path, name: str = "packet.xlsx") -> Path:
    path = tmp_path / name
    write_packet_ledger(path, _entries(ledger), created=CREATED)
    return path


def _xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def _sheet_rows(path: Path, name: str) -> list[tuple]:
    book = openpyxl.load_workbook(path)
    return list(book[name].iter_rows(values_only=True))


def test_entries_are_the_units_rows_known_by_as_of_in_category_then_date_order(ledger) -> None:
    entries = _entries(ledger)
    assert [(e.category, e.public["title"]) for e in entries] == [
        ("publicity", "六月普法讲座"), ("publicity", "九月普法讲座"),
        ("labour_supervision", "劳动法律监督意见书"), ("legal_aid", "欠薪调解")]
    aid = entries[-1]
    assert aid.personal == {"worker_name": WORKER, "phone": PHONE, "address": ADDRESS}
    assert aid.public["service"] == "mediation" and aid.public["amount"] == Decimal("12000.5")
    assert (aid.source_file, aid.source_sheet, aid.source_row) == ("台账.xlsx", "职工法律援助", 2)
    assert entries[2].public["reply_due"] == dt.date(2026, 8, 24)


def test_a_row_imported_after_as_of_is_known_a_week_later(ledger) -> None:
    engine, programme = ledger
    with session_scope(engine) as session:
        later = load_export_entries(session, programme.id, UNIT, dt.date(2027, 1, 7))
    assert LATE_TITLE in {e.public["title"] for e in later}
    assert LATE_TITLE not in {e.public["title"] for e in _entries(ledger)}


def test_the_bulk_load_gives_each_unit_its_rows_in_two_queries(ledger) -> None:
    engine, programme = ledger
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        with session_scope(engine) as session:
            units = [UNIT, OTHER_UNIT, "340102"]
            by_unit = load_export_entries_for_units(session, programme.id, units, AS_OF)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2
    assert by_unit[UNIT] == _entries(ledger)
    assert [e.public["title"] for e in by_unit[OTHER_UNIT]] == ["桐城普法讲座"]
    assert by_unit["340102"] == []


def test_every_category_sheet_is_there_with_its_headers_then_the_notes(ledger, tmp_path: Path) -> None:
    path = _written(ledger, tmp_path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [sheet.name for sheet in SHEETS] + [NOTES_SHEET]
    review = list(book["合法性审查"].iter_rows(values_only=True))
    assert len(review) == 1 and review[0][:4] == ("台账编号", "单位代码", "日期", "事项名称")
    notes = "\n".join(str(v) for row in book[NOTES_SHEET].iter_rows(values_only=True) for v in row if v)
    assert "张*" in notes and "138****1234" in notes and "身份证号" in notes and "来源行号" in notes


def test_the_legal_aid_sheet_masks_personal_columns_and_has_no_id_number_column(ledger, tmp_path) -> None:
    header, row = _sheet_rows(_written(ledger, tmp_path), LEGAL_AID.name)
    assert "身份证号" not in "".join(header) and "身份证号（已脱敏）" not in header
    values = dict(zip(header, row, strict=True))
    assert values["职工姓名（已脱敏）"] == "张*"
    assert values["联系电话（已脱敏）"] == "138****5678"
    assert values["住址（已脱敏）"] == "安徽省合肥市肥西县"
    assert values["服务类型"] == "协商调解" and values["涉及金额（元）"] == 12000.5
    assert values["日期"] == dt.datetime(2026, 7, 1)
    assert header[-3:] == PROVENANCE_HEADERS
    assert row[-3:] == ("台账.xlsx", "职工法律援助", 2)


def test_a_formula_like_note_is_stored_as_quoted_text_not_a_formula(ledger, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_written(ledger, tmp_path))
    sheet = book[LEGAL_AID.name]
    notes = [c for c in sheet[2] if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert [(c.value, c.data_type) for c in notes] == [("'" + HYPERLINK, "s")]
    assert ("'-1", "s") in [(c.value, c.data_type) for c in book["法治宣传教育"][2]]
    assert "<f>" not in _xml(_written(ledger, tmp_path, "again.xlsx"))


def test_no_name_phone_id_number_street_or_folder_appears_anywhere_in_the_file(ledger, tmp_path) -> None:
    path = _written(ledger, tmp_path)
    xml = _xml(path)
    for secret in (WORKER, "欧阳娜娜", PHONE, "62345678", ID_NUMBER, ID_NUMBER[:17], "上派镇", str(tmp_path)):
        assert secret not in xml
    assert "张*" in xml and "欧*" in xml and "0551-****5678" in xml


def test_the_dates_are_date_cells(ledger, tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_written(ledger, tmp_path))["劳动法律监督"]
    header = [c.value for c in sheet[1]]
    row = sheet[2]
    for name, day in (("日期", dt.datetime(2026, 8, 3)), ("答复期限", dt.datetime(2026, 8, 24))):
        cell = row[header.index(name)]
        assert cell.is_date and cell.value == day


def test_two_writes_a_second_apart_are_byte_identical(ledger, tmp_path: Path) -> None:
    first = _written(ledger, tmp_path, "first.xlsx")
    time.sleep(1.1)
    second = _written(ledger, tmp_path, "second.xlsx")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "2026-12-31T00:00:00Z" in archive.read("docProps/core.xml").decode()


def test_another_creation_date_gives_another_file(ledger, tmp_path: Path) -> None:
    entries = _entries(ledger)
    write_packet_ledger(tmp_path / "a.xlsx", entries, created=CREATED)
    write_packet_ledger(tmp_path / "b.xlsx", entries, created=CREATED + dt.timedelta(days=1))
    assert (tmp_path / "a.xlsx").read_bytes() != (tmp_path / "b.xlsx").read_bytes()
