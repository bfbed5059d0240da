"""The 工作台账 workbook of one unit (one sheet per category): template writer, reader, rejects file.

The reader returns every valid row and every problem (sheet, Excel row, column, reason); the caller
decides whether one bad row refuses the file or only itself. Only file-level faults raise InputError.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import attrgetter
from pathlib import Path
from typing import Any

import xlsxwriter

from config.intake import NOTICE_MAILBOX
from models.errors import InputError, Problem
from models.ledger_schema import (
    CATEGORY_LABELS,
    MAX_AMOUNT_YUAN,
    OTHER_CHOICE,
    PERSONAL_MARK,
    SHEETS,
    Column,
    Sheet,
    described_choices,
    sheet_named,
)
from models.send_instructions import template_send_section
from models.values import PHONE_HINT, date_formats_text
from models.values.dates import EARLIEST_DATE
from tasks.forms.ledger_cells import Limits, Refused, column_check
from tasks.forms.xlsx_read import (
    cell_text,
    guard_reader,
    header_columns,
    match_sheets,
    read_workbook,
    sheet_key,
    shown,
)
from tasks.forms.xlsx_write import workbook_formats, write_help_sheet
from tasks.gc_pause import no_cyclic_gc

HELP_SHEET = "填写说明"
PROBLEM_HEADER = "问题"
ORIGINAL_ROW_HEADER = "原行号"
ALL_PROBLEMS_SHEET = "全部问题"
TEMPLATE_ROWS = 5000  # dropdowns and checks reach rows 2..5001
LEDGER_ID_HEADER = "台账编号"

# Columns whose value lands in a LedgerRow attribute of its own (the rest go to fields / personal).
OWN_ATTRIBUTES = {"ledger_id", "unit_code", "occurred_on", "title", "notes", "venue", "format", "topic",
                  "participants", "amount"}

HELP_TEXT = (
    ("本工作簿用途", [
        "记录本单位项目实施期间开展的各项工作（工作台账），按通知“重点内容”分类，每类一张工作表："
        + "、".join(CATEGORY_LABELS.values()) + "。",
        "每项工作（每场活动、每份文书、每件援助事项）填一行。"
        "请勿修改工作表名称和第 1 行表头；没有开展的类别留空即可。",
        "导入时逐行检查，一次列出全部问题（工作表、行号、列名和原因），并生成“原文件名.rejects.xlsx”，"
        "其中是未导入的行及问题说明，改正后可直接再次导入。",
    ]),
    ("填写规则", [
        "带下拉箭头的列请从下拉列表选择（也可填写对应的英文代码）。",
        date_formats_text() + "日期须在项目实施期内，且不晚于导入当天。",
        "单位代码为本县（区）行政区划代码，6 位数字，如 340123。",
        "人数、问题数填不小于 0 的整数；金额单位为元，最多两位小数。",
        "台账编号（选填）：本单位自编的行编号，如 XC-001。"
        "填写后它就是这一行的身份：日后更正日期、名称等内容再导入时，系统按编号更新原记录而不会重复登记。"
        "不填时按“单位代码 + 日期 + 事项名称”等识别"
        "（劳动法律监督按“案件编号 + 文书”，职工法律援助按“日期 + 服务类型 + 职工姓名”），"
        "这些内容一旦修改就会被当作新的一行，因此需要日后更正的行请填写台账编号。",
        "同一工作表中同一事项不要重复填写；重复的行会被指出且不导入。",
    ]),
    ("个人信息（★）", [
        "表头带 ★ 并标色的列（职工姓名、联系电话、身份证号、住址）是职工个人信息，受《个人信息保护法》保护。",
        "本文件含个人信息时只在本单位内部保存和报送，不得外传；系统对外（评估、汇总材料）一律脱敏："
        "姓名显示为“张*”，电话显示为“138****1234”，身份证号不显示，住址只显示到县（区）。",
        f"联系电话：{PHONE_HINT}。",
        "身份证号为 18 位，导入时校验出生日期、地区码和第 18 位校验码，填错会指出；"
        "请以文本格式填写，避免被 Excel 改成科学计数。",
    ]),
    ("劳动法律监督（一函两书）", [
        "同一案件的提示函、意见书、建议书各填一行，案件编号相同；“文书”列选择对应文书。",
        "意见书填写“答复期限”；用人单位答复后填写“企业答复日期”。",
    ]),
)


# ---------------------------------------------------------------- the row read


@dataclass(frozen=True)
class LedgerRow:
    """One valid ledger row. fields/personal hold only non-empty values (dates as yyyy-mm-dd)."""

    category: str
    sheet: str
    row: int  # 1-based Excel row
    unit_code: str
    occurred_on: dt.date
    title: str
    subtype: str = ""
    venue: str = ""
    fmt: str = ""
    topic: str = ""
    quantity: int = 1
    participants: int = 0
    amount_fen: int = 0
    notes: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    personal: dict[str, str] = field(default_factory=dict)
    ledger_id: str = ""


# ---------------------------------------------------------------- writing the template


def write_ledger_template(path: Path, *, unit_code: str = "",
                          rows: dict[str, list[dict]] | None = None, mailbox: str = NOTICE_MAILBOX) -> None:
    """The ledger workbook: 填写说明, then one sheet per category; `rows` (category → dicts by column key,
    dates as date, choices as codes, money in yuan) are written in, e.g. for tests and demo data."""
    rows = rows or {}
    unknown = set(rows) - {sheet.category.value for sheet in SHEETS}
    if unknown:
        raise ValueError(f"unknown ledger categories: {sorted(unknown)}")
    book = xlsxwriter.Workbook(str(path))
    fmt = workbook_formats(book)
    _write_help(book, fmt, unit_code, mailbox)
    for sheet in SHEETS:
        _write_sheet(book, fmt, sheet, rows.get(sheet.category.value, []), unit_code)
    book.close()


def _write_help(book: Any, fmt: dict[str, Any], unit_code: str, mailbox: str) -> None:
    title = "工作台账 填写说明" + (f"（单位代码 {unit_code}）" if unit_code else "")
    send = template_send_section("ledger", mailbox, unit_code=unit_code)
    write_help_sheet(book, fmt, HELP_SHEET, title, (*HELP_TEXT, *_column_help(), send))


def _column_help() -> list[tuple[str, list[str]]]:
    """One paragraph per category sheet: its columns, required ones and dropdown choices."""
    out = []
    for sheet in SHEETS:
        lines = []
        for column in sheet.columns[4:]:
            text = f"{column.shown_header}：{'必填' if column.required else '选填'}"
            if column.choices:
                text += "，下拉选择：" + "、".join(label for _, label in column.choices)
            if column.note:
                text += f"；{column.note}"
            lines.append(text)
        out.append((f"工作表“{sheet.name}”", lines))
    return out


WIDTHS = {"ledger_id": 12, "unit_code": 10, "title": 36, "case_no": 14, "employer": 28, "enterprise": 28,
          "worker_name": 10, "phone": 16, "id_number": 22, "address": 32, "result": 28, "notes": 24}


def _width(column: Column) -> int:
    if column.key in WIDTHS:
        return WIDTHS[column.key]
    if column.choices:
        return max(2 * len(label) for _, label in column.choices) + 4
    return max(12, 2 * len(column.shown_header) + 2)


def _column_format(column: Column, fmt: dict[str, Any]) -> Any:
    return {"date": fmt["date"], "int": fmt["int"], "money": fmt["money"]}.get(column.kind, fmt["text"])


def _write_sheet(book: Any, fmt: dict[str, Any], sheet: Sheet, rows: list[dict], unit_code: str) -> None:
    ws = book.add_worksheet(sheet.name)
    for col, column in enumerate(sheet.columns):
        header_format = fmt["personal_header"] if column.personal else fmt["header"]
        ws.write_string(0, col, column.shown_header, header_format)
        ws.set_column(col, col, _width(column), _column_format(column, fmt))
        _validation(ws, col, column, unit_code)
    ws.set_row(0, 30)
    ws.freeze_panes(1, 0)
    for index, values in enumerate(rows, 1):
        for col, column in enumerate(sheet.columns):
            value = values.get(column.key, unit_code if column.key == "unit_code" else None)
            _write_value(ws, fmt, index, col, column, value)


def _validation(ws: Any, col: int, column: Column, unit_code: str) -> None:
    """Dropdowns and checks on rows 2..5001 of one column."""
    cells = (1, col, TEMPLATE_ROWS, col)
    prompt = {"input_title": column.header[:32], "input_message": column.note[:255]} if column.note else {}
    if column.kind == "choice":
        labels = [label for _, label in column.choices]
        ws.data_validation(*cells, {"validate": "list", "source": labels, **prompt,
                                    "error_title": "请从下拉列表选择",
                                    "error_message": "可选：" + "、".join(labels)})
    elif column.kind == "date":
        ws.data_validation(*cells, {"validate": "date", "criteria": ">=", "value": EARLIEST_DATE, **prompt,
                                    "error_title": "日期",
                                    "error_message": "请按 yyyy-mm-dd 填写日期，如 2026-06-01"})
    elif column.kind == "int":
        ws.data_validation(*cells, {"validate": "integer", "criteria": "between", "minimum": 0,
                                    "maximum": column.maximum, **prompt, "error_title": column.header,
                                    "error_message": f"{column.header}为 0–{column.maximum} 的整数"})
    elif column.kind == "money":
        ws.data_validation(*cells, {"validate": "decimal", "criteria": "between", "minimum": 0,
                                    "maximum": column.maximum or MAX_AMOUNT_YUAN, **prompt,
                                    "error_title": "金额",
                                    "error_message": "金额以元为单位，不小于 0，最多两位小数"})
    elif column.key == "unit_code" and unit_code:
        ws.data_validation(*cells, {"validate": "list", "source": [unit_code], **prompt,
                                    "error_title": "单位代码", "error_message": f"本单位代码为 {unit_code}"})
    elif column.key == "unit_code":
        ws.data_validation(*cells, {"validate": "length", "criteria": "==", "value": 6, **prompt,
                                    "error_title": "单位代码",
                                    "error_message": "单位代码为 6 位数字，如 340123"})
    elif prompt:
        ws.data_validation(*cells, {"validate": "any", **prompt})


def _write_value(ws: Any, fmt: dict[str, Any], row: int, col: int, column: Column, value: Any) -> None:
    if value is None or value == "":
        return
    if column.kind == "date":
        ws.write_datetime(row, col, value, fmt["date"])
    elif column.kind == "int":
        ws.write_number(row, col, value, fmt["int"])
    elif column.kind == "money":
        ws.write_number(row, col, float(value), fmt["money"])
    elif column.kind == "choice":
        ws.write_string(row, col, column.label(value), fmt["text"])
    else:
        ws.write_string(row, col, str(value), fmt["text"])


# ---------------------------------------------------------------- reading: identity


def _natural_key(sheet: Sheet) -> Callable[[LedgerRow], tuple]:
    """A function giving a row's natural key — its values of the sheet's key_columns, in order."""
    getters: list[Callable[[LedgerRow], object]] = []
    for key in sheet.key_columns:
        if key in ("unit_code", "occurred_on", "title"):
            getters.append(attrgetter(key))
        elif key == sheet.subtype:
            getters.append(attrgetter("subtype"))
        elif sheet.column(key).personal:
            getters.append(lambda row, k=key: row.personal.get(k, ""))
        else:
            getters.append(lambda row, k=key: row.fields.get(k, ""))
    return lambda row: tuple([get(row) for get in getters])


_NATURAL_KEY = {sheet.category.value: _natural_key(sheet) for sheet in SHEETS}


def _identity(row: LedgerRow) -> tuple:
    """The row's identity: ("id", unit, 台账编号) when given, else ("key", *natural key).

    The reader builds the same tuples from whole parsed columns to find repeated rows (_SheetReader._rows).
    """
    if row.ledger_id:
        return ("id", row.unit_code, row.ledger_id)
    return ("key", *_NATURAL_KEY[row.category](row))


def row_fingerprint(row: LedgerRow) -> str:
    """sha256 hex of the row's category and identity: stable across re-imports and row positions.

    With a 台账编号 the identity is (单位代码, 台账编号) — unit-scoped, since each unit numbers its own
    rows; without one it is the sheet's key_columns (dates as yyyy-mm-dd, text whitespace-collapsed).
    """
    text = "\x1f".join((row.category, *map(str, _identity(row))))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- reading: whole sheets


def _header_key(text: object) -> str:
    """A header cell normalised: no ★, no spaces, full-width brackets."""
    key = re.sub(r"\s+", "", cell_text(text)).removesuffix(PERSONAL_MARK)
    return key.replace("(", "（").replace(")", "）")


def _as_field_text(column: Column, values: list) -> list[str]:
    """A parsed column as the text stored in LedgerRow.fields ('' when empty or refused)."""
    if column.kind == "date":
        return [v.isoformat() if v.__class__ is dt.date else "" for v in values]
    if column.kind == "int":
        return [str(v) if v.__class__ is int else "" for v in values]
    return [v if v.__class__ is str else "" for v in values]


def _dicts(keys: tuple[str, ...], columns: list[list[str]], count: int) -> list[dict[str, str]]:
    """Per row, {key: value} of the non-empty values of `columns`."""
    if not keys:
        return [{} for _ in range(count)]
    if len(keys) == 1:
        key = keys[0]
        return [{key: v} if v else {} for v in columns[0]]
    return [dict(zip(keys, row, strict=True)) if all(row)
            else {k: v for k, v in zip(keys, row, strict=True) if v} for row in zip(*columns, strict=True)]


def _transpose(rows: list[list]) -> list[tuple]:
    """Rows of cells (at least one) → columns of cells; short rows padded with ''."""
    width = max(map(len, rows))
    if min(map(len, rows)) < width:
        rows = [raw + [""] * (width - len(raw)) for raw in rows]
    return list(zip(*rows, strict=True))


def _blank(raw: list) -> bool:
    """True when every cell is empty or only spaces and invisible characters."""
    for cell in raw:
        if cell is None:
            continue
        if cell.__class__ is not str or (cell.strip() and (cell.isprintable() or cell_text(cell))):
            return False
    return True


class _SheetReader:
    """Reads one category sheet; built once per sheet with every lookup precomputed."""

    def __init__(self, sheet: Sheet, file: str, columns: dict[str, int], *, as_of: dt.date,
                 window: tuple[dt.date, dt.date], known_units: set[str]) -> None:
        self.sheet, self.file = sheet, file
        limits = Limits(as_of, window, frozenset(known_units))
        self.checks = [column_check(c, columns[c.header], limits) for c in sheet.columns]
        self.order = {c.key: n for n, c in enumerate(sheet.columns)}
        own = OWN_ATTRIBUTES | {sheet.subtype}
        self.field_columns = tuple(c for c in sheet.columns if not c.personal and c.key not in own)
        self.personal_columns = tuple(c for c in sheet.columns if c.personal)
        self.key_headers = "、".join(sheet.column(k).header for k in sheet.key_columns)

    def problem(self, reason: str, row: int, column: str) -> Problem:
        return Problem(self.file, reason, sheet=self.sheet.name, row=row, column=column)

    def read(self, rows: list[list], out: list[LedgerRow], problems: list[Problem]) -> None:
        unit = self.checks[self.order["unit_code"]].index  # a filled unit code: surely not a blank row
        body = rows[1:]
        filled = [any(raw) and ((raw[unit].__class__ is str and raw[unit].isalnum()) or not _blank(raw))
                  for raw in body]
        numbers = list(compress(range(2, len(rows) + 1), filled))
        if not numbers:
            return
        cells = _transpose(list(compress(body, filled)))
        parsed: list[list] = []
        for check in self.checks:
            check.refused[0] = 0
            parsed.append(check.bulk(cells[check.index]))
        bad: set[int] = set()
        found = (self._refusals(parsed, numbers, bad) + self._late_deadlines(parsed, numbers, bad)
                 + self._undescribed_others(parsed, numbers, bad))
        ok = [True] * len(numbers)
        for position in bad:
            ok[position] = False
        found += self._rows(parsed, numbers, ok, out)
        found.sort(key=lambda item: (item[1].row, item[0]))
        problems.extend(problem for _, problem in found)

    def _refusals(self, parsed: list[list], numbers: list[int], bad: set[int]) -> list[tuple[int, Problem]]:
        """(column order, problem) of every refused cell; their row positions added to `bad`."""
        found = []
        for order, (check, values) in enumerate(zip(self.checks, parsed, strict=True)):
            if check.refused[0]:
                header = check.column.header
                for position, value in enumerate(values):
                    if value.__class__ is Refused:
                        found.append((order, self.problem(value.reason, numbers[position], header)))
                        bad.add(position)
        return found

    def _late_deadlines(self, parsed: list[list], numbers: list[int],
                        bad: set[int]) -> list[tuple[int, Problem]]:
        """答复期限 before the document's own date."""
        if "reply_due" not in self.order:
            return []
        order = self.order["reply_due"]
        header = self.sheet.column("reply_due").header
        days, dues = parsed[self.order["occurred_on"]], parsed[order]
        date_class = dt.date
        found = []
        for position, (day, due) in enumerate(zip(days, dues, strict=True)):
            if due.__class__ is date_class and day.__class__ is date_class and due < day:
                reason = f"{header} {due} 早于文书日期 {day}"
                found.append((order, self.problem(reason, numbers[position], header)))
                bad.add(position)
        return found

    def _undescribed_others(self, parsed: list[list], numbers: list[int],
                            bad: set[int]) -> list[tuple[int, Problem]]:
        """其他 chosen (形式、监督事项) without saying what in 备注."""
        found: list[tuple[int, Problem]] = []
        columns = described_choices(self.sheet)
        if not columns:
            return found
        notes = parsed[self.order["notes"]]
        for column in columns:
            order = self.order[column.key]
            for position, (value, note) in enumerate(zip(parsed[order], notes, strict=True)):
                if value == OTHER_CHOICE and not (note.__class__ is str and note.strip()):
                    reason = f"{column.header}选“其他”时须在“备注”写明具体{column.header}"
                    found.append((order, self.problem(reason, numbers[position], column.header)))
                    bad.add(position)
        return found

    def _rows(self, parsed: list[list], numbers: list[int], ok: list[bool],
              out: list[LedgerRow]) -> list[tuple[int, Problem]]:
        """Append the LedgerRow of every row without problems; (column order, problem) of duplicates."""
        count, order, sheet = len(numbers), self.order, self.sheet

        def role(key: str, default: object) -> Any:
            """The parsed column giving a LedgerRow attribute, or `default` for every row."""
            if key not in order:
                return repeat(default)
            values = parsed[order[key]]
            return [v or default for v in values] if default == 0 else values

        fields = _dicts(tuple(c.key for c in self.field_columns),
                        [_as_field_text(c, parsed[order[c.key]]) for c in self.field_columns], count)
        personal = _dicts(tuple(c.key for c in self.personal_columns),
                          [parsed[order[c.key]] for c in self.personal_columns], count)
        columns = (numbers, ok, role("ledger_id", ""), role("unit_code", ""), role("occurred_on", None),
                   role("title", ""), role(sheet.subtype, "") if sheet.subtype else repeat(""),
                   role("venue", ""), role("format", ""), role("topic", ""), role("participants", 0),
                   role("amount", 0), role("notes", ""), fields, personal)
        # the natural key of each row, as _identity makes it from the LedgerRow
        naturals = zip(repeat("key"), *(parsed[order[key]] for key in sheet.key_columns))
        category, name = sheet.category.value, sheet.name
        seen: dict[tuple, int] = {}
        duplicates = []
        new, assign, append, first_of = object.__new__, object.__setattr__, out.append, seen.setdefault
        for (number, good, ledger_id, unit, day, title, subtype, venue, fmt, topic, people, amount, notes,
             row_fields, row_personal, natural) in zip(*columns, naturals, strict=False):
            if not good:
                continue
            # LedgerRow is frozen: fill its __dict__ directly, a quarter of the cost of its __init__
            row = new(LedgerRow)
            assign(row, "__dict__", {
                "category": category, "sheet": name, "row": number, "unit_code": unit, "occurred_on": day,
                "title": title, "subtype": subtype, "venue": venue, "fmt": fmt, "topic": topic,
                "quantity": 1, "participants": people, "amount_fen": amount, "notes": notes,
                "fields": row_fields, "personal": row_personal, "ledger_id": ledger_id})
            first = first_of(("id", unit, ledger_id) if ledger_id else natural, number)
            if first == number:
                append(row)
                continue
            where = LEDGER_ID_HEADER if ledger_id else self.key_headers
            reason = f"与第 {first} 行重复（同一事项只填一行）"
            duplicates.append((len(self.checks), self.problem(reason, number, where)))
        return duplicates


