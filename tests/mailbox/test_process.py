"""Store and import on SQLite and PostgreSQL: once per message and attachment, held mail, receipts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from models.db import session_scope
from models.mailbox import MailMessage
from tasks.mailbox.process import Processed, assign
from tasks.mailbox.store import find_known, sha256
from tests.mailbox.helpers import (
    FEIXI,
    FakeIntake,
    add_contact,
    attachments,
    context,
    messages,
    outbox,
    process_stored,
    put,
)
from tests.support.mail_samples import mail

LEDGER = ("肥西县工作台账2026-05.xlsx", b"ledger-bytes")


def _run(engine, home: Path, intake: FakeIntake) -> Processed:
    return process_stored(engine, context(home, intake))


def test_storing_the_same_message_twice_keeps_one_row_and_one_file(engine, tmp_path: Path) -> None:
    raw = mail(sender="fx@feixi.cn", subject="台账", attachments=[LEDGER], style="qq")
    first, second = put(engine, tmp_path, raw), put(engine, tmp_path, raw)
    resent = put(engine, tmp_path, raw.replace(b"Subject:", b"X-Resent: 1\nSubject:"))  # same Message-ID
    assert first == second == resent
    [row] = messages(engine)
    assert row.sha256 == sha256(raw)
    assert (tmp_path / row.eml_path).read_bytes() == raw
    assert row.eml_path.startswith("mail/2026/05/")
    assert row.received_on == dt.date(2026, 5, 12)       # arrival in Shanghai, not processing (5-13)
    assert row.arrived_at.astimezone(dt.UTC) == dt.datetime(2026, 5, 12, 15, 59, 30, tzinfo=dt.UTC)


def test_a_known_sender_s_attachments_are_imported_once_with_one_receipt_each(engine, tmp_path: Path) -> None:
    add_contact(engine, "fx@feixi.cn")
    raw = mail(sender="FX@feixi.cn", subject="5月台账", style="foxmail",
               attachments=[LEDGER, ("台账错误.xlsx", b"bad")])
    put(engine, tmp_path, raw)
    intake = FakeIntake()
    report = _run(engine, tmp_path, intake)
    again = _run(engine, tmp_path, intake)
    assert [c.name for c in intake.calls] == [LEDGER[0], "台账错误.xlsx"]
    assert {c.unit_hint for c in intake.calls} == {FEIXI}
    assert {c.received_on for c in intake.calls} == {dt.date(2026, 5, 12)}
    assert (report.registered, report.refused, again.messages) == (1, 1, 0)
    receipts = outbox(engine, "mailbox_receipt")
    assert [r.audience for r in receipts] == [f"unit-{FEIXI}"] * 2
    assert receipts[0].title.startswith("回执：已收到并登记") and "新增 2 条" in receipts[0].body
    assert receipts[1].title.startswith("回执：未能登记") and "第 3 行日期不正确" in receipts[1].body
    assert [m.state for m in messages(engine)] == ["imported"]


def test_an_unknown_sender_is_held_never_imported_until_assigned(engine, tmp_path: Path) -> None:
    mail_id = put(engine, tmp_path, mail(sender="stranger@qq.com", subject="台账", attachments=[LEDGER]))
    intake = FakeIntake()
    assert _run(engine, tmp_path, intake).held == 1
    [row] = messages(engine)
    assert (row.state, intake.calls) == ("held", [])
    assert "不在通讯录中" in row.held_reason
    [notice] = outbox(engine)
    assert (notice.audience, notice.rule) == ("province", "mailbox_held")
    with session_scope(engine) as session:
        held = session.get(MailMessage, mail_id)
        assert held is not None
        assign(session, held, FEIXI, dt.datetime(2026, 5, 14, tzinfo=dt.UTC))
    _run(engine, tmp_path, intake)
    assert [(c.name, c.unit_hint) for c in intake.calls] == [(LEDGER[0], FEIXI)]
    assert [r.audience for r in outbox(engine, "mailbox_receipt")] == [f"unit-{FEIXI}"]


def test_the_same_attachment_sent_twice_is_recognised_not_imported_again(engine, tmp_path: Path) -> None:
    add_contact(engine, "fx@feixi.cn")
    put(engine, tmp_path, mail(sender="fx@feixi.cn", subject="台账", attachments=[LEDGER],
                               message_id="<a@x>"))
    put(engine, tmp_path, mail(sender="fx@feixi.cn", subject="台账（再发）", attachments=[LEDGER],
                               message_id="<b@x>"))
    intake = FakeIntake()
    report = _run(engine, tmp_path, intake)
    assert (len(intake.calls), report.registered, report.duplicate) == (1, 1, 1)
    second = outbox(engine, "mailbox_receipt")[1]
    assert "内容相同，已经登记，无需重复报送" in second.body


def test_no_attachment_gets_a_receipt_and_a_reply_without_one_is_held(engine, tmp_path: Path) -> None:
    add_contact(engine, "fx@feixi.cn")
    put(engine, tmp_path, mail(sender="fx@feixi.cn", subject="台账", message_id="<plain@x>"))
    put(engine, tmp_path, mail(sender="fx@feixi.cn", subject="回复：回执：已收到并登记", message_id="<re@x>"))
    intake = FakeIntake()
    _run(engine, tmp_path, intake)
    [receipt] = outbox(engine, "mailbox_receipt")
    assert "没有附件" in receipt.body and receipt.urgent
    assert [m.state for m in messages(engine)] == ["imported", "held"]
    assert intake.calls == []


def test_a_rar_and_a_file_intake_holds_get_receipts_and_a_province_notice(engine, tmp_path) -> None:
    add_contact(engine, "fx@feixi.cn")
    put(engine, tmp_path, mail(sender="fx@feixi.cn", subject="材料", attachments=[
        ("材料.rar", b"Rar!\x1a\x07\x00"), ("未知材料.docx", b"doc")]))
    intake = FakeIntake()
    report = _run(engine, tmp_path, intake)
    assert [c.name for c in intake.calls] == ["未知材料.docx"]
    assert (report.refused, report.held) == (1, 1)
    assert [a.outcome for a in attachments(engine)] == ["refused", "held"]
    assert "请改用 .zip" in outbox(engine, "mailbox_receipt")[0].body
    assert [n.audience for n in outbox(engine, "mailbox_held")] == ["province"]


def test_a_crash_after_the_first_attachment_resumes_with_the_second(engine, tmp_path: Path) -> None:
    add_contact(engine, "fx@feixi.cn")
    two = [LEDGER, ("经费.xlsx", b"f")]
    put(engine, tmp_path, mail(sender="fx@feixi.cn", subject="两份", attachments=two))
    intake = FakeIntake()

    def dies_on_second(received):
        if received.name == "经费.xlsx":
            raise KeyboardInterrupt  # the process is killed inside intake
        return intake(received)

    with pytest.raises(KeyboardInterrupt):
        _run(engine, tmp_path, dies_on_second)  # type: ignore[arg-type]
    assert [m.state for m in messages(engine)] == ["stored"]
    _run(engine, tmp_path, intake)
    assert [c.name for c in intake.calls] == [LEDGER[0], "经费.xlsx"]
    assert len(outbox(engine, "mailbox_receipt")) == 2
    assert [m.state for m in messages(engine)] == ["imported"]


def test_find_known_by_message_id_or_hash(engine, tmp_path: Path) -> None:
    raw = mail(sender="fx@feixi.cn", subject="台账", message_id="<id@x>")
    put(engine, tmp_path, raw)
    with session_scope(engine) as session:
        assert find_known(session, message_id="<id@x>") is not None
        assert find_known(session, digest=sha256(raw)) is not None
        assert find_known(session, message_id="<other@x>", digest="0" * 64) is None


def test_the_same_file_twice_in_one_message_is_imported_once(engine, tmp_path: Path) -> None:
    add_contact(engine, "fx@feixi.cn")
    twice = [LEDGER, ("副本.xlsx", LEDGER[1])]
    put(engine, tmp_path, mail(sender="fx@feixi.cn", subject="台账", attachments=twice))
    intake = FakeIntake()
    report = _run(engine, tmp_path, intake)
    assert (len(intake.calls), report.registered, report.duplicate) == (1, 1, 1)
    assert [a.outcome for a in attachments(engine)] == ["registered", "duplicate"]
    assert [m.state for m in messages(engine)] == ["imported"]
