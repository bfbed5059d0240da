"""The 经费支出 workbook of a unit (专款专用: only payments for the provider's services): template, reader.

The reader returns every valid row and every problem (sheet, Excel row, column, reason); the caller
decides what a problem means (the import refuses the whole file). Only file-level faults raise
InputError: unreadable, the sheet missing, a header missing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter

from config.intake import NOTICE_MAILBOX
from models.errors import InputError, Problem
from models.send_instructions import template_send_section
from models.values import (
    MISSING,
    ValueProblem,
    cell_error,
    cell_text,
    date_formats_text,
    parse_date,
    parse_division_code,
    parse_fen,
    parse_text,
)
from tasks.forms.xlsx_read import (
    guard_reader,
    match_sheets,
    read_workbook,
    shown,
)
from tasks.forms.xlsx_write import workbook_formats, write_help_sheet

HELP_SHEET = "填写说明"
SHEET = "经费支出"
UNIT, DATE, AMOUNT, PURPOSE, VOUCHER, NOTES = "单位代码", "支出日期", "金额（元）", "用途", "凭证号", "备注"
HEADERS = (UNIT, DATE, AMOUNT, PURPOSE, VOUCHER, NOTES)
KEYS = ("unit_code", "spent_on", "amount", "purpose", "voucher", "notes")
WIDTHS = (10, 12, 14, 28, 18, 36)
PURPOSES = (
    "法律服务费（合同首付）",
    "法律服务费（进度款）",
    "法律服务费（尾款）",
    "法律服务费（一次付清）",
    "法律援助补贴",
)
MAX_AMOUNT_YUAN = 10_000_000  # one payment; keeps fen within a 32-bit integer column
TEXT_LIMIT = 200    # characters in 用途 and 凭证号
NOTES_LIMIT = 2000  # characters in 备注
TEMPLATE_ROWS = 1000  # dropdowns and checks reach rows 2..1001
EARLIEST_DATE = dt.date(2000, 1, 1)

HELP_TEXT = (
    ("本工作簿用途", [
        "登记项目经费的每一笔支出，每笔一行：单位代码、支出日期、金额、用途、凭证号、备注。",
        "专款专用：只记购买社会组织法律服务的支出——按服务合同向法律服务社会组织支付的服务费"
        "（首付、进度款、尾款）和按标准支付的法律援助补贴。办公、会议、宣传品、差旅等其他支出不在此登记。",
        "省总工会补助为定额；支出超出补助的部分由项目实施单位承担，系统会提示本单位和市总工会。",
        "请勿修改工作表名称和第 1 行表头。导入时逐行检查，一次列出全部问题（工作表、行号、列名和原因）；"
        "有任何问题时不导入任何内容。",
    ]),
    ("填写规则", [
        "单位代码：本县（区）行政区划代码，6 位数字，如 340123；须为已签订服务合同的项目实施单位。",
        "支出日期：须在项目期内、不早于服务合同签订日期，且不晚于导入当天。" + date_formats_text(),
        "金额（元）：大于 0，最多两位小数（到分），如 16800 或 16800.50。",
        "用途：可从下拉列表选择（" + "、".join(PURPOSES) + "），也可自行填写，必填。",
        "凭证号：记账凭证号或发票号（选填，建议填写）。填写后它就是这笔支出的身份：重复导入同一文件不会重复登记；"
        "同一单位的凭证号在同一文件中不得重复。"
        "已登记的凭证号不能以不同的日期、金额或用途再次导入，如需更正请联系省总工会权益保障部。",
        "不填凭证号时按“单位代码 + 支出日期 + 金额 + 用途”识别；"
        "同一天同一金额同一用途的两笔支出请用凭证号区分。",
        "备注：选填，如付款方式、对应的合同条款或服务期间。",
    ]),
)


@dataclass(frozen=True)
class FundsRow:
    """One valid expenditure row (row is Excel's 1-based row number)."""

    row: int
    unit_code: str
    spent_on: dt.date
    amount_fen: int
    purpose: str
    voucher: str = ""
    notes: str = ""


# ---------------------------------------------------------------- writing the template


def write_funds_template(path: Path, *, unit_code: str = "", rows: list[dict] | None = None,
                         mailbox: str = NOTICE_MAILBOX) -> None:
    """The funds workbook: 填写说明, then 经费支出; `rows` (dicts keyed unit_code, spent_on (date),
    amount (yuan), purpose, voucher, notes) are written in, e.g. for tests and demo data."""
    book = xlsxwriter.Workbook(str(path))
    fmt = workbook_formats(book)
    _write_help(book, fmt, unit_code, mailbox)
    ws = book.add_worksheet(SHEET)
    column_formats = (fmt["text"], fmt["date"], fmt["money"], fmt["text"], fmt["text"], fmt["text"])
    for col, (header, width, cell_format) in enumerate(zip(HEADERS, WIDTHS, column_formats, strict=True)):
        ws.write_string(0, col, header, fmt["header"])
        ws.set_column(col, col, width, cell_format)
    ws.set_row(0, 30)
    ws.freeze_panes(1, 0)
    _validations(ws, unit_code)
    for index, values in enumerate(rows or [], 1):
        _write_row(ws, fmt, index, {"unit_code": unit_code, **values})
    book.close()


def _write_help(book: Any, fmt: dict[str, Any], unit_code: str, mailbox: str) -> None:
    title = "经费支出登记 填写说明" + (f"（单位代码 {unit_code}）" if unit_code else "")
    send = template_send_section("funds", mailbox, unit_code=unit_code)
    write_help_sheet(book, fmt, HELP_SHEET, title, (*HELP_TEXT, send))


def _validations(ws: Any, unit_code: str) -> None:
    """Dropdowns and checks on rows 2..TEMPLATE_ROWS+1; 用途 suggests but accepts free text."""
    def cells(col: int) -> tuple[int, int, int, int]:
        return (1, col, TEMPLATE_ROWS, col)

    if unit_code:
        ws.data_validation(*cells(0), {"validate": "list", "source": [unit_code], "error_title": UNIT,
                                       "error_message": f"本单位代码为 {unit_code}"})
    else:
        ws.data_validation(*cells(0), {"validate": "length", "criteria": "==", "value": 6,
                                       "error_title": UNIT,
                                       "error_message": "单位代码为 6 位数字，如 340123"})
    ws.data_validation(*cells(1), {"validate": "date", "criteria": ">=", "value": EARLIEST_DATE,
                                   "error_title": DATE,
                                   "error_message": "请按 yyyy-mm-dd 填写日期，如 2026-06-18"})
    ws.data_validation(*cells(2), {"validate": "decimal", "criteria": "between", "minimum": 0.01,
                                   "maximum": MAX_AMOUNT_YUAN, "error_title": "金额",
                                   "error_message": "金额以元为单位，大于 0，最多两位小数"})
    ws.data_validation(*cells(3), {"validate": "list", "source": list(PURPOSES), "show_error": False,
                                   "input_title": PURPOSE, "input_message": "可从下拉列表选择，也可自行填写"})


def _write_row(ws: Any, fmt: dict[str, Any], row: int, values: dict) -> None:
    for col, key in enumerate(KEYS):
        value = values.get(key)
        if value is None or value == "":
            continue
        if key == "spent_on" and isinstance(value, dt.date):
            ws.write_datetime(row, col, value, fmt["date"])
        elif key == "amount" and isinstance(value, int | float) and not isinstance(value, bool):
            ws.write_number(row, col, float(value), fmt["money"])
        else:
            ws.write_string(row, col, str(value), fmt["text"])


# ---------------------------------------------------------------- reading


def _header_key(value: object) -> str:
    """A header cell normalised: no spaces, full-width brackets."""
    return re.sub(r"\s+", "", cell_text(value)).replace("(", "（").replace(")", "）")


def _cell(row: list, col: int) -> object:
    return row[col] if col < len(row) else ""


def _columns(rows: list[list], path: Path) -> dict[str, int]:
    """Column of each header in row 1; every missing header named in one InputError."""
    header = [_header_key(c) for c in rows[0]] if rows else []
    missing = [h for h in HEADERS if h not in header]
    if missing:
        expected = "、".join(HEADERS)
        raise InputError([Problem(shown(path), f"缺少列“{h}”（表头应为：{expected}）", sheet=SHEET, row=1)
                          for h in missing])
    return {h: header.index(h) for h in HEADERS}


def _unit_parser(known_units: set[str]) -> Callable[[object], str]:
    """A 6-digit county code among the programme's units (models.values divisions); 未填写 when empty."""
    def parse(value: object) -> str:
        code = parse_division_code(value, known_units)
        if code is None:
            raise ValueProblem(MISSING)
        return code
    return parse


def _date_parser(window: tuple[dt.date, dt.date], as_of: dt.date) -> Callable[[object], dt.date]:
    """A date in any accepted form (models.values dates), within the window and not after as_of."""
    def parse(value: object) -> dt.date:
        day = parse_date(value)
        if day is None:
            raise ValueProblem(MISSING)
        if not window[0] <= day <= window[1]:
            raise ValueProblem(f"日期 {day} 不在项目期内（{window[0]} 至 {window[1]}）")
        if day > as_of:
            raise ValueProblem(f"日期 {day} 晚于导入日期 {as_of}，不能登记尚未发生的支出")
        return day
    return parse


def parse_amount(value: object) -> int:
    """Yuan, > 0, at most two decimals, at most MAX_AMOUNT_YUAN → fen (models.values money)."""
    fen = parse_fen(value, maximum_yuan=MAX_AMOUNT_YUAN)
    if fen is None:
        raise ValueProblem(MISSING)
    if fen == 0:
        raise ValueProblem(f"金额须大于 0，实为 {cell_text(value)}")
    return fen


def _purpose(value: object) -> str:
    """用途: required free text, inner whitespace collapsed, at most TEXT_LIMIT characters."""
    text = parse_text(value, limit=TEXT_LIMIT, collapse=True)
    if not text:
        raise ValueProblem(f"{MISSING}（可从下拉列表选择，也可自行填写）")
    return text


def _voucher(value: object) -> str:
    """凭证号: optional, at most TEXT_LIMIT characters."""
    return parse_text(value, limit=TEXT_LIMIT)


def _notes(value: object) -> str:
    """备注: optional, at most NOTES_LIMIT characters."""
    return parse_text(value, limit=NOTES_LIMIT)


@guard_reader
def read_funds(path: Path, *, as_of: dt.date, window: tuple[dt.date, dt.date],
               known_units: set[str]) -> tuple[list[FundsRow], list[Problem]]:
    """Every valid row of 经费支出 and every problem of the others (in row, then column order).

    InputError when the file as a whole cannot be read: unreadable, the sheet missing or beside an
    unknown sheet holding data, a header missing.
    """
    book = read_workbook(path)
    file = shown(path)
    taken, sheet_problems = match_sheets(book, (SHEET,), path, ignored=(HELP_SHEET,),
                                         headers={SHEET: HEADERS})
    if sheet_problems:
        raise InputError(sheet_problems)
    if SHEET not in taken:
        raise InputError(Problem(file, f"缺少工作表“{SHEET}”（现有：{'、'.join(book) or '无'}）"))
    rows = book[taken[SHEET]]
    columns = _columns(rows, path)
    parsers: dict[str, Callable[[object], Any]] = {
        UNIT: _unit_parser(known_units), DATE: _date_parser(window, as_of), AMOUNT: parse_amount,
        PURPOSE: _purpose, VOUCHER: _voucher, NOTES: _notes,
    }
    out: list[FundsRow] = []
    problems: list[Problem] = []
    seen_vouchers: dict[tuple[str, str], int] = {}
    seen_rows: dict[tuple, int] = {}
    for number, raw in enumerate(rows[1:], 2):
        if not any(cell_text(_cell(raw, c)) for c in columns.values()):
            continue
        values: dict[str, Any] = {}
        row_problems: list[Problem] = []
        for header in HEADERS:
            value = _cell(raw, columns[header])
            try:
                if cell_error(value):
                    raise ValueProblem(cell_error(value))
                values[header] = parsers[header](value)
            except ValueError as error:  # ValueProblem, the vocabulary's refusal
                row_problems.append(Problem(file, str(error), sheet=SHEET, row=number, column=header))
        if not row_problems:
            row_problems += _repeats(file, number, values, seen_vouchers, seen_rows)
        if row_problems:
            problems += row_problems
            continue
        out.append(FundsRow(number, values[UNIT], values[DATE], values[AMOUNT], values[PURPOSE],
                            values[VOUCHER], values[NOTES]))
    return out, problems


def _repeats(file: str, number: int, values: dict[str, Any], seen_vouchers: dict[tuple[str, str], int],
             seen_rows: dict[tuple, int]) -> list[Problem]:
    """A voucher used twice by a unit, or a voucher-less row identical to an earlier one."""
    unit, voucher = values[UNIT], values[VOUCHER]
    if voucher:
        first = seen_vouchers.setdefault((unit, voucher), number)
        if first != number:
            return [Problem(file, f"凭证号“{voucher}”与第 {first} 行重复（同一单位的凭证号不得重复）",
                            sheet=SHEET, row=number, column=VOUCHER)]
        return []
    key = (unit, values[DATE], values[AMOUNT], values[PURPOSE])
    first = seen_rows.setdefault(key, number)
    if first != number:
        reason = f"与第 {first} 行的单位、日期、金额和用途完全相同：如确为两笔支出，请填写凭证号区分"
        return [Problem(file, reason, sheet=SHEET, row=number, column=VOUCHER)]
    return []
