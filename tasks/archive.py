"""The procurement archive: seven kinds of document, each kept as a copy with its SHA-256."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from models.enums import ARCHIVE_LABELS, ArchiveKind
from models.errors import InputError, Problem
from models.tables import ArchiveDocument
from tasks.audit import record_audit
from tasks.context import ProgrammeRef
from tasks.files import allowed_file, copy_into_store
from tasks.submissions import Received, active_recommendation, check_in_window


def archive_kind(text: str) -> ArchiveKind | None:
    """A kind by its code (award_notice) or its Chinese name (中标公示)."""
    by_label = {label: kind for kind, label in ARCHIVE_LABELS.items()}
    if text in by_label:
        return by_label[text]
    return ArchiveKind(text) if text in set(ArchiveKind) else None


def known_kinds() -> str:
    return "、".join(f"{k.value}（{ARCHIVE_LABELS[k]}）" for k in ArchiveKind)


def check_archive_file(source: Path, kind_text: str, roots: list[Path]) -> tuple[ArchiveKind, Path]:
    """The kind and the resolved file, or an InputError (unknown kind, missing/empty file, outside roots,
    content contradicting the extension)."""
    kind = archive_kind(kind_text)
    if kind is None:
        raise unknown_kind(source.name, kind_text)
    return kind, allowed_file(source, roots)


def unknown_kind(name: str, kind_text: str) -> InputError:
    """The refusal of a kind that is none of the seven, naming them."""
    return InputError(Problem(name, f"未知的档案类别“{kind_text}”（可选：{known_kinds()}）"))


def registered_kinds(session: Session, programme_id: int, unit_code: str, sha256: str) -> list[ArchiveKind]:
    """The kinds under which the unit already registered a file with this SHA-256."""
    kinds = session.exec(select(ArchiveDocument.kind).where(
        ArchiveDocument.programme_id == programme_id, ArchiveDocument.unit_code == unit_code,
        ArchiveDocument.sha256 == sha256)).all()
    return [k for k in ArchiveKind if k.value in set(kinds)]


def check_not_registered(session: Session, ref: ProgrammeRef, unit_code: str, kind: ArchiveKind,
                         got: Received) -> None:
    """Refuse a file already in the unit's archive: one file is one document of one kind."""
    kinds = registered_kinds(session, ref.id, unit_code, got.sha256)
    if kind in kinds:
        raise InputError(Problem(got.path.name, f"该文件已作为“{ARCHIVE_LABELS[kind]}”登记过"))
    if kinds:
        raise InputError(Problem(got.path.name, (
            f"该文件（SHA-256 {got.sha256[:12]}…）已作为“{ARCHIVE_LABELS[kinds[0]]}”登记过，"
            f"不能再登记为“{ARCHIVE_LABELS[kind]}”：采购档案每一类须为各自的文件")))


def add_archive_document(
    session: Session, ref: ProgrammeRef, unit_code: str, kind: ArchiveKind, got: Received, store_dir: Path
) -> ArchiveDocument:
    """Copy the file into the archive store and register it with its hash, date and who."""
    check_in_window(ref, got.on, got.path.name)
    if active_recommendation(session, ref.id, unit_code) is None:
        raise InputError(Problem(got.path.name, f"单位 {unit_code} 不是 {ref.year} 年度的项目实施单位"))
    check_not_registered(session, ref, unit_code, kind, got)
    stored = copy_into_store(got.path, store_dir / unit_code / kind.value, got.sha256, "档案库")
    doc = ArchiveDocument(programme_id=ref.id, unit_code=unit_code, kind=kind.value, path=str(stored),
                          sha256=got.sha256, size_bytes=stored.stat().st_size, registered_on=got.on,
                          registered_at=got.at, registered_by=got.by)
    session.add(doc)
    record_audit(session, at=got.at, actor=got.by, action="archive.added", subject=unit_code,
                 programme_id=ref.id, details={"kind": kind.value, "source": str(got.path),
                                               "stored": str(stored), "sha256": got.sha256})
    return doc

