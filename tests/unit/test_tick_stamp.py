"""One tick time, 08:00 Beijing of the day, for the tick's rows (TickContext.stamp) and its mail fetch."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from models.tick_time import tick_stamp
from tasks import tick_steps
from tasks.context import TickContext

DAY = dt.date(2026, 6, 15)


def test_the_tick_stamp_is_eight_oclock_beijing_which_is_midnight_utc() -> None:
    assert tick_stamp(DAY) == dt.datetime(2026, 6, 15, 0, 0, tzinfo=dt.UTC)
    assert tick_stamp(DAY).utcoffset() == dt.timedelta(hours=8)


def test_the_context_and_the_mail_fetch_share_the_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    marked = dt.datetime(2030, 1, 1, 3, tzinfo=dt.UTC)
    for module in ("tasks.tick_steps", "tasks.context"):       # both must call the one function
        monkeypatch.setattr(f"{module}.tick_stamp", lambda day: marked if day == DAY else None)
    ctx = TickContext(1, 2026, "h", None, None, DAY, [], [])   # type: ignore[arg-type]
    assert ctx.stamp is marked
    seen = {}

    def run_fetch(*, at: dt.datetime, year: int) -> SimpleNamespace:
        seen["at"] = at
        return SimpleNamespace(summary=lambda: "收取 0 封")
    monkeypatch.setattr("tasks.tick_steps.get_settings", lambda: SimpleNamespace(mailbox_url="imap://x"))
    monkeypatch.setattr("tasks.mailbox.service.run_fetch", run_fetch)
    ref = SimpleNamespace(year=2026)
    assert tick_steps.fetch_mailbox(ref, DAY) == ["收取 0 封"]   # type: ignore[arg-type]
    assert seen["at"] is marked
