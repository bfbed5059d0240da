"""The 经费支出 workbook: template, round trip, every refusal with its sheet/row/column, file faults."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from models.errors import InputError
from models.values import date_formats_text
from tasks.forms.funds_xlsx import (
    AMOUNT,
    DATE,
    HEADERS,
    HELP_SHEET,
    NOTES,
    PURPOSE,
    PURPOSES,
    SHEET,
    UNIT,
    VOUCHER,
    FundsRow,
    read_funds,
    write_funds_template,
)

D = dt.date
WINDOW = (D(2026, 4, 1), D(2027, 5, 31))
AS_OF = D(2026, 12, 31)
FEIXI, WANZHI = "340123", "340210"
UNITS = {FEIXI, WANZHI}

ROWS = [
    {"unit_code": FEIXI, "spent_on": D(2026, 6, 20), "amount": 16800, "purpose": "法律服务费（合同首付）",
     "voucher": "PZ-2026-061", "notes": "银行转账"},
    {"unit_code": FEIXI, "spent_on": D(2026, 10, 20), "amount": 12345.67, "purpose": "法律服务费（进度款）",
     "voucher": "20261020"},
    {"unit_code": FEIXI, "spent_on": D(2026, 11, 20), "amount": 2500, "purpose": "法律援助补贴"},
    {"unit_code": WANZHI, "spent_on": D(2026, 7, 1), "amount": 0.5, "purpose": "律师咨询值班费（自填用途）",
     "voucher": "PZ-2026-061"},  # the same voucher number in another unit's books is another payment
]
EXPECTED = [
    FundsRow(2, FEIXI, D(2026, 6, 20), 1_680_000, "法律服务费（合同首付）", "PZ-2026-061", "银行转账"),
    FundsRow(3, FEIXI, D(2026, 10, 20), 1_234_567, "法律服务费（进度款）", "20261020"),
    FundsRow(4, FEIXI, D(2026, 11, 20), 250_000, "法律援助补贴"),
    FundsRow(5, WANZHI, D(2026, 7, 1), 50, "律师咨询值班费（自填用途）", "PZ-2026-061"),
]


def _file(tmp_path: Path, rows: list[dict], name: str = "经费支出.xlsx", **kwargs) -> Path:
    path = tmp_path / name
    write_funds_template(path, rows=rows, **kwargs)
    return path


def _read(path: Path):
    return read_funds(path, as_of=AS_OF, window=WINDOW, known_units=UNITS)


def test_the_template_has_instructions_then_the_sheet_with_its_headers(tmp_path: Path) -> None:
    path = _file(tmp_path, [])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [HELP_SHEET, SHEET]
    assert tuple(c.value for c in book[SHEET][1]) == HEADERS
    assert book[SHEET].freeze_panes == "A2"
    help_text = "\n".join(str(c.value) for c in book[HELP_SHEET]["A"] if c.value)
    assert "专款专用：只记购买社会组织法律服务的支出" in help_text
    assert "超出补助的部分由项目实施单位承担" in help_text


def test_the_purpose_dropdown_suggests_but_accepts_free_text(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_file(tmp_path, []))[SHEET]
    [purpose] = [v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith("D2")]
    assert purpose.type == "list" and not purpose.showErrorMessage
    assert purpose.formula1.strip('"').split(",") == list(PURPOSES)


def test_a_unit_template_restricts_the_unit_code_and_prefills_rows(tmp_path: Path) -> None:
    path = _file(tmp_path, [{"spent_on": D(2026, 6, 20), "amount": 100, "purpose": "法律援助补贴"}],
                 unit_code=FEIXI)
    sheet = openpyxl.load_workbook(path)[SHEET]
    [unit] = [v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith("A2")]
    assert unit.formula1 == f'"{FEIXI}"'
    assert _read(path) == ([FundsRow(2, FEIXI, D(2026, 6, 20), 10_000, "法律援助补贴")], [])


def test_rows_round_trip_through_the_template(tmp_path: Path) -> None:
    assert _read(_file(tmp_path, ROWS)) == (EXPECTED, [])


def test_an_empty_template_reads_as_nothing(tmp_path: Path) -> None:
    assert _read(_file(tmp_path, [])) == ([], [])


def test_amount_text_with_separators_and_yuan_is_accepted_and_blank_rows_skipped(tmp_path: Path) -> None:
    rows = [{"unit_code": FEIXI, "spent_on": "2026/06/20", "amount": "16,800.50元",
             "purpose": " 法律援助补贴 "},
            {"notes": "   "},
            {"unit_code": FEIXI, "spent_on": D(2026, 6, 21), "amount": 1, "purpose": "法律援助补贴"}]
    read, problems = _read(_file(tmp_path, rows))
    assert problems == []
    assert [(r.row, r.spent_on, r.amount_fen, r.purpose) for r in read] == [
        (2, D(2026, 6, 20), 1_680_050, "法律援助补贴"), (4, D(2026, 6, 21), 100, "法律援助补贴")]


BASE = {"unit_code": FEIXI, "spent_on": D(2026, 6, 20), "amount": 16800, "purpose": "法律服务费（合同首付）"}


@pytest.mark.parametrize(("key", "column", "value", "reason"), [
    ("unit_code", UNIT, "340999", "单位代码 340999 不是本项目的实施单位"),
    ("unit_code", UNIT, "肥西县", "单位代码应为 6 位数字"),
    ("unit_code", UNIT, "", "未填写"),
    ("spent_on", DATE, "2026-13-01", "不是有效日期：“2026-13-01”"),
    ("spent_on", DATE, "", "未填写"),
    ("spent_on", DATE, D(2026, 3, 31), "不在项目期内（2026-04-01 至 2027-05-31）"),
    ("spent_on", DATE, D(2027, 1, 4), "晚于导入日期 2026-12-31"),
    ("amount", AMOUNT, 0, "金额须大于 0"),
    ("amount", AMOUNT, -500, "金额不能为负数"),
    ("amount", AMOUNT, "-500", "金额不能为负数"),
    ("amount", AMOUNT, 12.345, "最多两位小数"),
    ("amount", AMOUNT, "一万元", "不是数字"),
    ("amount", AMOUNT, "", "未填写"),
    ("amount", AMOUNT, 20_000_000, "超过合理上限 10,000,000 元"),
    ("purpose", PURPOSE, "", "未填写"),
])
def test_each_bad_value_is_one_problem_at_its_sheet_row_and_column(tmp_path: Path, key, column, value,
                                                                   reason) -> None:
    good = {**BASE, "voucher": "V1"}
    rows, problems = _read(_file(tmp_path, [good, {**BASE, key: value, "voucher": "V2"}]))
    assert [r.row for r in rows] == [2]
    [problem] = problems
    assert (problem.file, problem.sheet, problem.row, problem.column) == ("经费支出.xlsx", SHEET, 3, column)
    assert reason in problem.reason
    assert f"工作表“{SHEET}”，第 3 行，“{column}”" in str(problem)


def test_a_voucher_used_twice_by_a_unit_in_the_file_is_refused_on_the_later_row(tmp_path: Path) -> None:
    rows = [{**BASE, "voucher": "PZ-1"}, {**BASE, "amount": 200, "voucher": "PZ-2"},
            {**BASE, "amount": 300, "voucher": "PZ-1"}, {**BASE, "unit_code": WANZHI, "voucher": "PZ-1"}]
    read, problems = _read(_file(tmp_path, rows))
    assert [r.row for r in read] == [2, 3, 5]
    [problem] = problems
    assert (problem.row, problem.column) == (4, VOUCHER) and "与第 2 行重复" in problem.reason


def test_two_identical_rows_without_voucher_are_refused_as_a_repeat(tmp_path: Path) -> None:
    read, problems = _read(_file(tmp_path, [BASE, {**BASE, "notes": "再次"}, {**BASE, "amount": 1}]))
    assert [r.row for r in read] == [2, 4]
    [problem] = problems
    assert (problem.row, problem.column) == (3, VOUCHER) and "请填写凭证号区分" in problem.reason


def test_every_problem_of_every_row_is_collected(tmp_path: Path) -> None:
    rows = [{"unit_code": "340999", "spent_on": "昨天", "amount": 0, "purpose": ""},
            BASE,
            {**BASE, "spent_on": D(2027, 3, 1), "amount": 1.001}]
    read, problems = _read(_file(tmp_path, rows))
    assert [r.row for r in read] == [3]
    assert [(p.row, p.column) for p in problems] == [(2, UNIT), (2, DATE), (2, AMOUNT), (2, PURPOSE),
                                                     (4, DATE), (4, AMOUNT)]


def test_headers_may_use_half_width_brackets_and_come_in_any_order(tmp_path: Path) -> None:
    path = tmp_path / "自制.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet(SHEET)
    for col, text in enumerate(["备注", "用途", "金额 (元)", "单位代码", "支出日期", "凭证号", "经办人"]):
        sheet.write_string(0, col, text)
    for col, text in enumerate(["", "法律援助补贴", "2500", FEIXI, "2026-11-20", "", "张三"]):
        sheet.write_string(1, col, text)
    book.close()
    assert _read(path) == ([FundsRow(2, FEIXI, D(2026, 11, 20), 250_000, "法律援助补贴")], [])


def test_a_missing_header_refuses_the_file_naming_each_column(tmp_path: Path) -> None:
    path = tmp_path / "缺列.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet(SHEET)
    for col, text in enumerate([UNIT, DATE, PURPOSE, "备注"]):
        sheet.write_string(0, col, text)
    book.close()
    with pytest.raises(InputError) as refused:
        _read(path)
    assert [(p.sheet, p.row) for p in refused.value.problems] == [(SHEET, 1), (SHEET, 1)]
    assert "缺少列“金额（元）”" in str(refused.value) and "缺少列“凭证号”" in str(refused.value)


def test_a_workbook_without_the_sheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "别的表.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Sheet1")
    book.close()
    with pytest.raises(InputError, match="缺少工作表“经费支出”（现有：Sheet1）"):
        _read(path)


def test_a_corrupt_or_empty_file_is_refused(tmp_path: Path) -> None:
    corrupt = tmp_path / "坏.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(InputError, match="文件已损坏或不是 Excel"):
        _read(corrupt)
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="文件为空"):
        _read(empty)


# ---------------------------------------------------------------- one vocabulary with the other readers

@pytest.mark.parametrize("text", ["2026-6-20", "2026/6/20", "2026/06/20", "2026.6.20", "2026年6月20日",
                                  "2026 年 6 月 20 日", "２０２６年６月２０日", "20260620"])
def test_a_date_is_read_in_every_spelling_the_other_readers_accept(tmp_path: Path, text: str) -> None:
    [row], problems = _read(_file(tmp_path, [{**BASE, "spent_on": text}]))
    assert (row.spent_on, problems) == (D(2026, 6, 20), [])


BEYOND = "超过合理上限 10,000,000 元"
BAD_AMOUNTS = [("1e30 text", "1e30", BEYOND), ("1e30 number", 1e30, BEYOND), ("1E+400", "1E+400", BEYOND),
               ("9e15", 9e15, BEYOND), ("NaN", "NaN", "不是数字"), ("inf", "inf", "不是数字"),
               ("-Infinity", "-Infinity", "不是数字"), ("negative", "-0.01", "负数"),
               ("above the bound", 10_000_000.01, BEYOND)]


@pytest.mark.parametrize(("value", "reason"), [a[1:] for a in BAD_AMOUNTS], ids=[a[0] for a in BAD_AMOUNTS])
def test_an_impossible_amount_is_one_located_refusal_not_a_crash(tmp_path: Path, value: object,
                                                                 reason: str) -> None:
    rows, [problem] = _read(_file(tmp_path, [{**BASE, "amount": value}]))
    assert rows == []
    assert (problem.file, problem.sheet, problem.row, problem.column) == ("经费支出.xlsx", SHEET, 2, AMOUNT)
    assert reason in problem.reason


def test_the_instructions_list_every_accepted_date_form(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_file(tmp_path, []))[HELP_SHEET]
    text = "\n".join(str(c.value) for c in sheet["A"] if c.value)
    assert date_formats_text() in text
    assert "yyyy-mm-dd 填写" not in text


@pytest.mark.parametrize(("key", "column", "value", "reason"), [
    ("voucher", VOUCHER, "P" * 201, "最多 200 字"),
    ("notes", NOTES, "备" * 2001, "最多 2000 字"),
    ("purpose", PURPOSE, "费" * 201, "最多 200 字"),
], ids=["overlong voucher", "overlong notes", "overlong purpose"])
def test_overlong_free_text_is_refused_at_its_cell(tmp_path: Path, key: str, column: str, value: str,
                                                   reason: str) -> None:
    rows, [problem] = _read(_file(tmp_path, [{**BASE, key: value}]))
    assert rows == []
    assert (problem.sheet, problem.row, problem.column) == (SHEET, 2, column)
    assert reason in problem.reason


def test_a_unit_code_in_full_width_digits_is_the_unit(tmp_path: Path) -> None:
    [row], problems = _read(_file(tmp_path, [{**BASE, "unit_code": "３４０１２３"}]))
    assert (row.unit_code, problems) == (FEIXI, [])
