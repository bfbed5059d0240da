"""The packet build folder (LEGALCAP_HOME/packets/<year>) as the evaluators may read it: only the files
the build's manifests list (the province's index and manifest, each unit's zip with its recorded hash,
each unit's files with theirs), looked up by name in those lists, never joined to a path from the URL."""

from __future__ import annotations

import json
from pathlib import Path

from tasks.files import sha256_file
from tasks.packets.bundle import MANIFEST

TOP = ("index.html", MANIFEST)


def _json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def listed(folder: Path) -> dict[str, str | None]:
    """Every servable name → its recorded SHA-256 (None: the index and manifests, which carry none)."""
    top = _json(folder / MANIFEST)
    if not top:
        return {}
    out: dict[str, str | None] = dict.fromkeys(TOP)
    for unit in top.get("units", []):
        code = str(unit.get("code", ""))
        if not (code.isdigit() and len(code) == 6):
            continue
        out[f"{code}.zip"] = unit.get("zip_sha256")
        out[f"{code}/{MANIFEST}"] = unit.get("manifest_sha256")
        for f in _json(folder / code / MANIFEST).get("files", []):
            out[f"{code}/{f.get('path', '')}"] = f.get("sha256")
    return out


def built(folder: Path) -> bool:
    """Whether a build is there (its manifest reads: as `bool(listed(folder))`, without the units' lists)."""
    return bool(_json(folder / MANIFEST))


def stamp(folder: Path) -> tuple[int, int] | None:
    """The build's manifest's (mtime in ns, size), or None: a kept page of the build changes with it."""
    try:
        info = (folder / MANIFEST).stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def packet_file(folder: Path, name: str) -> Path | None:
    """The file `name` of the build if its manifest lists it and its bytes still match; else None."""
    allowed = listed(folder)
    if name not in allowed:
        return None
    by_name = {n: folder.joinpath(*n.split("/")) for n in allowed}   # built from the manifest's names
    path = by_name[name]
    if not path.is_file() or folder.resolve() not in path.resolve().parents:
        return None
    digest = allowed[name]
    return path if digest is None or sha256_file(path) == digest else None
