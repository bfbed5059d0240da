"""Reading cells as a person sees them: text, numbers, dates, amounts, sheet names; and the pre-read scan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from models.errors import InputError
from models.values import parse_fen
from tasks.forms.ledger_xlsx import rejects_path
from tasks.forms.xlsx_read import CellError, cell_date, cell_error, cell_text, read_workbook, sheet_key
from tasks.forms.xlsx_scan import MAX_COLUMNS, column_letters, column_number


def test_a_cell_reads_as_shown_without_invisible_characters_or_float_noise() -> None:
    assert cell_text("\u200b340123\ufeff") == "340123"
    assert cell_text(" 普法\x01讲座 ") == "普法讲座"
    assert cell_text(28285.420000000002) == "28285.42"
    assert cell_text(340123.0) == "340123"
    assert cell_text(True) == "TRUE"
    assert cell_text(1e30) == "1e+30"


@pytest.mark.parametrize(("value", "day"), [
    (46174.0, dt.date(2026, 6, 1)), ("2026年6月1日", dt.date(2026, 6, 1)), ("2026/6/1", dt.date(2026, 6, 1)),
    ("２０２６－０６－０１", dt.date(2026, 6, 1)), ("20260601", dt.date(2026, 6, 1)),
    (dt.datetime(2026, 6, 1, 13, 5), dt.date(2026, 6, 1)), ("", None),
])
def test_dates_are_read_in_the_ways_people_write_them(value: object, day: dt.date | None) -> None:
    assert cell_date(value) == day


@pytest.mark.parametrize(("value", "reason"), [
    (dt.date(9999, 12, 31), "不合理"), (dt.date(1900, 1, 1), "不合理"), (2.5, "不是有效日期"),
    (dt.time(0, 0), "不是日期"), (CellError("#N/A"), "错误值 #N/A"), ("明天", "不是有效日期"),
])
def test_implausible_dates_and_error_values_are_refused_with_a_reason(value: object, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        cell_date(value)


@pytest.mark.parametrize(("value", "fen"), [
    (28285.420000000002, 2828542), ("１６,８００.００元", 1680000), ("￥1,200", 120000), (-0.0, 0),
])
def test_amounts_are_taken_as_shown(value: object, fen: int) -> None:
    assert parse_fen(value) == fen


@pytest.mark.parametrize("value", [1e30, "1e30", 9e15, "-1e40", "NaN", "inf", True, CellError("#DIV/0!")])
def test_amounts_beyond_any_figure_or_not_numbers_are_a_value_error_not_a_crash(value: object) -> None:
    with pytest.raises(ValueError):
        parse_fen(value)


def test_only_error_values_carry_an_error_reason() -> None:
    assert "#REF!" in cell_error(CellError("#REF!")) and cell_error("#REF!") == "" and cell_error(None) == ""


def test_sheet_names_match_whatever_spaces_widths_or_copy_suffix_they_carry() -> None:
    names = ("法治宣传教育 ", "法治宣传\u200b教育", "法治宣传教育 (2)", "法治宣传教育（2）",
             "\u3000法治宣传教育")
    assert {sheet_key(n) for n in names} == {"法治宣传教育"}
    assert sheet_key("Sheet1") != sheet_key("法治宣传教育")


def test_column_letters_and_numbers_agree() -> None:
    assert (column_number("A"), column_number("AN"), column_number("XFD")) == (1, MAX_COLUMNS, 16384)
    assert all(column_number(column_letters(n)) == n for n in (1, 26, 27, 40, 702, 16384))


def test_the_rejects_name_of_a_long_file_fits_255_bytes() -> None:
    source = Path("/tmp") / ("台" * 81 + "xx.xlsx")
    assert len(source.name.encode()) == 250
    name = rejects_path(source).name
    assert len(name.encode()) <= 255 and name.endswith(".rejects.xlsx") and name.startswith("台" * 78)


def test_a_stray_value_far_right_is_left_out_and_one_far_down_refused_with_its_place(tmp_path: Path) -> None:
    right, down = tmp_path / "right.xlsx", tmp_path / "down.xlsx"
    for path, cell in ((right, "XFD3"), (down, "B300000")):
        book = openpyxl.Workbook()
        book.active.append(["单位代码", "日期"])
        book.active[cell] = "x"
        book.save(str(path))
    assert read_workbook(right)["Sheet"] == [["单位代码", "日期"]]
    with pytest.raises(InputError, match="B300000"):
        read_workbook(down)


def test_error_values_come_back_where_calamine_left_empty_text(tmp_path: Path) -> None:
    path = tmp_path / "errors.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["#DIV/0!", "", "#N/A"])
    book.save(str(path))
    row = read_workbook(path)["Sheet"][0]
    assert [str(v) for v in row] == ["#DIV/0!", "", "#N/A"] and isinstance(row[0], CellError)


def test_a_merged_value_counts_in_each_data_row_it_covers(tmp_path: Path) -> None:
    path = tmp_path / "merged.xlsx"
    book = openpyxl.Workbook()
    for row in (["日期", "事项"], ["2026-06-01", "甲"], [None, "乙"], [None, "丙"]):
        book.active.append(row)
    book.active.merge_cells("A2:A4")
    book.save(str(path))
    assert [row[0] for row in read_workbook(path)["Sheet"]] == ["日期", *["2026-06-01"] * 3]
