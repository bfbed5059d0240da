"""附件1 推荐表 as a spreadsheet, one unit per row: the template (xlsxwriter) and reading it (calamine)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import xlsxwriter
from xlsxwriter.workbook import Workbook

from config.divisions import anhui_cities
from config.intake import NOTICE_MAILBOX
from models.errors import InputError, Problem, fail
from models.forms import RecommendationForm
from models.send_instructions import PLACEHOLDERS, subject_for
from models.values import PHONE_HINT, date_formats_text
from tasks.forms.recommendation import build_form, raise_if
from tasks.forms.xlsx_read import (
    cell_error,
    cell_text,
    guard_reader,
    header_columns,
    match_sheets,
    read_workbook,
    require_sheet,
)

SHEET, NOTES_SHEET = "推荐表", "填写说明"
HEADERS = ("推荐城市", "县（区）行政区划代码", "项目实施单位名称", "联系人", "联系电话", "单位基本情况",
           "推荐理由", "推荐意见", "盖章单位", "盖章日期")
FIELDS = ("city_name", "unit_code", "unit_name", "contact_name", "contact_phone", "basic_situation",
          "reason", "city_opinion", "stamped_by", "stamped_on")
OPTIONAL = ("县（区）行政区划代码", "盖章单位", "盖章日期")   # read when present, not required
REQUIRED = [h for h in HEADERS if h not in OPTIONAL]
FIELD_LABELS = dict(zip(FIELDS, HEADERS, strict=True))
WIDTHS = (10, 14, 24, 10, 16, 44, 44, 32, 16, 13)
WRAPPED = {"单位基本情况", "推荐理由", "推荐意见"}
AS_TEXT = {"县（区）行政区划代码", "联系电话"}   # keep leading zeros, no 1.39E+10
LAST_ROW = 200                                  # validation and formats reach this far
NOTES = (
    "一、每个推荐单位填一行；每个设区市原则上推荐 1 个县（区）总工会。",
    "二、请勿修改工作表名称“推荐表”和第 1 行表头，数据从第 2 行开始填写。",
    "三、推荐城市：从下拉列表中选择（安徽省 16 个设区市）。",
    "四、县（区）行政区划代码：6 位 GB/T 2260 代码（如肥西县 340123）；单位名称能唯一确定县（区）时可留空。",
    f"五、联系电话：{PHONE_HINT}。",
    "六、必填：项目实施单位名称、联系人、联系电话、单位基本情况、推荐理由、推荐意见。",
    "七、盖章单位：盖章的市总工会（如合肥市总工会），留空时按“推荐城市 + 总工会”记录。",
    "八、盖章日期：" + date_formats_text() + "盖章原件（扫描件）请随推荐材料一并报送。",
)
def deadline_note(deadline: dt.date | None, mailbox: str = NOTICE_MAILBOX) -> str:
    """The 填写说明's last line: the programme's configured deadline (none written when not given)."""
    subject = subject_for("recommendation", **PLACEHOLDERS)
    send = f"报送至省总工会邮箱 {mailbox}，邮件主题写“{subject}”。"
    if deadline is None:
        return f"九、报送截止：按省总工会通知规定的日期，{send}"
    day = f"{deadline.year} 年 {deadline.month} 月 {deadline.day} 日"
    return f"九、报送截止：{day}前，{send}"


def write_recommendation_xlsx(path: Path, forms: list[RecommendationForm] = (), *,
                              deadline: dt.date | None = None, mailbox: str = NOTICE_MAILBOX) -> None:
    """The 推荐表 workbook: headers, widths, city dropdown, date column, 填写说明 (with `deadline`)."""
    with xlsxwriter.Workbook(str(path)) as book:
        sheet = _form_sheet(book)
        text, wrap = book.add_format({"num_format": "@", "valign": "top"}), _wrap(book)
        date = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
        for r, form in enumerate(forms, start=1):
            for c, field in enumerate(FIELDS):
                value = getattr(form, field)
                if isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
                elif value:
                    sheet.write_string(r, c, value, wrap if HEADERS[c] in WRAPPED else text)
        _notes_sheet(book, deadline, mailbox)


def _wrap(book: Workbook):
    return book.add_format({"text_wrap": True, "valign": "top"})


def _form_sheet(book: Workbook):
    """The 推荐表 sheet: header row, column formats and widths, the city dropdown."""
    sheet = book.add_worksheet(SHEET)
    head = book.add_format({"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter",
                            "bg_color": "#DDEBF7", "border": 1})
    formats = {"text": book.add_format({"num_format": "@"}), "wrap": _wrap(book),
               "date": book.add_format({"num_format": "yyyy-mm-dd"})}
    for c, (title, width) in enumerate(zip(HEADERS, WIDTHS, strict=True)):
        kind = "date" if title == "盖章日期" else "wrap" if title in WRAPPED else "text" \
            if title in AS_TEXT else None
        sheet.set_column(c, c, width, formats.get(kind))
        sheet.write_string(0, c, title, head)
    sheet.set_row(0, 30)
    sheet.freeze_panes(1, 0)
    sheet.data_validation(1, 0, LAST_ROW, 0, {
        "validate": "list", "source": list(anhui_cities().values()),
        "input_title": "推荐城市", "input_message": "请从下拉列表中选择",
        "error_title": "推荐城市", "error_message": "请选择安徽省 16 个设区市之一"})
    sheet.data_validation(1, 9, LAST_ROW, 9, {
        "validate": "date", "criteria": ">", "value": dt.date(2000, 1, 1),
        "input_title": "盖章日期", "input_message": "日期，如 2026-05-08",
        "error_title": "盖章日期", "error_message": "请填写日期，如 2026-05-08"})
    return sheet


def _notes_sheet(book: Workbook, deadline: dt.date | None, mailbox: str) -> None:
    """填写说明: how to fill the form, in Chinese, ending with the deadline."""
    sheet = book.add_worksheet(NOTES_SHEET)
    sheet.set_column(0, 0, 100, _wrap(book))
    title = book.add_format({"bold": True, "font_size": 14})
    sheet.write_string(0, 0, "实施项目单位推荐表（附件1）填写说明", title)
    for r, line in enumerate((*NOTES, deadline_note(deadline, mailbox)), start=2):
        sheet.write_string(r, 0, line)


@guard_reader
def read_recommendation_xlsx(path: Path) -> list[RecommendationForm]:
    """One form per filled row of 推荐表; every problem in every row is reported at once."""
    book = read_workbook(path)
    taken, sheet_problems = match_sheets(book, (SHEET,), path, ignored=(NOTES_SHEET,),
                                         headers={SHEET: REQUIRED})
    if sheet_problems:
        raise InputError(sheet_problems)
    rows = require_sheet({SHEET: book[taken[SHEET]]} if SHEET in taken else book, SHEET, path)
    columns = _columns(rows, path)
    forms: list[RecommendationForm] = []
    problems: list[Problem] = []
    for number, row in _data_rows(rows):
        raw = {field: _cell(row, columns.get(FIELD_LABELS[field])) for field in FIELDS}
        raw["stamped_on"] = _raw(row, columns.get(FIELD_LABELS["stamped_on"]))   # any accepted date form

        def problem(column: str, reason: str, number: int = number) -> Problem:
            return Problem(path.name, reason, sheet=SHEET, row=number, column=column)

        errors = [problem(title, cell_error(row[index])) for title, index in columns.items()
                  if index < len(row) and cell_error(row[index])]
        if errors:
            problems.extend(errors)
            continue

        result = build_form(raw, FIELD_LABELS, problem, sheet=SHEET, row=number)
        if isinstance(result, list):
            problems.extend(result)
        else:
            forms.append(result)
    if not forms and not problems:
        raise fail(path.name, "没有填写任何推荐单位（表头下没有数据行）", sheet=SHEET, row=2)
    raise_if(problems)
    return forms


def _columns(rows: list[list], path: Path) -> dict[str, int]:
    """Header -> column index: the required ones (else InputError), and the optional ones present."""
    columns = header_columns(rows, REQUIRED, path, SHEET)
    header = [_flat(cell_text(c)) for c in rows[0]]
    for title in OPTIONAL:
        if _flat(title) in header:
            columns[title] = header.index(_flat(title))
    return columns


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")


def _data_rows(rows: list[list]):
    """(1-based Excel row, cells) of every row under the header that has anything in it."""
    for number, row in enumerate(rows[1:], start=2):
        if any(cell_text(c) for c in row):
            yield number, row


def _cell(row: list, index: int | None) -> object:
    """The raw value at `index` (dates stay dates), None when the column is absent or short."""
    if index is None or index >= len(row):
        return None
    value = row[index]
    return value if isinstance(value, dt.date) else cell_text(value) or None


def _raw(row: list, index: int | None) -> object:
    """The cell at `index` as read (a date, an Excel serial, text), None when the column is absent."""
    return row[index] if index is not None and index < len(row) else None
