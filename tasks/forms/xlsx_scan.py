"""A look inside a workbook before python-calamine reads it: what the file really is, and its far cells.

python-calamine builds every sheet as one dense grid from A1 to the farthest cell holding a value, so one
stray value at XFD1048576 asks for half a terabyte and aborts the process. This scan reads each sheet's
XML once (a few literal searches; far cells are rare), so the reader can drop cells beyond the columns
any form uses, refuse rows beyond the row limit, and put back the error values (#DIV/0!, #N/A …) that
python-calamine turns into empty text.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from models.errors import fail

MAX_FILE_BYTES = 200 * 1024 * 1024      # the file itself
MAX_PART_BYTES = 512 * 1024 * 1024      # one unpacked sheet or shared-strings part
MAX_COLUMNS = 40                        # columns A..AN are read; cells beyond hold no form's data
MAX_DATA_ROWS = 200_000                 # data rows per sheet under the header row
MAX_ROW = MAX_DATA_ROWS + 1             # the last Excel row read

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
SAVE_AS = "请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再导入"
NOT_XLSX = "无法读取：文件已损坏或不是 Excel（.xlsx）文件"

# A cell or row reference worth a closer look: two or more column letters, or a row of 200000 or more.
# One literal-led search over the sheet; the exact checks below run only when it finds something.
_FAR_HINT = re.compile(rb'r=["\'](?:[A-Z](?:[A-Z]|[2-9]\d{5}|\d{7})|[2-9]\d{5}|\d{7})')
_ANY_ROW = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br=["\'](\d{1,9})["\']')
_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br=["\']([A-Z]{1,4})(\d{1,9})["\'][^>]*?(?:/>|>.*?</(?:\w+:)?c>)',
                   re.DOTALL)
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\s([^>]*?\bt=["\']e["\'][^>]*)>(.*?)</(?:\w+:)?c>', re.DOTALL)
_REF_ATTR = re.compile(rb'\br=["\']([A-Z]{1,4})(\d{1,9})["\']')
_VALUE = re.compile(rb'<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>')
_HAS_VALUE = re.compile(rb'<(?:\w+:)?(?:v|is)[\s>]')


@dataclass
class SheetScan:
    """What the scan found in one sheet: error cells (0-based row, col → code) and cells out of range."""

    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    far_columns: bool = False           # values beyond MAX_COLUMNS: the sheet is read from a trimmed copy
    beyond_last_row: str = ""           # the first cell holding a value below MAX_ROW (e.g. "A1048576")


@dataclass
class BookScan:
    """The scan of a whole .xlsx: per sheet name, and the bytes to read instead when trimmed."""

    sheets: dict[str, SheetScan] = field(default_factory=dict)
    trimmed: bytes | None = None


def column_number(letters: str) -> int:
    """'A' → 1, 'AN' → 40, 'XFD' → 16384."""
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def column_letters(number: int) -> str:
    """1 → 'A', 40 → 'AN'."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def scan_workbook(path: Path) -> BookScan:
    """Refuse what is not an .xlsx (with what it really is), too big or encrypted; else scan its sheets."""
    name = path.name
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 2**20
        raise fail(name, f"文件过大（{size / 1e6:.0f} MB，上限 {limit} MB），请拆分后分别导入")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(OLE_MAGIC):
        raise fail(name, _ole_reason(path))
    if not head.startswith(b"PK"):
        raise fail(name, _not_zip_reason(path))
    try:
        with zipfile.ZipFile(path) as archive:
            return _scan_archive(archive, name)
    except (zipfile.BadZipFile, ElementTree.ParseError, EOFError):
        raise fail(name, f"{NOT_XLSX}（压缩结构不完整），请重新保存或重新下载后再导入") from None


def _ole_reason(path: Path) -> str:
    """An OLE2 file is either an encrypted .xlsx or an old .xls."""
    with path.open("rb") as fh:
        data = fh.read(MAX_FILE_BYTES)
    if ENCRYPTED_MARK in data:
        return ("文件设有打开密码（已加密），无法读取：请在 Excel 中取消密码"
                "（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）并保存后再导入")
    return f"文件实为旧版 Excel 97-2003 工作簿（.xls），不是 .xlsx：{SAVE_AS}"


