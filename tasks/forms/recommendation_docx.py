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
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.run import Run

from models.errors import Problem, fail
from models.forms import RecommendationForm
from tasks.file_kinds import check_docx_package
from tasks.forms.docx_text import GridCell, all_tables, table_rows
from tasks.forms.read_guard import reading
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
    **dict.fromkeys(("联系电话", "联系方式", "电话", "手机", "手机号码", "联系人电话"), "phone"),
    **dict.fromkeys(("单位基本情况", "基本情况"), "basic_situation"),
    "推荐理由": "reason",
    **dict.fromkeys(("各市总工会推荐意见", "市总工会推荐意见", "推荐意见"), "city_opinion"),
    "盖章日期": "stamped_on",
    **dict.fromkeys(("推荐城市", "推荐市"), "city_name"),
    **dict.fromkeys(("县（区）行政区划代码", "行政区划代码", "区划代码", "县（区）代码"), "unit_code"),
}
NOT_WORD = "无法读取：文件已损坏或不是 Word（.docx）文件（旧版 .doc 请在 Word/WPS 中另存为 .docx）"
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
    """The document at `path`; a missing, empty, oversized, mislabelled or damaged file is an InputError."""
    if not path.is_file():
        raise fail(path.name, "文件不存在")
    if path.stat().st_size == 0:
        raise fail(path.name, "文件为空")
    check_docx_package(path, path.name)
    with reading(path.name, NOT_WORD):
        document = docx.Document(str(path))
        if document.element.body is None:
            raise ValueError("no body")
    return document


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
    """The filled-in 附件1 form as Word shows it; every missing or malformed field is reported at once."""
    with reading(path.name):
        values = _form_values(open_docx(path).element.body, path.name)
    contact = " ".join(v for v in (values.pop("contact", ""), values.pop("phone", "")) if v)
    name, phone = split_contact(contact)
    values.update(contact_name=name, contact_phone=phone)

    def problem(column: str, reason: str) -> Problem:
        return Problem(path.name, reason, column=column)

    result = build_form(values, FIELD_LABELS, problem)
    if isinstance(result, list):
        raise_if(result)
    return result


def _form_values(body: BaseOxmlElement, file: str) -> dict[str, str]:
    """Field -> text of the table with the most recognised row labels (nested tables too)."""
    tables = all_tables(body)
    best = max((_table_values(table_rows(t)) for t in tables), key=len, default={})
    if best:
        return best
    where = "文件中没有表格" if not tables else f"文件中的 {len(tables)} 个表格都没有这些行"
    raise fail(file, f"未找到推荐表表格（应含“项目实施单位名称”“推荐理由”等行；{where}）",
               hint="，可用 legalcap template recommendation 生成模板")


def _table_values(rows: list[list[GridCell]]) -> dict[str, str]:
    """Field -> text: a label's value is the cell to its right, else the cell below (labels in a
    header row), or the text after “标签：” in the label's own cell. A label merged down several rows
    collects the values beside each of them."""
    values: dict[str, str] = {}
    for r, row in enumerate(rows):
        for i, cell in enumerate(row):
            key = _key_above(rows, r, cell) if cell.continued else label_key(cell.text)
            inline = None if key else _inline_label(cell.text)
            if inline:
                key, value = inline
            elif key:
                value = _value(rows, r, i)
            else:
                continue
            if cell.continued and key in values and value:
                values[key] += "\n" + value
            values.setdefault(key, value)
    return values


def _cell_at(row: list[GridCell], col: int) -> GridCell | None:
    return next((c for c in row if c.col <= col < c.col + c.span), None)


def _key_above(rows: list[list[GridCell]], r: int, cell: GridCell) -> str | None:
    """The label of the cell a vertically merged cell continues."""
    for up in range(r - 1, -1, -1):
        above = _cell_at(rows[up], cell.col)
        if above is None:
            return None
        if not above.continued:
            return label_key(above.text)
    return None


def _value(rows: list[list[GridCell]], r: int, i: int) -> str:
    """The value of the label at rows[r][i]: the next cell of the row, else the cell below."""
    row, cell = rows[r], rows[r][i]
    right = row[i + 1] if i + 1 < len(row) else None
    if right is not None and label_key(right.text) is None and not right.continued:
        return right.text
    if right is not None and right.continued:
        return ""
    below = _cell_at(rows[r + 1], cell.col) if r + 1 < len(rows) else None
    if below is not None and not below.continued and label_key(below.text) is None:
        return below.text
    return ""


def _inline_label(text: str) -> tuple[str, str] | None:
    """(field, value) from one cell holding “标签：内容” or the label on its first line."""
    match = re.match(r"\s*([^:：\n]{2,20}?)\s*(?:[:：]|\n)\s*(.+)", text, re.DOTALL)
    if match and (key := label_key(match[1])) and match[2].strip():
        return key, match[2].strip()
    return None


def label_key(text: str) -> str | None:
    """The field a row label names, tolerating blanks and line breaks inside it, half-width brackets,
    required marks (*, ★) and a trailing colon, “（盖章）” or “（必填）”."""
    flat = re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）").strip("*＊★※:：")
    return LABEL_KEYS.get(flat.removesuffix("（盖章）").removesuffix("（必填）").strip("*＊★※:："))


def as_date_text(day: dt.date | None) -> str:
    """2026年5月8日, or '' for none."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
