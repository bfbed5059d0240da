"""What a received file is, and whose: by its content first (sheets and headers of a workbook, the title
of a document), then by its file name, then by the mail's subject; held when none of them tells."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.enums import ArchiveKind
from models.intake import IntakeKind
from models.intake_keywords import file_stem, flat, named_kind
from models.ledger_schema import COMMON_HEAD, SHEETS
from tasks.file_kinds import sniff
from tasks.forms import funds_xlsx, procurement_xlsx, recommendation_xlsx
from tasks.forms.unit_code import named_counties
from tasks.forms.xlsx_read import header_key, sheet_key
from tasks.forms.xlsx_scan import MAX_FILE_BYTES

TITLE_LINES = 4          # a document's title is among its first non-empty lines (附件2, title …)
MIN_HEADERS = 3          # a renamed sheet is recognised by at least this many of a form's headers
HEADINGS = ("目标任务", "工作基础", "具体方案")   # 附件2's three parts
TEXT_SUFFIXES = (".txt", ".md")
UNREADABLE = {
    "encrypted": "文件设有打开密码（已加密），无法读取：请取消密码后另存，再重新报送",
    "damaged-zip": "文件已损坏，无法读取：请重新保存或重新导出后再报送",
}
MAX_UNPACKED_FOR_HEADERS = 64 << 20   # a zip bomb is not opened to look at its header rows
MAX_SHEETS = 20          # header rows read from at most this many sheets of an unknown workbook

# sheet names of each workbook template (as sheet_key matches them)
SHEET_NAMES: dict[IntakeKind, frozenset[str]] = {
    IntakeKind.recommendation: frozenset({sheet_key(recommendation_xlsx.SHEET)}),
    IntakeKind.procurement: frozenset(sheet_key(s) for s in procurement_xlsx.DATA_SHEETS),
    IntakeKind.ledger: frozenset(sheet_key(s.name) for s in SHEETS),
    IntakeKind.funds: frozenset({sheet_key(funds_xlsx.SHEET)}),
}
# header rows of each template (a sheet renamed by a person still has them)
HEADER_SETS: dict[IntakeKind, frozenset[str]] = {
    IntakeKind.recommendation: frozenset(map(header_key, recommendation_xlsx.REQUIRED)),
    IntakeKind.procurement: frozenset(map(header_key, (*procurement_xlsx.CANDIDATE_HEADERS,
                                                       *procurement_xlsx.TEAM_HEADERS,
                                                       *procurement_xlsx.TASK_HEADERS))),
    IntakeKind.ledger: frozenset(header_key(c.header) for c in COMMON_HEAD),
    IntakeKind.funds: frozenset(map(header_key, funds_xlsx.HEADERS)),
}


@dataclass(frozen=True)
class Sniffed:
    """A file's kind (None: held), the archive kind of a 采购档案, a unit its content names, and how told."""

    kind: IntakeKind | None
    archive_kind: ArchiveKind | None = None
    unit: str | None = None
    by: str = ""             # content / name / subject
    reason: str = ""         # why held
    unreadable: str = ""     # why no one can read it (encrypted, damaged): a refusal, not a hold


def classify(path: Path, name: str, subject: str = "") -> Sniffed:
    """The kind of the file at `path` (shown as `name`), told by content, else name, else subject."""
    real = _real_kind(path)
    lines = [ln for ln in _document_lines(path, real) if ln.strip()]
    by_content = _workbook_kind(path) if real == "xlsx" else document_kind(lines)
    unit = named_unit(lines[:TITLE_LINES] + [ln for ln in lines if "实施单位" in ln])
    if by_content is not None:
        return Sniffed(by_content[0], by_content[1], unit, "content")
    for told, text in (("name", file_stem(name)), ("subject", subject)):
        if (named := named_kind(text)) is not None:
            return Sniffed(named[0], named[1], unit, told)
    return Sniffed(None, unit=unit, reason=_held_reason(real), unreadable=UNREADABLE.get(real, ""))


def _held_reason(real: str) -> str:
    if real == "zip":
        return "压缩包须解压后识别其中的文件"
    return "无法从文件内容、文件名或邮件主题确定是哪一类材料"