@guard_reader
def read_ledger(path: Path, *, as_of: dt.date, window: tuple[dt.date, dt.date],
                known_units: set[str]) -> tuple[list[LedgerRow], list[Problem]]:
    """Every valid row of every category sheet, and every problem of the others (not raised).

    Problems come per sheet in row order, and within a row in column order. InputError only when the
    file as a whole cannot be read: unreadable, no category sheet, an unknown sheet holding data, a header
    missing.
    """
    with no_cyclic_gc():
        return _read_ledger(path, as_of=as_of, window=window, known_units=known_units)


def _read_ledger(path: Path, *, as_of: dt.date, window: tuple[dt.date, dt.date],
                 known_units: set[str]) -> tuple[list[LedgerRow], list[Problem]]:
    book = read_workbook(path)
    file = shown(path)
    taken, sheet_problems = match_sheets(book, (sheet.name for sheet in SHEETS), path,
                                         ignored=(HELP_SHEET, ALL_PROBLEMS_SHEET),
                                         headers={sheet.name: sheet.headers for sheet in SHEETS})
    if sheet_problems:
        raise InputError(sheet_problems)
    present = {sheet_named(name): book[actual] for name, actual in taken.items()}
    if not present:
        names = "、".join(sheet.name for sheet in SHEETS)
        found = "、".join(book) or "无"
        raise InputError(Problem(file, f"没有台账工作表（工作表名称应为：{names}；现有：{found}）"))
    readers: list[tuple[_SheetReader, list[list]]] = []
    header_problems: list[Problem] = []
    for sheet in SHEETS:
        if sheet not in present:
            continue
        rows = present[sheet]
        try:
            header = [[_header_key(c) for c in rows[0]]] if rows else []
            columns = header_columns(header, list(sheet.headers), path, sheet.name)
        except InputError as error:
            header_problems.extend(error.problems)
            continue
        reader = _SheetReader(sheet, file, columns, as_of=as_of, window=window, known_units=known_units)
        readers.append((reader, rows))
    if header_problems:
        raise InputError(header_problems)
    out: list[LedgerRow] = []
    problems: list[Problem] = []
    for reader, rows in readers:
        reader.read(rows, out, problems)
    return out, problems


