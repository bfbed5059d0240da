"""A packet on disk: copied documents, manifest.json with every file's SHA-256, a reproducible zip."""

from __future__ import annotations

import json
import shutil
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from tasks.files import sha256_file

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the same bytes from the same data: no clock in the archive
MANIFEST = "manifest.json"


def legalcap_version() -> str:
    try:
        return version("legalcap")
    except PackageNotFoundError:
        return "0+unknown"


def copy_document(source: str | None, folder: Path, href_stem: str) -> str | None:
    """Copy a stored file into the packet as `href_stem` + its suffix; the href, or None if absent."""
    if not source or not Path(source).is_file():
        return None
    href = href_stem + Path(source).suffix.lower()
    target = folder / href
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return href


def packet_files(folder: Path) -> list[dict]:
    """Every file of a packet folder but the manifest: relative path, SHA-256, size (sorted by path)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)
    return [{"path": p.relative_to(folder).as_posix(), "sha256": sha256_file(p), "bytes": p.stat().st_size}
            for p in files]


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def write_zip(folder: Path, target: Path) -> None:
    """The folder as a zip whose bytes depend only on the files' names and contents."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
