"""Test helper: the demo's Hefei unit (肥西县) taken through the preparation gate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from models.db import session_scope
from tasks.demo.apply import DemoWriter
from tasks.demo.scenario import PREPARATION_KINDS, demo_events

STAMP = dt.datetime(2026, 5, 8, 9, tzinfo=dt.UTC)


def feixi_through_the_gate(engine, programme, folder: Path) -> None:
    """Apply the demo's phase-1 events of 合肥市 up to July: 肥西县 is implementing from early June."""
    events = demo_events(programme.calendar, dt.date(2026, 5, 1), dt.date(2027, 4, 30))
    with session_scope(engine) as session:
        writer = DemoWriter(session, programme, folder, STAMP)
        for ev in events:
            if ev.city_code == "340100" and ev.kind in PREPARATION_KINDS and ev.on <= dt.date(2026, 7, 1):
                writer.apply(ev)
