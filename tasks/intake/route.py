"""Route a received file: keep it, recognise it, find its unit, register it; a refusal becomes a receipt."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from models.errors import Refusal, fail
from models.intake import IntakeKind, Receipt, ReceivedFile
from models.intake_keywords import decided_kind, file_stem, kind_choices
from models.text_clean import is_control, visible_text
from tasks.files import UNSAFE, readable_file
from tasks.intake.classify import Sniffed, classify, named_unit
from tasks.intake.register import NEEDS_UNIT, REGISTER, Job
from tasks.intake.resent import on_record

NO_UNIT = "无法确定是哪个项目实施单位的材料（文件中未写明，发件人也不是已登记的联系人）"


def route(received: ReceivedFile, year: int | None) -> Receipt:
    """The receipt of one received file: registered, refused with every problem, or held."""
    try:
        path = kept(received)
    except Refusal as refusal:
        return refused(received, None, None, refusal)
    sniffed = recognised(path, received)
    if isinstance(sniffed, Receipt):
        return sniffed
    unit = unit_of(sniffed, received)
    if received.only_unit:
        outside = outside_problem(sniffed, received)
        if outside is not None:
            return refused(received, sniffed.kind, received.only_unit, outside)
        unit = received.only_unit
    if sniffed.kind in NEEDS_UNIT and unit is None:
        return held(received, NO_UNIT, sniffed.kind)
    assert sniffed.kind is not None
    job = Job(path, received, sniffed.kind, unit, sniffed.archive_kind, year)
    try:
        return REGISTER[sniffed.kind](job)
    except Refusal as refusal:
        return on_record(job) or refused(received, sniffed.kind, unit, refusal)


def recognised(path: Path, received: ReceivedFile) -> Sniffed | Receipt:
    """The file's kind (the province's decision, else recognition); or a receipt: held or refused."""
    sniffed = classify(path, received.name, received.subject)
    if received.kind:
        decided = decided_kind(received.kind)
        if decided is None:
            reason = f"未知的材料类别“{received.kind}”（可选：{kind_choices()}）"
            return refused(received, None, None, fail(path.name, reason))
        sniffed = replace(sniffed, kind=decided[0], archive_kind=decided[1], by="decided")
    if sniffed.kind is None and sniffed.unreadable:
        return refused(received, None, None, fail(path.name, sniffed.unreadable))
    if sniffed.kind is None:
        return held(received, sniffed.reason)
    return sniffed


def unit_of(sniffed: Sniffed, received: ReceivedFile) -> str | None:
    """The unit the content names, else the sender's (unit_hint), else the one the name or subject names."""
    return (sniffed.unit or received.unit_hint
            or named_unit([file_stem(received.name)]) or named_unit([received.subject]))


def outside_problem(sniffed: Sniffed, received: ReceivedFile) -> Refusal | None:
    """Why a file bound to one unit (`only_unit`) cannot be registered for it; None when it can."""
    own = received.only_unit
    if sniffed.kind is IntakeKind.recommendation:
        return fail(received.name, "推荐表（附件1）由市总工会报送，县（区）工会不能代为登记")
    if sniffed.unit and sniffed.unit != own:
        return fail(received.name,
                    f"文件中写明的单位（{sniffed.unit}）不是本单位（{own}），只能报送本单位的材料")
    return None


def held(received: ReceivedFile, reason: str, kind: IntakeKind | None = None) -> Receipt:
    """A file the province must classify or assign to a unit before it is registered."""
    return Receipt(file=received.name, ok=False, kind=kind, held=True, held_reason=reason)


def refused(received: ReceivedFile, kind: IntakeKind | None, unit: str | None, refusal: Refusal) -> Receipt:
    """A refusal as a receipt: every located problem, or its one message."""
    message = "" if refusal.problems else "\n".join(refusal.lines())    # plain: no command-line hint
    return Receipt(file=received.name, ok=False, kind=kind, unit=unit, problems=tuple(refusal.problems),
                   message=message, hint=refusal.hint)


def kept(received: ReceivedFile) -> Path:
    """The file on disk: its own path, or its bytes kept under LEGALCAP_HOME/intake/<sha256>/<name>."""
    if received.path is not None:
        return readable_file(received.path)
    from config.settings import get_settings

    content = received.content or b""
    folder = get_settings().home_dir / "intake" / hashlib.sha256(content).hexdigest()[:32]
    target = folder / safe_name(received.name)
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(content)
        partial.replace(target)
    return target


def safe_name(name: str) -> str:
    """A received name as a file name: no folders, no characters a path or Windows cannot hold."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    clean = "".join("_" if is_control(ch) or ch in UNSAFE else ch for ch in visible_text(base))
    stem, dot, ext = clean.strip(" .").rpartition(".")
    if not dot or len(ext) > 10:
        stem, ext = clean.strip(" ."), ""
    stem = stem.encode()[:200].decode("utf-8", errors="ignore").strip(" .") or "附件"
    return f"{stem}.{ext}" if ext else stem
