"""The ledger workbook of an evaluation packet: a unit's ledger rows known by as_of, personal data masked.

Loading is bulk (a query for the entries and one for their persons per 500 units); writing is
reproducible: the same entries give a byte-identical file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PureWindowsPath
from typing import Any

import xlsxwriter
from sqlmodel import Session, select

from models.ledger_schema import SHEETS, WORKER_NAME, Column, Sheet, sheet_for
from models.masking import (
    EXPORTED_PERSONAL,
    MASKINGS,
    free_text_scrubber,
    mask_personal,
    neutralise_formula,
)
from models.tables import LedgerEntry, LedgerPerson
from tasks.forms.ledger_xlsx import WIDTHS
from tasks.forms.xlsx_write import workbook_formats
from tasks.ledger_snapshot import known_rows

CHUNK = 500
DEFAULT_CREATED = dt.datetime(2000, 1, 1)
MASKED_SUFFIX = "（已脱敏）"
PROVENANCE_HEADERS = ("来源文件", "来源工作表", "来源行号")
NOTES_SHEET = "说明"
_CATEGORY_ORDER = {sheet.category.value: n for n, sheet in enumerate(SHEETS)}
# Sheet columns stored in a LedgerEntry attribute of the same name (the sheet's subtype column aside).
_ATTRIBUTES = {"unit_code", "occurred_on", "title", "notes", "venue", "format", "topic"}
_ENTRY_COLUMNS = (LedgerEntry.id, LedgerEntry.unit_code, LedgerEntry.category, LedgerEntry.subtype,
                  LedgerEntry.venue, LedgerEntry.format, LedgerEntry.topic, LedgerEntry.occurred_on,
                  LedgerEntry.title, LedgerEntry.participants, LedgerEntry.amount_fen, LedgerEntry.notes,
                  LedgerEntry.fields_json, LedgerEntry.source_file, LedgerEntry.source_sheet,
                  LedgerEntry.source_row)


@dataclass(frozen=True)
class ExportEntry:
    """One ledger row as exported.

    public: sheet column key → value (text and choice codes as str, dates as date, ints as int, money as
    Decimal yuan; None when blank); personal: the unmasked values of the exported personal columns
    (worker_name, phone, address; the ID number is never loaded); source_file: the file's name only.
    """

    entry_id: int
    unit_code: str
    category: str
    occurred_on: dt.date
    public: Mapping[str, object]
    personal: Mapping[str, str]
    source_file: str
    source_sheet: str
    source_row: int

    @property
    def sort_key(self) -> tuple:
        """Category in SHEETS order, then date, then where the row came from, then id."""
        return (_CATEGORY_ORDER.get(self.category, len(_CATEGORY_ORDER)), self.occurred_on,
                self.source_sheet, self.source_row, self.entry_id)


# ---------------------------------------------------------------- loading


def load_export_entries(session: Session, programme_id: int, unit_code: str,
                        as_of: dt.date) -> list[ExportEntry]:
    """The unit's ledger rows known by as_of, with their persons, in packet order."""
    return load_export_entries_for_units(session, programme_id, [unit_code], as_of)[unit_code]


def load_export_entries_for_units(session: Session, programme_id: int, units: list[str],
                                  as_of: dt.date) -> dict[str, list[ExportEntry]]:
    """Every listed unit's rows known by as_of (an empty list when none): two queries per 500 units."""
    out: dict[str, list[ExportEntry]] = {unit: [] for unit in units}
    wanted = sorted(out)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        persons = _persons(session, programme_id, chunk, as_of)
        for row in session.exec(select(*_ENTRY_COLUMNS).where(*_known(programme_id, chunk, as_of))):
            out[row.unit_code].append(_export_entry(row, persons.get(row.id, {})))
    for entries in out.values():
        entries.sort(key=lambda entry: entry.sort_key)
    return out


def _known(programme_id: int, units: list[str], as_of: dt.date) -> tuple:
    """The snapshot's rule (occurred by as_of, imported before that day ended) for these units."""
    return (*known_rows(programme_id, as_of), LedgerEntry.unit_code.in_(units))


