"""Attachments as files to register: .zip opened safely (a zip inside a zip too), Outlook's winmail.dat
unpacked, .rar/.7z and oversized files refused in Chinese.

A Windows zip written on a Chinese PC stores GBK names without the UTF-8 flag; Python reads those as
cp437, so they are re-encoded and decoded as GB18030. Nothing is written to disk: members are read
into memory with hard caps (entries, total size, each file's size, compression ratio), so a zip bomb
or a `../` name can do no harm; such an archive is refused as a whole. A zip found inside a zip is opened
once more under the same caps, counted together (the outer zip's budget); one deeper is refused.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, replace

from tasks.mailbox import tnef
from tasks.mailbox.parse import Attached

MB = 1 << 20
UTF8_FLAG = 0x800
PACKED = {".rar": "RAR", ".7z": "7z", ".tar": "tar", ".gz": "gzip", ".tgz": "gzip", ".bz2": "bzip2",
          ".xz": "xz", ".arj": "ARJ", ".cab": "CAB"}
MAGIC = ((b"Rar!\x1a\x07", "RAR"), (b"7z\xbc\xaf\x27\x1c", "7z"))
SKIPPED = ("__MACOSX/", "Thumbs.db", ".DS_Store", "desktop.ini")
MAX_DEPTH = 1            # a zip inside a zip is opened; a zip inside that one is refused


@dataclass(frozen=True)
class Limits:
    max_file: int          # bytes, each attachment or member
    max_entries: int
    max_total: int         # bytes, a zip's members together
    max_ratio: float


@dataclass(frozen=True)
class Item:
    """One file to register, or the reason it cannot be (then `problem` is set and `data` empty)."""

    name: str
    data: bytes = b""
    problem: str = ""
    source: str = ""       # the .zip (or winmail.dat) it came out of, if any


@dataclass
class Budget:
    """What the zips of one attachment may still unpack together (entries and bytes)."""

    entries: int
    total: int


def limits_from_settings(settings) -> Limits:
    return Limits(max_file=int(settings.mailbox_max_attachment_mb * MB),
                  max_entries=settings.mailbox_zip_max_entries,
                  max_total=int(settings.mailbox_zip_max_total_mb * MB),
                  max_ratio=settings.mailbox_zip_max_ratio)


def expand(attachments: tuple[Attached, ...], limits: Limits) -> list[Item]:
    """Every attachment as items: a zip's members in order, anything unusable with its problem."""
    items: list[Item] = []
    for att in attachments:
        items += _expand_one(att, limits)
    return items


def _expand_one(att: Attached, limits: Limits) -> list[Item]:
    if len(att.data) > limits.max_file:
        return [Item(att.name, problem=f"附件过大（{_mb(len(att.data))}，上限 {_mb(limits.max_file)}），"
                     "请拆分后分多封邮件发送")]
    packed = packed_format(att)
    if packed:
        return [Item(att.name, problem=f"暂不能打开 {packed} 压缩文件，请改用 .zip 格式压缩，或直接发送文件")]
    if att.name.lower().endswith(".zip"):   # by name only: .docx and .xlsx are zips too
        return unzip(att, limits)
    if tnef.is_tnef(att):
        return _unpack_tnef(att, limits)
    return [Item(att.name, att.data)]


def _unpack_tnef(att: Attached, limits: Limits) -> list[Item]:
    """The files inside Outlook's winmail.dat, each then taken as a plain attachment (a zip opened)."""
    inside = tnef.unpack(att)
    if isinstance(inside, str):
        return [Item(att.name, problem=inside)]
    return [item if item.source else replace(item, source=att.name)
            for one in inside if not tnef.is_tnef(one) for item in _expand_one(one, limits)]


def packed_format(att: Attached) -> str:
    """'RAR', '7z' … for an archive legalcap cannot open, '' otherwise."""
    for magic, label in MAGIC:
        if att.data.startswith(magic):
            return label
    lower = att.name.lower()
    return next((label for ext, label in PACKED.items() if lower.endswith(ext)), "")


def unzip(att: Attached, limits: Limits, budget: Budget | None = None, depth: int = 0) -> list[Item]:
    """The zip's files (GBK names decoded), or one item saying why the whole zip is refused."""
    budget = budget or Budget(limits.max_entries, limits.max_total)
    try:
        with zipfile.ZipFile(io.BytesIO(att.data)) as archive:
            members = [m for m in archive.infolist() if not m.is_dir() and not _skipped(member_name(m))]
            refusal = _check(members, limits, budget)
            if refusal:
                return [Item(att.name, problem=refusal)]
            budget.entries -= len(members)
            budget.total -= sum(m.file_size for m in members)
            items = [_read(archive, m, att.name, limits) for m in members]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return [Item(att.name, problem="压缩包已损坏或加密，无法打开，请重新压缩（不要设置密码）后发送")]
    if not items:
        return [Item(att.name, problem="压缩包内没有文件")]
    return [inner for item in items for inner in _nested(item, limits, budget, depth)]


def _nested(item: Item, limits: Limits, budget: Budget, depth: int) -> list[Item]:
    """A zip inside the zip opened in turn (its files named as from the outer zip); one level only."""
    if item.problem or not item.name.lower().endswith(".zip"):
        return [item]
    if depth >= MAX_DEPTH:
        return [replace(item, data=b"", problem="压缩包嵌套层数过多，请把文件直接放入一个 .zip 压缩包后发送")]
    return [replace(inner, source=f"{item.source}/{item.name}") if inner.source == item.name else inner
            for inner in unzip(Attached(item.name, item.data), limits, budget, depth + 1)]


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as the sender saw it: UTF-8 when flagged, else cp437 bytes read as GB18030."""
    if info.flag_bits & UTF8_FLAG:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _skipped(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return name.startswith(SKIPPED[0]) or base in SKIPPED or base.startswith("._")


def _check(members: list[zipfile.ZipInfo], limits: Limits, budget: Budget) -> str:
    """Why the zip must be refused as a whole ('' when it may be opened within the budget left)."""
    if len(members) > budget.entries:
        return f"压缩包内文件过多（{len(members)} 个，上限 {limits.max_entries} 个），请分多封邮件发送"
    for m in members:
        name = member_name(m).replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/") or (len(name) > 1 and name[1] == ":"):
            return f"压缩包内文件路径不安全（{name}），请只压缩文件本身后重新发送"
        if m.file_size > limits.max_file:
            return f"压缩包内文件“{_base(name)}”过大（{_mb(m.file_size)}，上限 {_mb(limits.max_file)}）"
        if m.file_size > MB and m.file_size > limits.max_ratio * max(m.compress_size, 1):
            return "压缩包解压倍数异常（疑似压缩炸弹），未打开，请直接发送文件"
    total = sum(m.file_size for m in members)
    if total > budget.total:
        return f"压缩包解压后过大（{_mb(total)}，上限 {_mb(limits.max_total)}），请分多封邮件发送"
    return ""


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str, limits: Limits) -> Item:
    """Read at most the limit (the header's size is not trusted); too much is a problem, not a crash."""
    name = _base(member_name(info))
    with archive.open(info) as fh:
        data = fh.read(limits.max_file + 1)
    if len(data) > limits.max_file or len(data) > info.file_size:
        return Item(name, problem="压缩包内文件实际大小与记录不符（疑似压缩炸弹），未登记", source=source)
    return Item(name, data, source=source)


def _base(name: str) -> str:
    return name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB".replace(".0 MB", " MB")
