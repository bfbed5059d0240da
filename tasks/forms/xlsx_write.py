"""The cell formats every workbook legalcap writes shares (宋体, grey bold headers, date cells …)."""

from __future__ import annotations

from typing import Any

BASE = {"font_name": "宋体", "font_size": 11, "valign": "vcenter"}
_HEAD = {**BASE, "bold": True, "border": 1, "align": "center", "text_wrap": True}
_SPECS: dict[str, dict] = {
    "header": {**_HEAD, "bg_color": "#D9D9D9"},
    "personal_header": {**_HEAD, "bg_color": "#F8CBAD", "font_color": "#9C0006"},
    "problem_header": {**_HEAD, "bg_color": "#FFC7CE", "font_color": "#9C0006"},
    "text": {**BASE, "num_format": "@"},
    "wrap": {**BASE, "text_wrap": True},
    "note": {**BASE, "font_color": "#595959", "text_wrap": True},
    "label": {**BASE, "bold": True},
    "title": {**BASE, "bold": True, "font_size": 14},
    "date": {**BASE, "num_format": "yyyy-mm-dd", "align": "left"},
    "int": {**BASE, "num_format": "0"},
    "money": {**BASE, "num_format": "#,##0.00"},
    "score": {**BASE, "num_format": "0.##"},
    "total": {**BASE, "num_format": "0.00", "bg_color": "#F2F2F2"},
    "number": BASE,
    "problem": {**BASE, "font_color": "#9C0006", "text_wrap": True},
}


def workbook_formats(book: Any) -> dict[str, Any]:
    """Register the shared formats on an xlsxwriter workbook; keyed by name."""
    return {name: book.add_format(spec) for name, spec in _SPECS.items()}


def write_help_sheet(book: Any, fmt: dict[str, Any], name: str, title: str,
                     sections: list[tuple[str, list[str]]] | tuple, width: int = 120) -> None:
    """The 填写说明 sheet: a title, then a bold heading and its lines per section."""
    sheet = book.add_worksheet(name)
    sheet.set_column(0, 0, width)
    sheet.write_string(0, 0, title, fmt["title"])
    row = 2
    for heading, lines in sections:
        sheet.write_string(row, 0, heading, fmt["label"])
        for line in lines:
            row += 1
            sheet.write_string(row, 0, line, fmt["wrap"])
        row += 2
