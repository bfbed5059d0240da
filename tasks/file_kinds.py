"""What a handed-in file really is (by its first bytes, not its name), and the size limits of readers.

A “.docx” may really be an old .doc, a PDF, a zip, an Excel workbook or a password-protected file;
each gets its own Chinese reason instead of a library's exception.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from models.errors import fail
from tasks.forms.read_guard import reading

MB = 1 << 20
MAX_DOCX_BYTES = 20 * MB          # a .docx read for its text (推荐表, 工作方案)
MAX_UNPACKED_BYTES = 200 * MB     # all parts of that .docx once unzipped (zip bombs)
MAX_PARTS = 5000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
SCAN_BYTES = 4 * MB               # how far into an OLE file to look for the encryption stream

KIND_NAMES = {
    "pdf": "PDF 文件", "ole": "旧版 Word/Excel（.doc/.xls）或 WPS 文件", "docx": "Word（.docx）文件",
    "xlsx": "Excel（.xlsx）工作簿", "pptx": "PowerPoint 演示文稿", "zip": "压缩包（zip）",
    "encrypted": "设有打开密码的（加密）Office 文件", "damaged-zip": "已损坏的 Office 或 zip 文件",
    "empty": "空文件", "other": "其他类型的文件",
}
# Kinds each suffix may hold; Word and WPS open a .doc that is really a .docx, and the reverse.
EXPECTED = {
    ".docx": {"docx"}, ".doc": {"ole", "docx"}, ".wps": {"ole", "docx"}, ".pdf": {"pdf"},
    ".xlsx": {"xlsx"}, ".xls": {"ole", "xlsx"}, ".pptx": {"pptx"}, ".zip": {"zip", "docx", "xlsx", "pptx"},
}


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "damaged-zip"
    if "word/document.xml" in names or any(n.startswith("word/document") for n in names):
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return "zip"


def sniff(path: Path) -> str:
    """The file's real kind: pdf, ole, encrypted, docx, xlsx, pptx, zip, damaged-zip, empty or other."""
    with path.open("rb") as fh:
        head = fh.read(SCAN_BYTES)
    if not head:
        return "empty"
    if head.startswith(OLE_MAGIC):
        return "encrypted" if ENCRYPTED_MARK in head else "ole"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return "other"


def mismatch_reason(kind: str, suffix: str) -> str | None:
    """Why a file of `kind` cannot stand under `suffix` (e.g. a PDF named .docx), or None when it can.

    Content we cannot name (“other”) passes: a stored file is refused only for what it clearly is.
    """
    expected = EXPECTED.get(suffix)
    if expected is None or kind in expected or kind == "other":
        return None
    if kind == "encrypted":
        return "文件设有打开密码（已加密），无法读取：请取消密码后另存，再提交"
    if kind == "damaged-zip":
        return f"文件已损坏（不是完整的 {suffix} 文件），请重新保存或重新导出后再提交"
    return f"文件扩展名是 {suffix}，内容却是{KIND_NAMES[kind]}：请用正确的格式另存后再提交"


def check_matches_suffix(path: Path, name: str) -> None:
    """InputError when the file's content contradicts its extension (only for extensions we know)."""
    suffix = path.suffix.lower()
    if suffix not in EXPECTED:
        return
    with reading(name, "无法读取文件内容（文件可能已损坏或正被占用）"):
        kind = sniff(path)
    if reason := mismatch_reason(kind, suffix):
        raise fail(name, reason)


def check_docx_package(path: Path, name: str) -> None:
    """InputError unless the file is a .docx of bounded size: real kind, file size, unpacked size."""
    size = path.stat().st_size
    if size > MAX_DOCX_BYTES:
        raise fail(name, f"文件过大（{size / MB:.1f} MB），Word 表格或方案文件上限为 "
                         f"{MAX_DOCX_BYTES // MB} MB：请删去图片等内容后再提交")
    kind = sniff(path)
    if kind != "docx":
        raise fail(name, _not_docx(kind))
    _check_unpacked(path, name)


def _not_docx(kind: str) -> str:
    """Why a file of `kind` is not a readable .docx."""
    if kind == "ole":
        return "文件是旧版 Word（.doc）或 WPS 格式，不是 .docx：请在 Word/WPS 中“另存为”.docx 后再提交"
    if kind in ("encrypted", "damaged-zip"):
        return mismatch_reason(kind, ".docx") or ""
    if kind in ("other", "empty"):
        return "无法读取：文件已损坏或不是 Word（.docx）文件（旧版 .doc 请在 Word/WPS 中另存为 .docx）"
    return f"不是 Word（.docx）文件，而是{KIND_NAMES[kind]}：请提交 Word 格式的文件"


def _check_unpacked(path: Path, name: str) -> None:
    """InputError when the zip's parts are too many or too large once unpacked."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise fail(name, "无法读取：文件已损坏或不是 Word（.docx）文件") from None
    unpacked = sum(info.file_size for info in infos)
    if len(infos) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise fail(name, f"文件解压后过大（{unpacked / MB:.0f} MB，{len(infos)} 个部件），"
                         f"上限 {MAX_UNPACKED_BYTES // MB} MB：文件可能已损坏")
