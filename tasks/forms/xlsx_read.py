"""Reading spreadsheets people filled in (python-calamine), with errors that say where.

Every reader goes through `read_workbook`: it refuses what is not an .xlsx with what the file really is,
reads only the columns and rows a form can use (memory bounded whatever a stray cell says), puts error
values (#DIV/0!, #N/A …) back as CellError and repeats a vertically merged value down its rows, as a
person sees it. `guard_reader` turns anything a library raises on a damaged file into one Chinese line.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from models.errors import InputError, Problem, fail
from models.text_clean import visible_text
from models.values.cells import CellError as CellError  # re-exported: readers import them from here
from models.values.cells import cell_error as cell_error
from models.values.cells import cell_text
from models.values.dates import EARLIEST_DATE as EARLIEST_DATE
from models.values.dates import LATEST_DATE as LATEST_DATE
from models.values.dates import parse_date
from tasks.forms.read_guard import reading
from tasks.forms.xlsx_scan import MAX_DATA_ROWS, NOT_XLSX, BookScan, SheetScan, scan_workbook

COPY_SUFFIX = re.compile(r"\(\d{1,3}\)$")   # Excel names a copied sheet “法治宣传教育 (2)”

R = TypeVar("R")


class Book(dict):
    """Sheet name → rows of cell values (Excel's own row numbers: rows[0] is row 1); `hidden` names."""

    hidden: frozenset[str] = frozenset()


def shown(path: Path) -> str:
    return path.name


def guard_reader(read: Callable[..., R]) -> Callable[..., R]:
    """Last resort around a reader: a library error on a damaged file becomes 无法读取 (exit 2)."""
    @functools.wraps(read)
    def guarded(path: Path, *args: Any, **kwargs: Any) -> R:
        with reading(shown(Path(path)), NOT_XLSX):
            return read(path, *args, **kwargs)
    return guarded


def read_workbook(path: Path) -> Book:
    """Every worksheet as rows of cell values; a missing, corrupt or unreadable file is an InputError."""
    if not path.is_file():
        raise fail(shown(path), "文件不存在")
    if path.stat().st_size == 0:
        raise fail(shown(path), "文件为空")
    scan = scan_workbook(path)
    try:
        return _read(path, scan)
    except InputError:
        raise
    except Exception:  # calamine raises several types for a damaged or non-xlsx file
        raise fail(shown(path), NOT_XLSX) from None


def _read(path: Path, scan: BookScan) -> Book:
    source = io.BytesIO(scan.trimmed) if scan.trimmed is not None else str(path)
    workbook = CalamineWorkbook.from_object(source)
    book, hidden = Book(), set()
    for meta in workbook.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue
        found = scan.sheets.get(meta.name, SheetScan())
        if found.beyond_last_row:
            raise fail(shown(path), f"在 {found.beyond_last_row} 有内容，超出可读取的范围（每个工作表最多 "
                       f"{MAX_DATA_ROWS:,} 行数据）：如是误填请删除该内容，数据过多请拆分为多个文件分别导入",
                       sheet=meta.name)
        sheet = workbook.get_sheet_by_name(meta.name)
        # keep leading empty rows/columns so reported row numbers are Excel's own
        rows = sheet.to_python(skip_empty_area=False)
        _put_errors(rows, found.errors)
        _fill_merged(rows, sheet.merged_cell_ranges or ())
        book[meta.name] = rows
        if meta.visible != SheetVisibleEnum.Visible:
            hidden.add(meta.name)
    book.hidden = frozenset(hidden)
    return book


def _put_errors(rows: list[list], errors: dict[tuple[int, int], str]) -> None:
    """Error values back where python-calamine left empty text."""
    for (row, col), code in errors.items():
        if row < len(rows) and col < len(rows[row]):
            rows[row][col] = CellError(code)


def _fill_merged(rows: list[list], ranges: Iterable[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """A value merged over several data rows is read in each of them (its first column), as people see it."""
    for (top, left), (bottom, _right) in ranges:
        if top == 0 or bottom <= top or top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for row in rows[top + 1:bottom + 1]:
            if left < len(row) and row[left] in ("", None):
                row[left] = value


def require_sheet(book: dict[str, list[list]], name: str, path: Path) -> list[list]:
    if name not in book:
        raise fail(shown(path), f"缺少工作表“{name}”（现有：{'、'.join(book) or '无'}）")
    return book[name]


def header_columns(
    rows: list[list], required: list[str], path: Path, sheet: str, header_row: int = 1
) -> dict[str, int]:
    """Column index of each required header (row `header_row`, 1-based); unknown/missing named."""
    if len(rows) < header_row:
        raise fail(shown(path), "缺少表头行", sheet=sheet, row=header_row)
    header = [cell_text(c) for c in rows[header_row - 1]]
    missing = [h for h in required if h not in header]
    if missing:
        problems = [Problem(shown(path), f"缺少列“{h}”（表头应为：{'、'.join(required)}）",
                            sheet=sheet, row=header_row) for h in missing]
        raise InputError(problems)
    return {h: header.index(h) for h in required}


def cell_date(value: object) -> dt.date | None:
    """A date cell, an Excel date serial or date text (every form of models.values.dates); None when empty.

    ValueError (a ValueProblem with the Chinese reason) when not a date or outside 2000–2099.
    """
    return parse_date(value)


# ---------------------------------------------------------------- which sheet is which


def sheet_key(name: str) -> str:
    """A sheet name as matched: what a reader sees, half-width, no spaces, no Excel copy suffix “ (2)”."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", visible_text(name)))
    return COPY_SUFFIX.sub("", text) or text


def header_key(value: object) -> str:
    """A header cell as matched: no spaces, no ★, full-width brackets."""
    text = re.sub(r"\s+", "", cell_text(value)).removesuffix("★")
    return text.replace("(", "（").replace(")", "）")


def match_sheets(book: Book, expected: Iterable[str], path: Path, *, ignored: Iterable[str] = (),
                 headers: dict[str, Iterable[str]] | None = None) -> tuple[dict[str, str], list[Problem]]:
    """Expected sheet name → the workbook's sheet taken for it (obvious variants accepted), and problems.

    A sheet is taken when its name matches once spaces, invisible characters, half/full-width forms and
    Excel's copy suffix are set aside. A visible sheet that matches no name but holds the form's columns
    is refused (its rows would be lost silently), naming the expected sheets; so are two sheets for one
    name. Other sheets (a person's notes or sums) are left alone.
    """
    wanted = {sheet_key(name): name for name in expected}
    skip = {sheet_key(name) for name in ignored}
    taken: dict[str, str] = {}
    problems: list[Problem] = []
    listing = "、".join(wanted.values())
    for actual, rows in book.items():
        key = sheet_key(actual)
        if key in wanted:
            first = taken.setdefault(wanted[key], actual)
            if first != actual:
                problems.append(Problem(shown(path), f"工作表“{first}”和“{actual}”都是“{wanted[key]}”："
                                        "请只保留一个（合并其中的行）", sheet=actual))
        elif key not in skip and actual not in book.hidden and _looks_like_form(rows, headers):
            problems.append(Problem(shown(path), _unknown_sheet_reason(actual, rows, listing, headers),
                                    sheet=actual))
    return taken, problems


def _looks_like_form(rows: list[list], headers: dict[str, Iterable[str]] | None) -> bool:
    """True when a sheet holds data for the form: two of its headers in row 1 (any content without them)."""
    if headers is None:
        return any(cell_text(cell) for row in rows for cell in row)
    known = {header_key(h) for required in headers.values() for h in required}
    return bool(rows) and len(known & {header_key(c) for c in rows[0]}) >= 2


def _unknown_sheet_reason(actual: str, rows: list[list], listing: str,
                          headers: dict[str, Iterable[str]] | None) -> str:
    present = {header_key(c) for c in rows[0]} if rows else set()
    for name, required in (headers or {}).items():
        if present >= {header_key(h) for h in required}:
            return (f"工作表名称“{actual}”不是模板的名称，但表头与“{name}”相同："
                    f"请把工作表名称改回“{name}”后再导入")
    return (f"工作表“{actual}”不是本表格的工作表（工作表名称应为：{listing}）："
            "如其中是要导入的内容，请放入对应的工作表或把名称改回模板的名称；否则请删除该工作表")