# ---------------------------------------------------------------- the rejects file


REJECTS_SUFFIX = ".rejects.xlsx"
NAME_MAX_BYTES = 255  # the longest file name most file systems take


def rejects_path(source: Path) -> Path:
    """`<stem>.rejects.xlsx` beside `source`; a long stem is shortened so the name fits NAME_MAX_BYTES."""
    stem = source.stem
    while len(f"{stem}{REJECTS_SUFFIX}".encode()) > NAME_MAX_BYTES:
        stem = stem[:-1]
    return source.with_name(f"{stem}{REJECTS_SUFFIX}")


def write_rejects(path: Path, source: Path, problems: list[Problem]) -> Path:
    """Write `<source stem>.rejects.xlsx` holding each rejected row's original cells plus 问题 and 原行号.

    `source` is the workbook read; `path` is the directory to write into (a file path means its
    directory, so passing the source itself writes beside it). The sheets keep their names and headers,
    so the file can be corrected and imported again. A last sheet lists every problem. A file that
    cannot be written is an InputError: call this before storing anything.
    """
    directory = path.parent if path.is_file() or path.suffix.lower() == ".xlsx" else path
    target = directory / rejects_path(source).name
    book_in = read_workbook(source)
    by_row: dict[tuple[str, int], list[Problem]] = {}
    for problem in problems:
        if problem.row is not None:
            by_row.setdefault((problem.sheet, problem.row), []).append(problem)
    canonical = {sheet_key(sheet.name): sheet.name for sheet in SHEETS}
    book = xlsxwriter.Workbook(str(target))
    fmt = workbook_formats(book)
    for actual, rows in book_in.items():
        name = canonical.get(sheet_key(actual), actual)
        numbers = sorted(n for s, n in by_row if s == name)
        if numbers and rows:
            _write_reject_sheet(book, fmt, name, rows, numbers, by_row)
    _write_problem_list(book, fmt, problems)
    try:
        book.close()
    except Exception as error:  # xlsxwriter wraps the OSError (read-only folder, name too long, disk full)
        reason = getattr(error, "__cause__", None) or error
        message = (f"无法写入问题行文件“{target.name}”（{directory}）：{reason}；"
                   "本次未导入任何内容，请确认该文件夹可写后重新导入")
        raise InputError(Problem(shown(source), message)) from None
    return target


