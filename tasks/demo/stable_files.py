"""The demo's Office files without the clock: same year, same bytes (and so the same hashes in packets)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

OFFICE_SUFFIXES = {".xlsx", ".docx"}
_W3CDTF = re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z")


def pin_office_dates(path: Path, on: dt.date) -> None:
    """Rewrite an .xlsx/.docx so its zip entry times and document properties are `on` at 00:00."""
    if path.suffix.lower() not in OFFICE_SUFFIXES:
        return
    stamp = f"{on.isoformat()}T00:00:00Z".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = _W3CDTF.sub(stamp, data)
            entry = zipfile.ZipInfo(info.filename, (on.year, on.month, on.day, 0, 0, 0))
            entry.compress_type, entry.external_attr = info.compress_type, info.external_attr
            dst.writestr(entry, data)
    path.write_bytes(out.getvalue())