def _not_zip_reason(path: Path) -> str:
    """What a non-zip file handed in as .xlsx most likely is."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"%pdf"):
        return "文件实为 PDF 文档，不是 Excel 工作簿：请提交填写好的 .xlsx 文件"
    if text.startswith(b"<") and (b"<html" in text or b"<table" in text or b"<!doctype" in text):
        return f"文件实为网页（HTML），只是扩展名为 .xlsx（一些系统“导出 Excel”得到的就是网页）：{SAVE_AS}"
    if text.startswith(b"<"):
        return f"文件实为 XML 文本，不是 .xlsx 工作簿：{SAVE_AS}"
    if _looks_like_text(head):
        return f"文件实为文本文件（如 CSV），只是扩展名为 .xlsx：{SAVE_AS}"
    return NOT_XLSX


def _looks_like_text(head: bytes) -> bool:
    """True when the start of the file decodes as UTF-8 or GBK text without control bytes."""
    for encoding in ("utf-8", "gbk"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return all(ch in "\t\r\n" or ch >= " " for ch in text)
    return False


def _scan_archive(archive: zipfile.ZipFile, name: str) -> BookScan:
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        raise fail(name, _zip_reason(archive, names))
    parts = _sheet_parts(archive)
    book = BookScan()
    trimmed: dict[str, bytes] = {}
    for sheet, part in parts.items():
        if part not in names:
            continue
        data = _read_part(archive, part, name)
        book.sheets[sheet], trimmed_part = _scan_sheet(data)
        if trimmed_part is not None:
            trimmed[part] = trimmed_part
    if "xl/sharedStrings.xml" in names:
        _check_size(archive.getinfo("xl/sharedStrings.xml"), name)
    if trimmed:
        book.trimmed = _rezip(archive, trimmed)
    return book


def _zip_reason(archive: zipfile.ZipFile, names: set[str]) -> str:
    """What a zip that is not an .xlsx most likely is."""
    if "word/document.xml" in names:
        return "文件实为 Word 文档（.docx），只是扩展名为 .xlsx：请提交 Excel 工作簿"
    if "xl/workbook.bin" in names:
        return f"文件是 Excel 二进制工作簿（.xlsb），不是 .xlsx：{SAVE_AS}"
    if "mimetype" in names and b"spreadsheet" in archive.read("mimetype")[:200]:
        return f"文件是 OpenDocument 表格（.ods），不是 .xlsx：{SAVE_AS}"
    if "[Content_Types].xml" in names:
        return "文件是 Office 文档，但不是 Excel 工作簿（缺少工作簿内容）：请提交 .xlsx 文件"
    return "文件是 ZIP 压缩包，不是 Excel 工作簿：请解压后提交其中的 .xlsx 文件"


def _check_size(info: zipfile.ZipInfo, name: str) -> None:
    if info.file_size > MAX_PART_BYTES:
        size = info.file_size / 1e6
        raise fail(name, f"文件解压后过大（{size:.0f} MB），可能不是正常的工作簿，请拆分后再导入")


def _read_part(archive: zipfile.ZipFile, part: str, name: str) -> bytes:
    """One part unpacked, refusing more than MAX_PART_BYTES whatever the zip's directory claims."""
    info = archive.getinfo(part)
    _check_size(info, name)
    with archive.open(info) as fh:
        data = fh.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise fail(name, "文件解压后过大，可能不是正常的工作簿，请拆分后再导入")
    return data


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the zip (xl/worksheets/sheet1.xml), from workbook.xml and its rels."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    try:
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts = {}
    for sheet in workbook.iter():
        if sheet.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rel = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), "")  # transitional or strict
        target = targets.get(rel, "")
        if target:
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            parts[sheet.get("name", "")] = path
    return parts


def _scan_sheet(data: bytes) -> tuple[SheetScan, bytes | None]:
    """Error cells and out-of-range cells of one sheet's XML; the trimmed XML when it had far columns."""
    scan = SheetScan()
    if b't="e"' in data or b"t='e'" in data:
        scan.errors = _error_cells(data)
    if not _FAR_HINT.search(data):
        return scan, None
    trimmed = None
    if any(_holds_value(m) and column_number(m.group(1).decode()) > MAX_COLUMNS
           for m in _CELL.finditer(data)):
        scan.far_columns = True
        trimmed = data = _trim(data)
    scan.beyond_last_row = _first_value_below(data)
    return scan, trimmed


def _holds_value(match: re.Match[bytes]) -> bool:
    """A cell element that is more than an empty, formatted cell."""
    return not match.group(0).endswith(b"/>") or b"</" in match.group(0)


def _first_value_below(data: bytes) -> str:
    """Where the first value below MAX_ROW sits ('' when none): a cell reference or a row."""
    for match in _CELL.finditer(data):
        if int(match.group(2)) > MAX_ROW and _holds_value(match):
            return f"{match.group(1).decode()}{int(match.group(2))}"
    for match in _ANY_ROW.finditer(data):
        number = int(match.group(1))
        start = data.find(b">", match.end())
        if number <= MAX_ROW or start < 0 or data[start - 1:start] == b"/":
            continue
        end = data.find(b"row>", start)
        if _HAS_VALUE.search(data, start, end if end >= 0 else len(data)):
            return f"第 {number} 行"
    return ""


def _error_cells(data: bytes) -> dict[tuple[int, int], str]:
    """(0-based row, col) → the error code shown in the cell (#DIV/0!, #N/A …)."""
    found = {}
    for match in _ERROR_CELL.finditer(data):
        ref = _REF_ATTR.search(match.group(1))
        if ref is None:
            continue
        value = _VALUE.search(match.group(2))
        code = value.group(1).decode("utf-8", "replace") if value else ""
        found[(int(ref.group(2)) - 1, column_number(ref.group(1).decode()) - 1)] = code or "#VALUE!"
    return found


def _trim(data: bytes) -> bytes:
    """The sheet XML without its cells beyond MAX_COLUMNS."""
    def keep(match: re.Match[bytes]) -> bytes:
        return b"" if column_number(match.group(1).decode()) > MAX_COLUMNS else match.group(0)
    return _CELL.sub(keep, data)


def _rezip(archive: zipfile.ZipFile, replaced: dict[str, bytes]) -> bytes:
    """A copy of the archive in memory with some parts replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            copy.writestr(info.filename, replaced.get(info.filename) or archive.read(info))
    return out.getvalue()
