"""The demo's 萧县 and 宿州市 hand in every kind of material by e-mail (MailingDemoWriter): each day's mail is
fetched from the demo's Maildir and registered by the intake service, received on the day it arrived, from
the right sender with the subject the reminders give; one receipt per file goes back to that sender."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from config.divisions import county_by_name
from models.db import session_scope
from models.mailbox import MailAttachment, MailMessage
from models.preparation import Recommendation, WorkPlan
from models.send_instructions import subject_for
from models.tables import Notification
from tasks.demo.by_mail import MailingDemoWriter
from tasks.demo.contacts import register_demo_contacts
from tasks.demo.mail import MAILDIR, city_address, ensure_maildir, unit_address
from tasks.demo.scenario import UNITS, Event, demo_events

XIAOXIAN = next(u for u in UNITS if u.city_code == "341300")   # 工作方案被退回一次: a revised plan too
COUNTY = county_by_name(XIAOXIAN.city_code, XIAOXIAN.county)
KINDS = {"recommendation", "work_plan", "contacts", "filing", "archive", "procurement", "payment",
         "ledger_file", "report"}


def _events(ref) -> list[Event]:
    """萧县's preparation, contact, first ledger, first payment and reports (the province's acts stay)."""
    impl = ref.cfg.phases.implementation
    mine = [e for e in demo_events(ref.calendar, impl.start, impl.end)
            if e.city_code == XIAOXIAN.city_code and e.kind in KINDS]
    first_ledger = next(e for e in mine if e.kind == "ledger_file")
    return [e for e in mine if (e.kind != "ledger_file" or e is first_ledger)
            and (e.kind != "payment" or e.data["n"] == 1)]


@pytest.fixture
def mailed(db_url: str, programme, tmp_path: Path, monkeypatch) -> Iterator[Session]:
    """Each event day: the events applied, then the demo's Maildir fetched as that day's tick does."""
    from tasks.mailbox.service import run_fetch
    from tasks.runtime import get_engine

    monkeypatch.setenv("LEGALCAP_DATABASE_URL", db_url)
    monkeypatch.setenv("LEGALCAP_HOME", str(tmp_path))
    files = tmp_path / "demo-files"
    monkeypatch.setenv("LEGALCAP_MAILBOX_URL", f"maildir://{ensure_maildir(files / MAILDIR).resolve()}")
    engine = get_engine()
    at = dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC)
    with session_scope(engine) as session:
        register_demo_contacts(session, files, at)
    days: dict[dt.date, list[Event]] = defaultdict(list)
    for ev in _events(programme):
        days[ev.on].append(ev)
    for day, todays in sorted(days.items()):
        stamp = dt.datetime.combine(day, dt.time(9), dt.UTC)
        with session_scope(engine) as session:
            writer = MailingDemoWriter(session, programme, files, stamp)
            for ev in todays:
                writer.apply(ev)
        run_fetch(at=dt.datetime.combine(day, dt.time(8), dt.timezone(dt.timedelta(hours=8))), year=2026)
    with Session(engine) as session:
        yield session


def test_every_kind_arrives_by_mail_and_is_registered_once_with_nothing_held(mailed) -> None:
    mails = mailed.exec(select(MailMessage)).all()
    files = mailed.exec(select(MailAttachment)).all()
    assert {m.state for m in mails} == {"marked"}
    assert {a.outcome for a in files} == {"registered"} and len(files) == len(mails)
    assert {a.kind for a in files} == {"recommendation", "workplan", "archive", "procurement", "funds",
                                       "ledger", "summary", "results"}
    receipts = mailed.exec(select(Notification).where(Notification.rule == "mailbox_receipt")).all()
    assert len(receipts) == len(files)
    assert all(r.title.startswith("回执：已收到并登记") for r in receipts)
    assert not mailed.exec(select(Notification).where(Notification.rule == "mailbox_held")).all()


def test_the_city_sends_its_recommendation_and_the_unit_the_rest_under_the_reminders_subjects(mailed) -> None:
    mails = mailed.exec(select(MailMessage)).all()
    city, unit = city_address(COUNTY.city_code), unit_address(COUNTY)
    names = {"unit_code": COUNTY.code, "unit_name": COUNTY.name, "city_name": COUNTY.city_name}
    recommend = subject_for("recommendation", **names)
    assert {m.subject for m in mails if m.sender == city} == {recommend}
    assert len([m for m in mails if m.sender == city]) == 2          # 附件1 and the first 附件2
    allowed = {recommend, *(subject_for(k, **names) for k in ("preparation", "funds", "reports"))}
    theirs = {m.subject for m in mails if m.sender == unit}
    assert {s for s in theirs if not s.startswith("工作台账-")} == allowed  # the revised plan: 项目推荐-…
    receipts = mailed.exec(select(Notification).where(Notification.rule == "mailbox_receipt")).all()
    assert {r.audience for r in receipts} == {f"city-{COUNTY.city_code}", f"unit-{COUNTY.code}"}


def test_each_record_is_received_on_the_day_its_mail_arrived(mailed, programme) -> None:
    rec = mailed.exec(select(Recommendation)).one()
    assert rec.received_on == XIAOXIAN.submit_on and rec.contact_name == "王联络"
    plans = mailed.exec(select(WorkPlan).order_by(col(WorkPlan.id))).all()
    handed = [e.on for e in _events(programme) if e.kind == "work_plan"]
    assert [p.received_on for p in plans] == handed and handed[1] > XIAOXIAN.submit_on
    mails = mailed.exec(select(MailMessage)).all()
    assert all(m.received_on == _arrival_day(m) for m in mails)


def _arrival_day(m: MailMessage) -> dt.date:
    """The day of the message's Date header (the demo sends at 07:30 in Asia/Shanghai)."""
    from email.utils import parsedate_to_datetime

    from config.settings import get_settings

    raw = (get_settings().home_dir / m.eml_path).read_bytes()
    head = raw.split(b"\nDate: ", 1)[1].split(b"\n", 1)[0].decode()
    return parsedate_to_datetime(head).astimezone(dt.timezone(dt.timedelta(hours=8))).date()