def _write_reject_sheet(book: Any, fmt: dict[str, Any], name: str, rows: list[list], numbers: list[int],
                        by_row: dict[tuple[str, int], list[Problem]]) -> None:
    ws = book.add_worksheet(name)
    header = rows[0]
    width = len(header)
    sheet = sheet_named(name)
    personal = {c.header for c in sheet.columns if c.personal} if sheet else set()
    for col, value in enumerate(header):
        text = cell_text(value)
        ws.write_string(0, col, text, fmt["personal_header" if _header_key(text) in personal else "header"])
        ws.set_column(col, col, max(10, min(36, 2 * len(text) + 4)))
    ws.write_string(0, width, PROBLEM_HEADER, fmt["problem_header"])
    ws.write_string(0, width + 1, ORIGINAL_ROW_HEADER, fmt["header"])
    ws.set_column(width, width, 60)
    ws.freeze_panes(1, 0)
    for out_row, number in enumerate(numbers, 1):
        raw = rows[number - 1] if number - 1 < len(rows) else []
        for col, value in enumerate(raw):
            _write_original(ws, fmt, out_row, col, value)
        found = by_row[(name, number)]
        reasons = "；".join(f"“{p.column}”{p.reason}" if p.column else p.reason for p in found)
        ws.write_string(out_row, width, reasons, fmt["problem"])
        ws.write_number(out_row, width + 1, number, fmt["int"])


def _write_original(ws: Any, fmt: dict[str, Any], row: int, col: int, value: object) -> None:
    if value is None or value == "":
        return
    if isinstance(value, dt.date | dt.datetime):
        ws.write_datetime(row, col, value, fmt["date"])
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, fmt["number"])
    else:
        ws.write_string(row, col, str(value), fmt["text"])


def _write_problem_list(book: Any, fmt: dict[str, Any], problems: list[Problem]) -> None:
    ws = book.add_worksheet(ALL_PROBLEMS_SHEET)
    for col, (text, width) in enumerate((("工作表", 16), ("行号", 8), ("列", 24), ("问题", 80))):
        ws.write_string(0, col, text, fmt["header"])
        ws.set_column(col, col, width)
    ws.freeze_panes(1, 0)
    for index, problem in enumerate(problems, 1):
        ws.write_string(index, 0, problem.sheet, fmt["text"])
        if problem.row is not None:
            ws.write_number(index, 1, problem.row, fmt["int"])
        ws.write_string(index, 2, problem.column, fmt["text"])
        ws.write_string(index, 3, problem.reason, fmt["wrap"])