def _real_kind(path: Path) -> str:
    """What the file really is (docx, xlsx, pdf, ole, zip …), 'other' when it cannot be read."""
    try:
        return sniff(path)
    except OSError:
        return "other"


# ---------------------------------------------------------------- workbooks


def sheet_name_kinds(names: list[str]) -> list[IntakeKind]:
    """The templates whose sheet names the workbook has (several: the province decides)."""
    keys = {sheet_key(name) for name in names}
    return [kind for kind, wanted in SHEET_NAMES.items() if keys & wanted]


def workbook_kind(sheets: dict[str, list[str]]) -> tuple[IntakeKind, None] | None:
    """The template a workbook follows, by its sheet names, else by the header row of a sheet."""
    by_name = sheet_name_kinds(list(sheets))
    if by_name:
        return (by_name[0], None) if len(by_name) == 1 else None
    by_header = {kind for headers in sheets.values() if (kind := header_kind(headers))}
    return (by_header.pop(), None) if len(by_header) == 1 else None


def header_kind(headers: list[str]) -> IntakeKind | None:
    """The template whose header row shares the most (at least MIN_HEADERS) cells with `headers`."""
    present = {header_key(h) for h in headers}
    scored = sorted(((len(present & wanted), kind) for kind, wanted in HEADER_SETS.items()), reverse=True)
    best, kind = scored[0]
    return kind if best >= MIN_HEADERS and best > scored[1][0] else None


def _workbook_kind(path: Path) -> tuple[IntakeKind, None] | None:
    """By sheet names (cheap: the workbook's index only), else by the header rows of its first sheets."""
    from python_calamine import CalamineWorkbook

    if path.stat().st_size > MAX_FILE_BYTES:
        return None                       # its importer says why
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
        if sheet_name_kinds(names):
            return workbook_kind({name: [] for name in names})
        if _unpacked_bytes(path) > MAX_UNPACKED_FOR_HEADERS:
            return None                   # too big to open just for a look: its name or subject tells
        return workbook_kind({name: _first_row(book, name) for name in names[:MAX_SHEETS]})
    except Exception:  # calamine raises several types on a damaged file: its importer says why
        return None


def _unpacked_bytes(path: Path) -> int:
    """The unpacked size of the workbook's parts, from the zip's directory (nothing is unpacked)."""
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


def _first_row(book: Any, name: str) -> list[str]:
    for row in book.get_sheet_by_name(name).iter_rows():
        return [str(cell) for cell in row]
    return []


# ---------------------------------------------------------------- documents


def document_kind(lines: list[str]) -> tuple[IntakeKind, ArchiveKind | None] | None:
    """The material a document's title (its first non-empty lines) names, or 附件2 by its three headings."""
    for line in lines[:TITLE_LINES]:
        if (named := named_kind(line)) is not None:
            return named
    found = {h for line in lines for h in HEADINGS if flat(line).lstrip("一二三、.．").startswith(h)}
    return (IntakeKind.workplan, None) if len(found) >= 2 else None


def _document_lines(path: Path, real: str) -> list[str]:
    """A .docx's lines as Word shows them, a .txt/.md's lines; [] otherwise or when it cannot be read."""
    from models.errors import InputError
    from tasks.forms.docx_text import block_lines
    from tasks.forms.recommendation_docx import open_docx
    from tasks.forms.text_decode import MAX_TEXT_BYTES, decode_text

    suffix = path.suffix.lower()
    try:
        if real == "docx":
            return block_lines(open_docx(path).element.body)
        if real == "other" and suffix in TEXT_SUFFIXES and path.stat().st_size <= MAX_TEXT_BYTES:
            text = decode_text(path.read_bytes(), path.name, legacy=suffix == ".txt")
            return [line.lstrip("#> ").strip() for line in text.splitlines()]
    except InputError:
        pass
    return []


def named_unit(texts: list[str]) -> str | None:
    """The code of the one county the texts name (肥西县总工会工作总结 → 340123), else None."""
    found = {c.code for text in texts for c in named_counties(flat(text))}
    return found.pop() if len(found) == 1 else None
