"""A receipt goes back to the exact address that sent the file (LEGALCAP_SMTP_URL), never to a forged one.

The outbox row stores the address (no URL, no secret); the dispatcher builds the Apprise mailto URL with
`to=<address>` and the password from the environment at send time. Without an e-mail route the receipt
goes to the sender's unit route, and the province is told so once.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pytest
from sqlmodel import select

from models.db import session_scope
from models.mailbox import MailMessage
from notifications.direct_mail import mail_route
from notifications.dispatcher import NO_MAIL_ROUTE_RULE, RetryPolicy, dispatch
from notifications.routes import Routes
from tasks.mailbox.process import assign
from tests.mailbox.helpers import FEIXI, NOW, FakeIntake, add_contact, context, outbox, process_stored, put
from tests.support.mail_samples import mail
from tests.wire.servers import MailServer, running_mail_server

CLERK = "zhang.clerk@qq.com"      # the county clerk's own QQ address, registered as a contact of 肥西县
SECRET = "Smtp-Auth-Code-9f8e7d6c5b4a"
POLICY = RetryPolicy(3, (5, 30))
FORGED = {"Authentication-Results": "mx.163.com; spf=fail smtp.mailfrom=qq.com; dmarc=fail"}


@pytest.fixture
def mail_server():
    with running_mail_server() as server:
        yield server


def _smtp_routes(server: MailServer) -> Routes:
    url = f"mailto://legalcap@127.0.0.1:{server.port}?from=legalcap@example.org&mode=insecure"
    return Routes(None, mail_route(url, SECRET))


def _receive(engine, home: Path, *files: str, sender: str = CLERK, headers: dict | None = None) -> None:
    attachments = [(name, b"bytes-" + name.encode()) for name in files]
    put(engine, home, mail(sender=sender, subject="5月台账", attachments=attachments, style="qq",
                           headers=headers))
    _process(engine, home)


def _process(engine, home: Path) -> None:
    process_stored(engine, context(home, FakeIntake()))


def _receipts(engine):
    return outbox(engine, "mailbox_receipt")


def test_the_receipt_row_holds_the_senders_own_address_and_keeps_the_units_tag(engine, home) -> None:
    add_contact(engine, CLERK)
    _receive(engine, home, "肥西县工作台账.xlsx")
    (row,) = _receipts(engine)
    assert (row.to_address, row.audience) == (CLERK, f"unit-{FEIXI}")
    assert "://" not in row.to_address and SECRET not in row.to_address


def test_a_message_without_attachment_gets_its_refusal_at_the_senders_address(engine, home) -> None:
    add_contact(engine, CLERK)
    _receive(engine, home)
    (row,) = _receipts(engine)
    assert row.to_address == CLERK and "没有附件" in row.body


def test_an_unknown_sender_is_held_without_any_receipt(engine, home) -> None:
    _receive(engine, home, "台账.xlsx", sender="stranger@qq.com")
    assert _receipts(engine) == []
    assert [n.rule for n in outbox(engine)] == ["mailbox_held"]


def test_a_forged_sender_assigned_by_the_province_gets_no_receipt_at_the_forged_address(engine, home) -> None:
    add_contact(engine, CLERK)
    _receive(engine, home, "台账.xlsx", headers=FORGED)
    assert _receipts(engine) == []                       # held, as before
    with session_scope(engine) as session:
        (row,) = session.exec(select(MailMessage)).all()
        assign(session, row, FEIXI, NOW)
    _process(engine, home)
    (receipt,) = _receipts(engine)
    assert (receipt.to_address, receipt.audience) == ("", f"unit-{FEIXI}")   # the unit's route only


def test_an_unknown_but_genuine_sender_assigned_by_the_province_gets_the_receipt_at_her_address(
        engine, home) -> None:
    _receive(engine, home, "台账.xlsx", sender="Li.Clerk@QQ.com")
    with session_scope(engine) as session:
        (row,) = session.exec(select(MailMessage)).all()
        assign(session, row, FEIXI, NOW)
    _process(engine, home)
    (receipt,) = _receipts(engine)
    assert (receipt.to_address, receipt.audience) == ("li.clerk@qq.com", f"unit-{FEIXI}")


def test_dispatch_sends_the_receipt_by_smtp_to_that_address_alone_without_keeping_the_secret(
        engine, home, mail_server, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    add_contact(engine, CLERK)
    _receive(engine, home, "肥西县工作台账.xlsx")
    report = dispatch(engine, _smtp_routes(mail_server), POLICY, now=NOW, year=2026, home=home)
    assert report.rows_sent == 1 and report.errors == []
    (sent,) = mail_server.mails
    assert sent.rcpt_tos == [CLERK] and sent.message["To"] == CLERK
    assert sent.mail_from == "legalcap@example.org" and mail_server.logins == ["legalcap"]
    assert sent.message["Subject"].startswith("回执：已收到并登记")
    # an automatic answer: the clerk's out-of-office reply must not answer it (no receipt loop)
    headers = sent.message["Auto-Submitted"], sent.message["X-Auto-Response-Suppress"]
    assert headers == ("auto-replied", "All")
    (row,) = _receipts(engine)
    assert row.status == "sent"
    stored = json.dumps(row.model_dump(mode="json"), ensure_ascii=False)
    assert SECRET not in stored and SECRET not in caplog.text
    assert not (home / "outbox").exists()                 # nothing went to the unit's tag route
    assert [n.rule for n in outbox(engine)] == ["mailbox_receipt"]   # no note: the route is configured


def test_two_senders_of_one_unit_on_one_day_each_get_their_own_mail(engine, home, mail_server) -> None:
    add_contact(engine, CLERK)
    add_contact(engine, "director@feixi.gov.cn")
    _receive(engine, home, "肥西县工作台账.xlsx")
    _receive(engine, home, "附件2 工作方案.docx", sender="director@feixi.gov.cn")
    assert {r.urgent for r in _receipts(engine)} == {False}   # both would share one digest by tag alone
    dispatch(engine, _smtp_routes(mail_server), POLICY, now=NOW, year=2026, home=home)
    assert sorted(m.rcpt_tos[0] for m in mail_server.mails) == ["director@feixi.gov.cn", CLERK]
    assert all(len(m.rcpt_tos) == 1 for m in mail_server.mails)


def test_without_an_smtp_route_the_receipt_goes_to_the_units_route_and_the_province_is_told_once(
        engine, home) -> None:
    add_contact(engine, CLERK)
    _receive(engine, home, "肥西县工作台账.xlsx")
    dispatch(engine, Routes(None), POLICY, now=NOW, year=2026, home=home)
    delivered = (home / "outbox" / f"unit-{FEIXI}.jsonl").read_text(encoding="utf-8")
    assert "回执：已收到并登记" in delivered
    notes = outbox(engine, NO_MAIL_ROUTE_RULE)
    assert [(n.audience, n.status) for n in notes] == [("province", "pending")]
    assert "LEGALCAP_SMTP_URL" in notes[0].body
    _receive(engine, home, "附件2 工作方案.docx")
    later = NOW + dt.timedelta(days=1)
    dispatch(engine, Routes(None), POLICY, now=later, year=2026, home=home)
    assert len(outbox(engine, NO_MAIL_ROUTE_RULE)) == 1


def test_the_unit_page_still_lists_the_mail_receipt_by_its_tag(engine, home) -> None:
    add_contact(engine, CLERK)
    _receive(engine, home, "肥西县工作台账.xlsx")
    from tasks.web_receipts import unit_receipts

    rows = unit_receipts(engine, FEIXI)
    assert [r["channel"] for r in rows] == ["邮件报送"]
