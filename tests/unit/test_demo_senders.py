"""Who sends the demo's mail and when: the city its 附件1, the unit the rest once its contact is registered;
a day's messages arrive in the order they were sent, all before the day's fetch."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from config.divisions import county_by_name
from config.loader import default_config_path, load_programme_config
from tasks.context import calendar_for
from tasks.demo.mail import city_address, city_sender, deliver, demo_mail, unit_sender
from tasks.demo.scenario import UNITS, demo_events
from tasks.mailbox.parse import parse_mail

CFG = load_programme_config(default_config_path(2026))
UNIT_SENDS = {"archive", "procurement", "payment", "ledger_file", "ledger_mistake", "report"}


def test_each_units_contact_is_registered_after_its_recommendation_and_before_it_sends_anything() -> None:
    cal = calendar_for(False)
    events = demo_events(cal, CFG.phases.implementation.start, CFG.phases.implementation.end)
    for u in UNITS:
        mine = [e for e in events if e.city_code == u.city_code]
        [contact] = [e for e in mine if e.kind == "contacts"]
        assert contact.on > cal.workday_on_or_after(u.submit_on)   # its 附件1 was registered by then
        sent = [e.on for e in mine if e.kind in UNIT_SENDS
                or (e.kind == "work_plan" and e.data.get("revision", 1) > 1)]
        assert sent and contact.on < min(sent), u.county


@pytest.mark.parametrize("code", ["340100", "340200"])   # 合肥市 (odd prefix: GB18030), 芜湖市 (RFC 2231)
def test_a_citys_mail_reads_as_sent_from_the_citys_address(code) -> None:
    u = next(u for u in UNITS if u.city_code == code)
    county = county_by_name(u.city_code, u.county)
    name = "附件1-实施项目单位推荐表.docx"
    subject = f"项目推荐-{county.city_name}-{county.name}"
    parsed = parse_mail(demo_mail(city_sender(county), subject, "见附件", [(name, b"x")], u.submit_on, "r"))
    assert (parsed.sender, parsed.subject) == (city_address(code), subject)
    assert [(a.name, a.data) for a in parsed.attachments] == [(name, b"x")]
    assert city_sender(county).address != unit_sender(county).address


def test_a_days_messages_arrive_in_the_order_sent_before_the_fetch(tmp_path) -> None:
    county = county_by_name("340100", "肥西县")
    on = dt.date(2026, 6, 3)
    paths = [deliver(tmp_path / "box", demo_mail(unit_sender(county), "s", "b", [], on, f"t{n}", n), on,
                     f"t{n}", n) for n in range(3)]
    times = [os.stat(p).st_mtime for p in paths]
    assert times == sorted(times) and len(set(times)) == 3
    local = dt.datetime.fromtimestamp(times[-1], dt.timezone(dt.timedelta(hours=8)))
    assert local.date() == on and local.hour < 8
