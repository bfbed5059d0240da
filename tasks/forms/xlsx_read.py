"""Reading spreadsheets people filled in (python-calamine), with errors that say where."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from python_calamine import CalamineWorkbook

from models.errors import Problem, fail


def shown(path: Path) -> str:
    return path.name


def read_workbook(path: Path) -> dict[str, list[list]]:
    """Every sheet as rows of cell values; a missing or corrupt file is an InputError."""
    if not path.is_file():
        raise fail(shown(path), "文件不存在")
    if path.stat().st_size == 0:
        raise fail(shown(path), "文件为空")
    try:
        book = CalamineWorkbook.from_path(str(path))
        # keep leading empty rows/columns so reported row numbers are Excel's own
        sheets = {name: book.get_sheet_by_name(name) for name in book.sheet_names}
        return {name: sheet.to_python(skip_empty_area=False) for name, sheet in sheets.items()}
    except Exception:  # calamine raises several types for a damaged or non-xlsx file
        raise fail(shown(path), "无法读取：文件已损坏或不是 Excel（.xlsx）文件") from None


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
    header = [str(c).strip() for c in rows[header_row - 1]]
    missing = [h for h in required if h not in header]
    if missing:
        problems = [Problem(shown(path), f"缺少列“{h}”（表头应为：{'、'.join(required)}）",
                            sheet=sheet, row=header_row) for h in missing]
        from models.errors import InputError

        raise InputError(problems)
    return {h: header.index(h) for h in required}


def cell_text(value: object) -> str:
    """A cell as trimmed text ('' for empty); whole floats lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_date(value: object) -> dt.date | None:
    """A date cell or YYYY-MM-DD text; None when empty; ValueError when not a date."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    return dt.date.fromisoformat(text)
