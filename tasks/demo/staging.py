"""The SQLite demo is built in LEGALCAP_HOME/.demo-staging and replaces the previous demo only once finished.

The database stores absolute paths (archive and report copies, source files, the packets folder in
messages and keys), so before the swap every text in the staged database and outbox that names the
staging folder is rewritten to name the home; the folders then move to exactly those paths.
An interrupted or failed build leaves the previous demo as it was; the next run clears the leftovers.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tasks.demo.reset import DemoRefused

STAGING = ".demo-staging"
LOCK = ".demo-staging.lock"
DATABASE = "legalcap.db"
FOLDERS = ("outbox", "packets", "demo-files", "mail", "intake", "archive", "reports")  # besides its database
_HOME = "LEGALCAP_HOME"


@contextmanager
def demo_lock(home: Path) -> Iterator[None]:
    """One demo build per home at a time."""
    with (home / LOCK).open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DemoRefused(f"另一个演示正在数据目录 {home} 中运行：请等待其结束后再运行") from None
        yield


@contextmanager
def staged_home(home: Path) -> Iterator[Path]:
    """LEGALCAP_HOME names a fresh staging folder while the block runs (settings read the environment).

    The staging folder is removed afterwards, whether the block finished or not.
    """
    staging = home / STAGING
    shutil.rmtree(staging, ignore_errors=True)  # an earlier run that was killed
    staging.mkdir()
    before = os.environ.get(_HOME)
    os.environ[_HOME] = str(staging)
    try:
        yield staging
    finally:
        if before is None:
            os.environ.pop(_HOME, None)
        else:
            os.environ[_HOME] = before
        shutil.rmtree(staging, ignore_errors=True)


def folder_key(path: Path) -> str:
    """The packets folder's identity inside outbox keys (tasks/packets/announce.py)."""
    return hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]


def replacements(staging: Path, home: Path) -> list[tuple[str, str]]:
    """Staging path -> home path, as written plainly and inside JSON, and the packets folders' keys."""
    old, new = str(staging.resolve()), str(home.resolve())
    pairs = [(old, new)]
    escaped = (json.dumps(old)[1:-1], json.dumps(new)[1:-1])
    if escaped[0] != old:
        pairs.append(escaped)
    packets = staging / "packets"
    if packets.is_dir():
        pairs += [(folder_key(year), folder_key(home / "packets" / year.name))
                  for year in sorted(packets.iterdir()) if year.is_dir()]
    return pairs


def rewrite_database(path: Path, pairs: list[tuple[str, str]]) -> int:
    """Replace every pair in every text value of every table; the number of values changed."""
    changed = 0
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            for column in [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]:
                for old, new in pairs:
                    changed += conn.execute(
                        f'UPDATE "{table}" SET "{column}" = replace("{column}", ?, ?) '
                        f'WHERE typeof("{column}") = \'text\' AND instr("{column}", ?) > 0',
                        (old, new, old)).rowcount
    conn.close()
    return changed


def rewrite_outbox(folder: Path, pairs: list[tuple[str, str]]) -> None:
    """The delivered messages name the packets folder too."""
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        text = original = path.read_text("utf-8")
        for old, new in pairs:
            text = text.replace(old, new)
        if text != original:
            path.write_text(text, "utf-8")


def copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup: the target's whole content is replaced in one transaction."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def promote(staging: Path, home: Path) -> None:
    """Make the finished staged demo the home's demo: database first, then its folders."""
    pairs = replacements(staging, home)
    rewrite_database(staging / DATABASE, pairs)
    rewrite_outbox(staging / "outbox", pairs)
    copy_database(staging / DATABASE, home / DATABASE)
    previous = staging / "previous"
    previous.mkdir()
    for name in FOLDERS:
        if (home / name).exists():
            (home / name).rename(previous / name)
        if (staging / name).exists():
            (staging / name).rename(home / name)


# the real mailbox, and the real outgoing mail (receipts to the demo's made-up addresses never leave)
MAILBOX_VARIABLES = ("LEGALCAP_MAILBOX_URL", "LEGALCAP_MAILBOX_PASSWORD", "LEGALCAP_SMTP_URL",
                     "LEGALCAP_SMTP_PASSWORD")


@contextmanager
def without_real_mailbox() -> Iterator[None]:
    """The simulation never reads (or marks) the province's real mailbox, whatever the environment says."""
    saved = {name: os.environ.pop(name) for name in MAILBOX_VARIABLES if name in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


@contextmanager
def demo_mailbox(maildir: Path) -> Iterator[None]:
    """In the simulation the mailbox is the demo's own Maildir; a real one in the environment is hidden."""
    maildir.mkdir(parents=True, exist_ok=True)
    with without_real_mailbox():
        os.environ["LEGALCAP_MAILBOX_URL"] = f"maildir://{maildir.resolve()}"
        try:
            yield
        finally:
            os.environ.pop("LEGALCAP_MAILBOX_URL", None)
