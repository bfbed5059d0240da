"""Files for outbox rows: staged under LEGALCAP_HOME/outbox-files/<sha256>/ and checked before sending.

A staged copy outlives any cleanup of the original; at send time a file that is gone or whose hash
changed is left out and the message says so (by name, never by path).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from models.attachments import AttachmentRef, by_mail_line, missing_line
from notifications.channels import TAKES_FILES
from tasks.files import sha256_file

FOLDER = "outbox-files"


@dataclass(frozen=True)
class Resolved:
    """What a message can carry: the files found intact, and a line for each that was not."""

    files: tuple[Path, ...] = ()
    names: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    def note(self, kind: str) -> str:
        """The lines added to the message for this kind of channel ('' when nothing to say)."""
        lines = [missing_line(n) for n in self.missing]
        if kind not in TAKES_FILES and self.names:
            lines.insert(0, by_mail_line(list(self.names)))
        return "\n".join(lines)


def stage(home: Path, source: Path, name: str | None = None) -> AttachmentRef:
    """Copy `source` to home/outbox-files/<sha256>/<name> (once) and describe it for an outbox row."""
    shown = Path(name or source.name).name
    digest = sha256_file(source)
    target = home / FOLDER / digest / shown
    if not (target.is_file() and sha256_file(target) == digest):
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(source, partial)
        partial.replace(target)
    where = PurePosixPath(FOLDER, digest, shown).as_posix()
    return AttachmentRef(where, shown, digest, target.stat().st_size)


def resolve(home: Path, refs: list[AttachmentRef]) -> Resolved:
    """The intact files among `refs` (inside home, same hash), and the names of the others."""
    files, names, missing = [], [], []
    root = home.resolve()
    for ref in refs:
        path = (root / ref.path).resolve()
        if path.is_relative_to(root) and path.is_file() and sha256_file(path) == ref.sha256:
            files.append(path)
            names.append(ref.name)
        else:
            missing.append(ref.name)
    return Resolved(tuple(files), tuple(names), tuple(missing))
