"""A plain-text file decoded as a person's editor would: byte-order marks, UTF-8, UTF-16, GB18030, Big5.

Notepad and WPS save Chinese text as UTF-8 (with or without a BOM), UTF-16 (“Unicode”, with a BOM),
GBK/GB18030 (“ANSI” on a mainland PC) or Big5 (“ANSI” on a Taiwan or Hong Kong PC). When the bytes fit
no encoding, the error names the file, the line of the first bad byte and the encodings tried.
"""

from __future__ import annotations

import codecs

from models.errors import fail
from models.text_clean import has_control

MAX_TEXT_BYTES = 1 << 20      # a work plan is ~1,500 characters; 1 MB is far beyond any real one
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
LEGACY = ("gb18030", "cp950")  # GB18030 covers GBK and GB2312; cp950 is Windows' Big5
NAMES = {"utf-32": "UTF-32", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16",
         "utf-16-be": "UTF-16", "gb18030": "GB18030（含 GBK）", "cp950": "Big5"}


def decode_text(data: bytes, name: str, *, legacy: bool = True) -> str:
    """The text of `data`; `legacy` allows GB18030 and Big5 besides UTF; InputError when none fits."""
    if len(data) > MAX_TEXT_BYTES:
        raise fail(name, f"文件过大（{len(data) / (1 << 20):.1f} MB），文本文件上限为 1 MB")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name)
    if b"\x00" in data:
        return _utf16_without_bom(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":       # cut off inside the last character
            return data[:exc.start].decode("utf-8", errors="replace")
        first_bad = exc.start
    found = [enc for enc in (LEGACY if legacy else ()) if _fits(data, enc)]
    if found:
        return data.decode(_likeliest(data, found))
    tried = "、".join(dict.fromkeys(NAMES[e] for e in ("utf-8-sig", "utf-16", *(LEGACY if legacy else ()))))
    line = data[:first_bad].count(b"\n") + 1
    hint = "" if legacy else "；Markdown（.md）文件应为 UTF-8 编码"
    raise fail(name, f"无法识别文件编码：第 {line} 行起有无法识别的字节（已尝试 {tried}）{hint}，"
                     "请在记事本或 WPS 中另存为 UTF-8 编码后再提交")


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise fail(name, f"文件标明为 {NAMES[encoding]} 编码，但第 {line} 行附近的内容无法按此编码读取，"
                         "文件可能已损坏：请另存为 UTF-8 编码后再提交") from None


def _fits(data: bytes, encoding: str) -> bool:
    try:
        return not has_control(data.decode(encoding).replace("\x0c", ""))
    except UnicodeDecodeError:
        return False


def _utf16_without_bom(data: bytes, name: str) -> str:
    """UTF-16 saved without a BOM (the byte order that reads as Chinese or plain text), else refused."""
    texts = [t for enc in ("utf-16-le", "utf-16-be") if (t := _decoded(data, enc))]
    best = max(texts, key=_readable, default="")
    if best and _readable(best) >= 0.9 * len(best):
        return best
    raise fail(name, "无法读取：不是文本文件（文件已损坏或格式不对）")


def _decoded(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return ""


def _readable(text: str) -> int:
    """How many characters are common in a Chinese document: ASCII text, CJK ideographs and punctuation."""
    return sum(1 for ch in text if ("\x20" <= ch < "\x7f" or ch in "\t\n\r" or "\u4e00" <= ch <= "\u9fff"
                                    or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
                                    or "\u2010" <= ch <= "\u201f"))


def _likeliest(data: bytes, encodings: list[str]) -> str:
    """Of several encodings the bytes fit, the one whose text reads most like language."""
    if len(encodings) == 1:
        return encodings[0]
    from charset_normalizer import from_bytes

    aliases = {"gb18030": "gb18030", "cp950": "big5"}
    best = from_bytes(data, cp_isolation=[aliases[e] for e in encodings]).best()
    by_alias = {alias: enc for enc, alias in aliases.items()}
    return by_alias.get(best.encoding, encodings[0]) if best is not None else encodings[0]