def _persons(session: Session, programme_id: int, units: list[str],
             as_of: dt.date) -> dict[int, dict[str, str]]:
    """Entry id → its exported personal values; the ID number column is not even read."""
    columns = [getattr(LedgerPerson, key) for key in EXPORTED_PERSONAL]
    stmt = (select(LedgerPerson.entry_id, *columns)
            .join(LedgerEntry, LedgerEntry.id == LedgerPerson.entry_id)
            .where(*_known(programme_id, units, as_of)).order_by(LedgerPerson.id))
    return {row[0]: dict(zip(EXPORTED_PERSONAL, row[1:], strict=True)) for row in session.exec(stmt)}


def _export_entry(row: Any, personal: dict[str, str]) -> ExportEntry:
    sheet = sheet_for(row.category)
    return ExportEntry(entry_id=row.id, unit_code=row.unit_code, category=row.category,
                       occurred_on=row.occurred_on, public=_public_values(sheet, row), personal=personal,
                       source_file=PureWindowsPath(row.source_file).name, source_sheet=row.source_sheet,
                       source_row=row.source_row)


def _public_values(sheet: Sheet, row: Any) -> dict[str, object]:
    """Column key → value for the sheet's public columns, mapped as tasks/forms/ledger_xlsx.py stores them."""
    fields = json.loads(row.fields_json or "{}")
    values: dict[str, object] = {}
    for column in sheet.columns:
        if column.personal:
            continue
        if column.key == sheet.subtype:
            values[column.key] = row.subtype
        elif column.key in _ATTRIBUTES:
            values[column.key] = getattr(row, column.key)
        elif column.key == "participants":
            values[column.key] = row.participants or None  # a blank cell is stored as 0
        elif column.key == "amount":
            values[column.key] = Decimal(row.amount_fen) / 100 if row.amount_fen else None
        else:  # ledger_id is not stored: it stays blank
            values[column.key] = _field_value(column, fields.get(column.key, ""))
    return values


def _field_value(column: Column, text: str) -> object:
    """A fields_json value (dates yyyy-mm-dd, ints as digits) back as the column's kind; None when blank."""
    if not text:
        return None
    if column.kind == "date":
        return dt.date.fromisoformat(text)
    if column.kind == "int":
        return int(text)
    if column.kind == "money":
        return Decimal(text)
    return text


# ---------------------------------------------------------------- writing


def exported_columns(sheet: Sheet) -> tuple[Column, ...]:
    """The sheet's columns as exported: the public ones and the masked personal ones (not the dropped)."""
    return tuple(c for c in sheet.columns
                 if not c.personal or (c.key in MASKINGS and MASKINGS[c.key].exported))


def write_packet_ledger(path: Path, entries: list[ExportEntry], *,
                        created: dt.datetime = DEFAULT_CREATED) -> None:
    """The masked ledger workbook: one sheet per category (headers even when empty), then 说明.

    `created` (the packet's as_of at 00:00) is the only date in the file's metadata: same entries, same bytes.
    """
    book = xlsxwriter.Workbook(str(path), {"in_memory": True})  # in memory: fixed zip member timestamps
    book.set_properties({"title": "工作台账（个人信息已脱敏）", "created": created})
    fmt = workbook_formats(book)
    by_category: dict[str, list[ExportEntry]] = {}
    for entry in sorted(entries, key=lambda e: e.sort_key):
        by_category.setdefault(entry.category, []).append(entry)
    scrub = free_text_scrubber(e.personal.get(WORKER_NAME, "") for e in entries)
    for sheet in SHEETS:
        _write_category(book, fmt, sheet, by_category.get(sheet.category.value, []), scrub)
    _write_notes(book, fmt, {sheet.name: len(by_category.get(sheet.category.value, [])) for sheet in SHEETS})
    book.close()


def _text(ws: Any, row: int, col: int, value: str, cell_format: Any) -> None:
    """Every text cell: neutralised against formula injection, written as a string; blanks skipped."""
    if value:
        ws.write_string(row, col, neutralise_formula(value), cell_format)


def _header(column: Column) -> str:
    return column.header + MASKED_SUFFIX if column.personal else column.header


