"""Build every unit's evaluation packet and the province index into one folder.

out/
  index.html, manifest.json          province index (ranked) and every unit's zip and manifest hash
  340123/ index.html ledger.xlsx manifest.json documents/…
  340123.zip                         the same folder, zipped reproducibly
Same data and as_of → byte-identical files (no clock anywhere; the xlsx and zips carry fixed times).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from models.db import session_scope
from models.errors import fail
from models.report_chases import REPORT_LABELS
from models.status import UnitStatus
from tasks.context import ProgrammeRef
from tasks.files import sha256_file
from tasks.packets import bundle
from tasks.packets.bundle import MANIFEST, copy_document, legalcap_version, write_json
from tasks.packets.figures import DocumentLink, ProvinceIndex, UnitSummary
from tasks.packets.html import render_province_index, render_unit_index
from tasks.packets.ledger_export import ExportEntry, load_export_entries_for_units, write_packet_ledger
from tasks.packets.sources import PacketSources, load_sources
from tasks.packets.unit_document import unit_document

KIND = "legalcap-evaluation-packets"
UNITS_PER_READ = 200  # ledger rows are read for this many units at a time
UNIT_ENTRY = re.compile(r"^\d{6}(\.zip)?$")


@dataclass(frozen=True)
class BuildReport:
    out: Path
    as_of: dt.date
    units: tuple[str, ...]

    @property
    def index(self) -> Path:
        return self.out / "index.html"


def build_packets(engine: Engine, ref: ProgrammeRef, as_of: dt.date, out: Path,
                  progress: Callable[[str, int], None] | None = None) -> BuildReport:
    """Every recommended unit gets its packet; the province index ranks them. progress(unit, total)."""
    src = load_sources(engine, ref, as_of)
    units = src.packet_units()
    _prepare(out, {code for code, _ in units})
    title = f"{ref.cfg.name} · 评估材料"
    summaries = []
    with session_scope(engine) as session:
        for start in range(0, len(units), UNITS_PER_READ):
            chunk = units[start:start + UNITS_PER_READ]
            entries = load_export_entries_for_units(session, ref.id, [code for code, _ in chunk], as_of)
            for code, st in chunk:
                summaries.append(_build_unit(out, code, st, entries[code], src, title))
                if progress:
                    progress(code, len(units))
    _write_province(out, src, summaries, title)
    return BuildReport(out, as_of, tuple(s.code for s in summaries))


def _prepare(out: Path, units: set[str]) -> None:
    """An empty folder, or a previous build (whose units no longer built are removed); never others."""
    if out.exists() and not out.is_dir():
        raise fail(str(out), "输出位置已存在且不是文件夹")
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()) and not _is_previous_build(out):
        raise fail(str(out), "输出文件夹非空，且不是 legalcap 评估材料文件夹；"
                             "为免覆盖其他文件，请指定一个空文件夹")
    for child in out.iterdir():
        if UNIT_ENTRY.match(child.name) and child.name.removesuffix(".zip") not in units:
            shutil.rmtree(child) if child.is_dir() else child.unlink()


def _is_previous_build(out: Path) -> bool:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("kind") == KIND
    except (OSError, ValueError, AttributeError):
        return False


def _build_unit(out: Path, code: str, st: UnitStatus, entries: list[ExportEntry], src: PacketSources,
                title: str) -> UnitSummary:
    folder = out / code
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    documents = _copy_reports(folder, src.reports.get(code, {}))
    archive = {kind: href for kind, ev in st.slot.archive.items()
               if (href := copy_document(ev.file, folder, f"documents/archive/{kind}"))}
    created = dt.datetime.combine(src.ctx.as_of, dt.time())
    write_packet_ledger(folder / "ledger.xlsx", entries, created=created)
    doc = unit_document(st, entries, src, title=title, version=legalcap_version(), documents=documents,
                        archive_hrefs=archive)
    (folder / "index.html").write_text(render_unit_index(doc), encoding="utf-8")
    write_json(folder / MANIFEST, {"as_of": doc.as_of.isoformat(), "legalcap_version": doc.version,
                                   "programme": doc.programme, "files": bundle.packet_files(folder),
                                   "unit": {"code": code, "name": st.slot.unit_name}})
    bundle.write_zip(folder, out / f"{code}.zip")
    return UnitSummary(code, st.slot.unit_name or "", st.slot.city_name, doc.rubric["total"],
                       doc.rubric["suggested_label"], doc.verdict["label"] if doc.verdict else None,
                       len(doc.missing), f"{code}/index.html", f"{code}.zip",
                       provisional=bool(doc.rubric.get("provisional")))


def _copy_reports(folder: Path, reports: dict) -> list[DocumentLink]:
    out = []
    for kind, label in REPORT_LABELS.items():
        facts = reports.get(kind)
        href = copy_document(facts.latest.path if facts else None, folder, f"documents/{kind}")
        out.append(DocumentLink(label, href, facts.latest.sha256 if facts else None, href is not None))
    return out


def _write_province(out: Path, src: PacketSources, summaries: list[UnitSummary], title: str) -> None:
    ranked = sorted(summaries, key=lambda s: (-s.score, s.code))
    ctx = src.ctx
    programme = {"year": ctx.year, "name": ctx.cfg.name, "config_hash": ctx.config_hash}
    doc = ProvinceIndex(f"{title}汇总", ctx.as_of, legalcap_version(), programme,
                        [dataclasses.replace(s, rank=n) for n, s in enumerate(ranked, start=1)])
    (out / "index.html").write_text(render_province_index(doc), encoding="utf-8")
    units = [{"code": s.code, "zip_sha256": sha256_file(out / s.zip),
              "manifest_sha256": sha256_file(out / s.code / MANIFEST)} for s in summaries]
    write_json(out / MANIFEST, {"kind": KIND, "as_of": doc.as_of.isoformat(), "legalcap_version": doc.version,
                                "programme": programme, "units": sorted(units, key=lambda u: u["code"])})
