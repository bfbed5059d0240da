"""What the portal accepts as an upload, before any importer sees it: size, and type by name and content.

Pure rules over a file's name, its declared size and its first bytes (no I/O): an extension of the
allowed kinds whose content really is that kind (magic bytes), never a web page or a program.
"""

from __future__ import annotations

import codecs

MB = 1 << 20
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
ALLOWED = {".xlsx": "Excel 工作簿", ".docx": "Word 文档", ".pdf": "PDF 文件", ".zip": "压缩包",
           ".txt": "文本文件", ".md": "文本文件"}
ALLOWED_TEXT = "、".join(dict.fromkeys(s.lstrip(".") for s in ALLOWED))
MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<iframe", b"<body", b"<head")
HEAD_BYTES = 4096     # how much of the start of a file the content check looks at


def size_problem(size: int, limit_bytes: int) -> str | None:
    """Why a file of `size` bytes is refused (over the limit, or empty); None when its size is fine."""
    if size > limit_bytes:
        return f"文件大小 {size / MB:.1f} MB，超过门户上传上限 {limit_bytes / MB:g} MB，请压缩或分批报送"
    if size == 0:
        return "文件为空（0 字节），请重新选择文件"
    return None


def suffix_of(name: str) -> str:
    """The lower-case extension of a file name ('' when it has none)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    return f".{ext.lower()}" if dot and stem else ""


def type_problem(name: str, head: bytes) -> str | None:
    """Why a file is refused for its type (name or content), in Chinese; None when it may be imported."""
    suffix = suffix_of(name)
    if suffix not in ALLOWED:
        shown = suffix or "（无扩展名）"
        return f"不接受 {shown} 类型的文件；门户只接受 {ALLOWED_TEXT} 文件"
    if suffix in (".xlsx", ".docx", ".zip"):
        ok = head.startswith(ZIP_MAGIC)
    elif suffix == ".pdf":
        ok = b"%PDF-" in head[:1024]
    else:
        ok = _plain_text(head)
    if not ok:
        return f"文件扩展名是 {suffix}，内容却不是{ALLOWED[suffix]}：请用正确的格式另存后再报送"
    return None


def _plain_text(head: bytes) -> bool:
    """Text a person typed (UTF-8 or GB18030, no NUL), not a web page or markup in disguise."""
    if b"\x00" in head:
        return False
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(MARKUP) or b"<script" in lowered:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)   # a cut last char is ok
            return True
        except UnicodeDecodeError:
            continue
    return False
