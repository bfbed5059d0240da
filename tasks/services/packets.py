"""Build the evaluation packets and tell the evaluators (once per distinct build)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.db import session_scope
from tasks.context import load_programme
from tasks.packets.build import BuildReport, build_packets
from tasks.packets.check import announce_build, default_folder
from tasks.runtime import get_engine


@dataclass(frozen=True)
class PacketsBuilt:
    report: BuildReport
    queued: int                   # 0 when the evaluators were already told of the very same packets


def build_and_announce(as_of: dt.date, out: Path | None, by: str, at: dt.datetime, year: int | None,
                       progress: Callable[[str, int], None]) -> PacketsBuilt:
    """Build every unit's packet into `out` (default LEGALCAP_HOME/packets/<year>) and queue the message."""
    engine = get_engine()
    ref = load_programme(engine, year)
    report = build_packets(engine, ref, as_of, out or default_folder(ref.year), progress=progress)
    with session_scope(engine) as session:
        queued = announce_build(session, ref, report, at=at, by=by)
    return PacketsBuilt(report, queued)
