"""The demo's units e-mail their ledgers: the same event gives the same bytes, which the intake reads;
three units send one month's ledger wrong first and the corrected one three working days later."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from config.divisions import county_by_name
from config.loader import default_config_path, load_programme_config
from tasks.context import calendar_for
from tasks.demo.mail import deliver, ledger_mail, unit_address
from tasks.demo.scenario import CORRECTED_AFTER, SENDS_BAD_LEDGER, UNITS, demo_events
from tasks.mailbox.parse import parse_mail

CFG = load_programme_config(default_config_path(2026))
ON = dt.date(2026, 8, 5)


@pytest.mark.parametrize("unit", [u for u in UNITS if u.city_code in ("340100", "340200")])  # GBK, 2231
def test_a_demo_mail_is_fixed_by_its_event_and_reads_as_sent(unit, tmp_path) -> None:
    county = county_by_name(unit.city_code, unit.county)
    args = (county, "工作台账-x-2026年7月", f"{county.name}工作台账（2026-07）.xlsx", b"xlsx", ON, "t")
    raw = ledger_mail(*args)
    assert raw == ledger_mail(*args)
    parsed = parse_mail(raw)
    assert (parsed.sender, parsed.subject) == (unit_address(county), "工作台账-x-2026年7月")
    assert [(a.name, a.data) for a in parsed.attachments] == [(args[2], b"xlsx")]
    path = deliver(tmp_path / "box", raw, ON, "t")
    local = dt.datetime.fromtimestamp(os.stat(path).st_mtime, dt.timezone(dt.timedelta(hours=8)))
    assert path.parent.name == "new" and local.date() == ON and local.hour < 8  # before the day's fetch


def test_three_units_send_one_bad_ledger_then_the_corrected_one() -> None:
    cal = calendar_for(False)
    events = demo_events(cal, CFG.phases.implementation.start, CFG.phases.implementation.end)
    mistakes = [e for e in events if e.kind == "ledger_mistake"]
    assert sorted(e.city_code for e in mistakes) == sorted(SENDS_BAD_LEDGER)
    for bad in mistakes:
        fixed = [e for e in events if e.kind == "ledger_file" and e.city_code == bad.city_code
                 and e.data["month"] == bad.data["month"]]
        assert [e.on for e in fixed] == [cal.add_workdays(bad.on, CORRECTED_AFTER)]
        assert fixed[0].data["rows"] == bad.data["rows"]
