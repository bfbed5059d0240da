"""Outlook's winmail.dat (TNEF) written as Outlook writes it: code page, then each attachment's
rendering, short name (in the code page), data and MAPI properties (the long name in UTF-16)."""

from __future__ import annotations

import struct

SIGNATURE = struct.pack("<IH", 0x223E9F78, 0x0001)
MESSAGE, ATTACHMENT = 1, 2
BYTE, STRING = 0x0006, 0x0001            # TNEF attribute types
OEM_CODEPAGE, RENDDATA, TITLE, DATA, MAPI = 0x9007, 0x9002, 0x8010, 0x800F, 0x9005
PT_UNICODE, LONG_FILENAME = 0x001F, 0x3707


def _attribute(level: int, name: int, kind: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BHHI", level, name, kind, len(data)) + data + struct.pack("<H", checksum)


def _long_name(name: str) -> bytes:
    text = (name + "\x00").encode("utf-16-le")
    padded = text + b"\x00" * (-len(text) % 4)
    return struct.pack("<IHHII", 1, PT_UNICODE, LONG_FILENAME, 1, len(text)) + padded


def winmail(files: list[tuple[str, bytes]], *, codepage: int = 936, long_names: bool = True) -> bytes:
    """A winmail.dat holding `files`; short names in `codepage`, long names only if `long_names`."""
    out = SIGNATURE + _attribute(MESSAGE, OEM_CODEPAGE, BYTE, struct.pack("<II", codepage, 0))
    for name, data in files:
        out += _attribute(ATTACHMENT, RENDDATA, BYTE, bytes(14))
        out += _attribute(ATTACHMENT, TITLE, STRING, name.encode(f"cp{codepage}") + b"\x00")
        out += _attribute(ATTACHMENT, DATA, BYTE, data)
        if long_names:
            out += _attribute(ATTACHMENT, MAPI, BYTE, _long_name(name))
    return out
