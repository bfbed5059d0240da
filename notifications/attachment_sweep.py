"""Remove staged outbox files no row needs any more (models/outbox_files.py), after a dispatch.

Only files under LEGALCAP_HOME/outbox-files/ that some row references are considered: a file still
referenced by an unsent row is never removed, and a file no row names is left alone (it may belong to a
row being written right now).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from models.outbox_files import CarryingRow, removable_paths
from models.tables import Notification
from notifications.attachments import FOLDER

log = logging.getLogger("legalcap.notifications")
_T = Notification.__table__.c  # type: ignore[attr-defined]  # SQLModel sets __table__ on table classes


def sweep_outbox_files(engine: Engine, home: Path, *, as_of: dt.date, keep_days: int) -> int:
    """Delete the files every referencing row is done with for `keep_days`; how many were removed."""
    root = (home / FOLDER).resolve()
    if not root.is_dir():
        return 0
    stmt = (select(_T.status, _T.created_on, _T.sent_at, _T.attachments_json)
            .where(_T.attachments_json != "[]", _T.attachments_json != ""))
    with engine.connect() as connection:
        rows = [CarryingRow(*r) for r in connection.execute(stmt)]
    removed = 0
    for rel in sorted(removable_paths(rows, as_of=as_of, keep_days=keep_days)):
        removed += _remove(home, root, rel)
    return removed


def _remove(home: Path, root: Path, rel: str) -> int:
    """Remove one staged file (and its folder once empty); 1 if a file was removed."""
    path = (home / rel).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return 0
    try:
        path.unlink()
        if path.parent != root and not any(path.parent.iterdir()):
            path.parent.rmdir()
    except OSError as exc:  # a file that cannot be removed now is tried again after the next dispatch
        log.warning("发件附件未能清理：%s（%s）", path.name, exc.strerror or exc)
        return 0
    return 1