def _width(column: Column) -> int:
    if column.key in WIDTHS:
        return WIDTHS[column.key]
    if column.choices:
        return max(2 * len(label) for _, label in column.choices) + 4
    return max(12, 2 * len(_header(column)) + 2)


def _write_category(book: Any, fmt: dict[str, Any], sheet: Sheet, entries: list[ExportEntry],
                    scrub: Callable[[str], str]) -> None:
    ws = book.add_worksheet(sheet.name)
    columns = exported_columns(sheet)
    for col, column in enumerate(columns):
        _text(ws, 0, col, _header(column), fmt["personal_header" if column.personal else "header"])
        ws.set_column(col, col, _width(column))
    for offset, header in enumerate(PROVENANCE_HEADERS):
        _text(ws, 0, len(columns) + offset, header, fmt["header"])
    ws.set_column(len(columns), len(columns), 28)
    ws.set_column(len(columns) + 1, len(columns) + 2, 12)
    ws.set_row(0, 30)
    ws.freeze_panes(1, 0)
    for number, entry in enumerate(entries, 1):
        _write_row(ws, fmt, number, columns, entry, scrub)


def _write_row(ws: Any, fmt: dict[str, Any], row: int, columns: tuple[Column, ...],
               entry: ExportEntry, scrub: Callable[[str], str]) -> None:
    """One row: personal columns masked, free text scrubbed of what personal data slipped into it."""
    masked = mask_personal(entry.personal)
    for col, column in enumerate(columns):
        value = masked.get(column.key, "") if column.personal else entry.public.get(column.key)
        if column.kind == "text" and not column.personal and isinstance(value, str):
            value = scrub(value)
        _write_value(ws, fmt, row, col, column, value)
    last = len(columns)
    _text(ws, row, last, entry.source_file, fmt["text"])
    _text(ws, row, last + 1, entry.source_sheet, fmt["text"])
    if entry.source_row:
        ws.write_number(row, last + 2, entry.source_row, fmt["int"])


def _write_value(ws: Any, fmt: dict[str, Any], row: int, col: int, column: Column, value: object) -> None:
    if value is None or value == "":
        return
    if column.kind == "date" and isinstance(value, dt.date):
        ws.write_datetime(row, col, value, fmt["date"])
    elif column.kind in ("int", "money") and isinstance(value, int | Decimal):
        ws.write_number(row, col, float(value), fmt[column.kind])
    elif column.kind == "choice":
        _text(ws, row, col, dict(column.choices).get(str(value), str(value)), fmt["text"])
    else:
        _text(ws, row, col, str(value), fmt["text"])


def _notes(counts: dict[str, int]) -> list[tuple[str, list[str]]]:
    """The 说明 sheet's sections: what the workbook is, the masking rules, provenance, row counts."""
    return [
        ("本工作簿用途", [
            "本工作簿是评估材料中的工作台账，按类别每类一张工作表，内容取自本单位导入系统的台账。",
            "材料将离开本单位，职工个人信息已按《个人信息保护法》脱敏，请勿据此尝试还原。",
        ]),
        ("个人信息脱敏规则", [masking.rule for masking in MASKINGS.values()]
         + [f"已脱敏的列在表头标注“{MASKED_SUFFIX}”。"]),
        ("行的来源", [
            "每行右侧的“来源文件”“来源工作表”“来源行号”是该行导入时所在的文件名、工作表和 Excel 行号，"
            "可据此在本单位留存的原始台账中核对。",
            "原文以 = + - @ 或制表符开头的单元格，导出时在开头加了一个单引号“'”，"
            "以免被电子表格当作公式执行。",
        ]),
        ("各工作表行数", [f"{name}：{count} 行" for name, count in counts.items()]),
    ]


def _write_notes(book: Any, fmt: dict[str, Any], counts: dict[str, int]) -> None:
    ws = book.add_worksheet(NOTES_SHEET)
    ws.set_column(0, 0, 120)
    _text(ws, 0, 0, "工作台账（个人信息已脱敏） 说明", fmt["title"])
    row = 2
    for heading, lines in _notes(counts):
        _text(ws, row, 0, heading, fmt["label"])
        for line in lines:
            row += 1
            _text(ws, row, 0, line, fmt["wrap"])
        row += 2
