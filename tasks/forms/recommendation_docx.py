"""附件1 实施项目单位推荐表 as a Word document: the template (blank or filled) and reading it back."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Row
from docx.text.run import Run

from models.errors import Problem, fail
from models.forms import RecommendationForm
from tasks.forms.recommendation import build_form, raise_if, split_contact

TITLE = "实施项目单位推荐表"
BODY_FONT, TITLE_FONT = "宋体", "黑体"
UNIT, CONTACT, BASIC = "项目实施单位名称", "联系人和联系方式", "单位基本情况"
REASON, OPINION, DATE = "推荐理由", "各市总工会推荐意见（盖章）", "盖章日期"
CITY, CODE = "推荐城市", "县（区）行政区划代码"
ROW_LABELS = (UNIT, CONTACT, BASIC, REASON, OPINION, DATE, CITY, CODE)   # the notice's five, then ours
NOTE = ("注：“县（区）行政区划代码”填 6 位 GB/T 2260 行政区划代码（如肥西县 340123），单位名称能唯一确定"
        "县（区）时可留空；“盖章日期”写作 2026年5月8日 或 2026-05-08。")
FIELD_LABELS = {   # RecommendationForm field -> the row a problem with it is reported on
    "unit_name": UNIT, "contact_name": CONTACT, "contact_phone": CONTACT, "basic_situation": BASIC,
    "reason": REASON, "city_opinion": OPINION, "stamped_on": DATE, "city_name": CITY, "unit_code": CODE,
    "stamped_by": OPINION,
}
# Row labels as written (whitespace and a trailing “（盖章）” or colon removed) -> field.
LABEL_KEYS = {
    **dict.fromkeys(("项目实施单位名称", "实施单位名称", "项目实施单位", "单位名称"), "unit_name"),
    **dict.fromkeys(("联系人和联系方式", "联系人及联系方式", "联系人和电话", "联系人及电话", "联系人"),
                    "contact"),
    **dict.fromkeys(("单位基本情况", "基本情况"), "basic_situation"),
    "推荐理由": "reason",
    **dict.fromkeys(("各市总工会推荐意见", "市总工会推荐意见", "推荐意见"), "city_opinion"),
    "盖章日期": "stamped_on",
    **dict.fromkeys(("推荐城市", "推荐市"), "city_name"),
    **dict.fromkeys(("县（区）行政区划代码", "行政区划代码", "区划代码", "县（区）代码"), "unit_code"),
}
TALL_ROWS = {BASIC: 5.0, REASON: 5.0, OPINION: 4.0}   # minimum height (cm) of the rows people write in


def chinese_document() -> Document:
    """A new A4 document whose body text is 宋体 小四, also for East Asian characters (WPS/Word)."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    return document


def styled(run: Run, font: str = BODY_FONT, size: float | None = None, *, bold: bool = False,
           italic: bool = False, grey: bool = False) -> Run:
    """Give a run a font for Latin and East Asian text, and optional size, weight, slant, grey."""
    run.font.name = font
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if size:
        run.font.size = Pt(size)
    run.font.bold, run.font.italic = bold or None, italic or None
    if grey:
        run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
    return run


def add_title(document: Document, text: str) -> None:
    """A centred 黑体 二号 title line."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styled(paragraph.add_run(text), TITLE_FONT, 22)


def open_docx(path: Path) -> Document:
    """The document at `path`; a missing, empty or non-Word file is an InputError in Chinese."""
    if not path.is_file():
        raise fail(path.name, "文件不存在")
    if path.stat().st_size == 0:
        raise fail(path.name, "文件为空")
    try:
        return docx.Document(str(path))
    except Exception:  # PackageNotFoundError, BadZipFile, KeyError, ValueError, lxml errors …
        raise fail(path.name, "无法读取：文件已损坏或不是 Word（.docx）文件"
                              "（旧版 .doc 请在 Word/WPS 中另存为 .docx）") from None


def write_recommendation_docx(path: Path, form: RecommendationForm | None = None) -> None:
    """The 附件1 form as .docx: blank template when `form` is None, else filled in."""
    document = chinese_document()
    document.add_paragraph().add_run("附件1")
    add_title(document, TITLE)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in zip(ROW_LABELS, _values(form), strict=True):
        _add_row(table, label, value)
    styled(document.add_paragraph().add_run(NOTE), size=9)
    document.save(str(path))


def _values(form: RecommendationForm | None) -> list[str]:
    """The text of each row, in ROW_LABELS order."""
    if form is None:
        return [""] * len(ROW_LABELS)
    contact = f"{form.contact_name} {form.contact_phone}".strip()
    return [form.unit_name, contact, form.basic_situation, form.reason, form.city_opinion,
            as_date_text(form.stamped_on), form.city_name, form.unit_code]


def _add_row(table: Table, label: str, value: str) -> None:
    """One label | value row; the label column narrow, long rows at least TALL_ROWS high."""
    row = table.add_row()
    if label in TALL_ROWS:
        row.height, row.height_rule = Cm(TALL_ROWS[label]), WD_ROW_HEIGHT_RULE.AT_LEAST
    head, cell = row.cells
    head.width, cell.width = Cm(3.6), Cm(12.0)
    head.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    styled(head.paragraphs[0].add_run(label), bold=True)
    lines = value.split("\n")
    cell.paragraphs[0].add_run(lines[0])
    for line in lines[1:]:
        cell.add_paragraph(line)


def read_recommendation_docx(path: Path) -> RecommendationForm:
    """The filled-in 附件1 form; every missing or malformed field is reported at once."""
    values = _form_values(open_docx(path))
    if values is None:
        raise fail(path.name, "未找到推荐表表格（应含“项目实施单位名称”“推荐理由”等行）")
    name, phone = split_contact(values.pop("contact", ""))
    values.update(contact_name=name, contact_phone=phone)

    def problem(column: str, reason: str) -> Problem:
        return Problem(path.name, reason, column=column)

    result = build_form(values, FIELD_LABELS, problem)
    if isinstance(result, list):
        raise_if(result)
    return result


def _form_values(document: Document) -> dict[str, str] | None:
    """Field -> text of the table with the most recognised row labels; None when no table has any."""
    found = [_table_values(table) for table in document.tables]
    best = max(found, key=len, default={})
    return best or None


def _table_values(table: Table) -> dict[str, str]:
    """Field -> text, from every label cell and the cell to its right (2- or 4-column layouts)."""
    values: dict[str, str] = {}
    for row in table.rows:
        cells = _unique_cells(row)
        for i, cell in enumerate(cells):
            key = label_key(cell.text)
            if key and key not in values:
                nxt = cells[i + 1].text if i + 1 < len(cells) else ""
                values[key] = "" if label_key(nxt) else nxt
    return values


def _unique_cells(row: _Row) -> list:
    """The row's cells, a merged cell once."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def label_key(text: str) -> str | None:
    """The field a row label names, tolerating spaces/line breaks inside it and half-width brackets."""
    flat = re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）").rstrip(":：")
    return LABEL_KEYS.get(flat.removesuffix("（盖章）").rstrip(":："))


def as_date_text(day: dt.date | None) -> str:
    """2026年5月8日, or '' for none."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
