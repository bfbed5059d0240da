"""Fetch from a real Dovecot: each message stored, imported and marked once; drills; no password leaks."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import text

from models.mailbox import MailMessage
from tasks.mailbox import fetch as fetch_module
from tasks.mailbox import imap
from tasks.mailbox.account import MailboxAccount, MailboxError
from tasks.mailbox.fetch import fetch_mail, preview
from tests.mailbox.helpers import FEIXI, FakeIntake, add_contact, context, messages, outbox
from tests.support.dovecot import DovecotServer
from tests.support.mail_samples import mail, windows_zip

PROCESSED = "已登记"
LATE = dt.datetime(2026, 5, 12, 15, 59, 30, tzinfo=dt.UTC).timestamp()     # 23:59:30 in Shanghai
NEXT_DAY = dt.datetime(2026, 5, 12, 16, 0, 30, tzinfo=dt.UTC).timestamp()  # 00:00:30 on 5-13


def _account(server: DovecotServer, user: str, *, password: str | None = None, mark: str = "move",
             port: int | None = None) -> MailboxAccount:
    return MailboxAccount(scheme="imap", host=server.host, port=port or server.port, user=user,
                          folder="INBOX", processed_folder=PROCESSED, mark=mark, timeout=20,
                          password=server.password if password is None else password)


def _deliver_three(server: DovecotServer, user: str) -> None:
    server.append(user, mail(sender="fx@feixi.cn", subject="肥西县5月工作台账", style="qq",
                             attachments=[("肥西县工作台账.xlsx", b"ledger")]), when=LATE)
    server.append(user, mail(sender="fx@feixi.cn", subject="材料打包", style="outlook",
                             attachments=[("材料.zip", windows_zip([("附件2 工作方案.docx", b"plan"),
                                                                   ("经费支出登记表.xlsx", b"funds")]))]),
                  when=NEXT_DAY)
    server.append(user, mail(sender="someone@qq.com", subject="台账", style="foxmail",
                             attachments=[("台账.xlsx", b"other")]), when=NEXT_DAY)


def test_fetch_stores_imports_and_moves_each_message_once(engine, dovecot, imap_user, tmp_path) -> None:
    add_contact(engine, "fx@feixi.cn")
    _deliver_three(dovecot, imap_user)
    intake = FakeIntake()
    report = fetch_mail(engine, _account(dovecot, imap_user), context(tmp_path, intake))
    assert (report.listed, report.new, report.marked) == (3, 3, 2)
    names = ["肥西县工作台账.xlsx", "附件2 工作方案.docx", "经费支出登记表.xlsx"]
    assert [c.name for c in intake.calls] == names
    assert [c.received_on for c in intake.calls] == [dt.date(2026, 5, 12), dt.date(2026, 5, 13),
                                                    dt.date(2026, 5, 13)]
    assert [(m.state, m.sender) for m in messages(engine)] == [
        ("marked", "fx@feixi.cn"), ("marked", "fx@feixi.cn"), ("held", "someone@qq.com")]
    assert (dovecot.count(imap_user), dovecot.count(imap_user, PROCESSED)) == (1, 2)  # held mail stays
    for row in messages(engine):
        assert (tmp_path / row.eml_path).is_file()
    again = fetch_mail(engine, _account(dovecot, imap_user), context(tmp_path, intake))
    assert (again.listed, again.new, again.marked, len(intake.calls)) == (1, 0, 0, 3)
    assert len(outbox(engine, "mailbox_receipt")) == 3
    assert [n.audience for n in outbox(engine, "mailbox_held")] == ["province"]


def test_killed_between_store_and_import_then_rerun(engine, dovecot, imap_user, tmp_path,
                                                    monkeypatch) -> None:
    add_contact(engine, "fx@feixi.cn")
    _deliver_three(dovecot, imap_user)
    intake = FakeIntake()
    with monkeypatch.context() as m:
        m.setattr(fetch_module, "process_row", _killed)
        with pytest.raises(KeyboardInterrupt):
            fetch_mail(engine, _account(dovecot, imap_user), context(tmp_path, intake))
    assert [r.state for r in messages(engine)] == ["stored"] * 3 and intake.calls == []
    assert dovecot.count(imap_user) == 3                     # nothing marked before it was imported
    fetch_mail(engine, _account(dovecot, imap_user), context(tmp_path, intake))
    assert len(intake.calls) == 3 and len(outbox(engine, "mailbox_receipt")) == 3
    assert (dovecot.count(imap_user), dovecot.count(imap_user, PROCESSED)) == (1, 2)


def test_killed_between_import_and_marking_then_rerun(engine, dovecot, imap_user, tmp_path,
                                                      monkeypatch) -> None:
    add_contact(engine, "fx@feixi.cn")
    _deliver_three(dovecot, imap_user)
    intake = FakeIntake()
    with monkeypatch.context() as m:
        m.setattr(imap, "mark", _killed)
        with pytest.raises(KeyboardInterrupt):
            fetch_mail(engine, _account(dovecot, imap_user), context(tmp_path, intake))
    assert [r.state for r in messages(engine)] == ["imported", "imported", "held"]
    assert dovecot.count(imap_user) == 3
    report = fetch_mail(engine, _account(dovecot, imap_user), context(tmp_path, intake))
    assert (report.new, report.marked, len(intake.calls)) == (0, 2, 3)
    assert len(outbox(engine, "mailbox_receipt")) == 3
    assert [r.state for r in messages(engine)] == ["marked", "marked", "held"]


def test_flag_mode_leaves_mail_in_the_inbox_and_does_not_import_it_again(engine, dovecot, imap_user,
                                                                          tmp_path) -> None:
    add_contact(engine, "fx@feixi.cn")
    _deliver_three(dovecot, imap_user)
    intake = FakeIntake()
    for _ in range(2):
        fetch_mail(engine, _account(dovecot, imap_user, mark="flag"), context(tmp_path, intake))
    assert (dovecot.count(imap_user), len(intake.calls)) == (3, 3)


def test_dry_run_changes_nothing(engine, dovecot, imap_user, tmp_path) -> None:
    add_contact(engine, "fx@feixi.cn")
    _deliver_three(dovecot, imap_user)
    report = preview(engine, _account(dovecot, imap_user), context(tmp_path, FakeIntake()))
    assert len(report.preview) == 3
    assert "附件2 工作方案.docx" in report.preview[1]
    assert "不在通讯录" in report.preview[2]
    assert messages(engine) == [] and outbox(engine) == []
    assert dovecot.count(imap_user) == 3 and not (tmp_path / "mail").exists()


def test_login_refused_and_server_gone_are_one_chinese_line_and_a_notice(engine, dovecot, imap_user,
                                                                        tmp_path) -> None:
    wrong = "wrong-password-77"
    with pytest.raises(MailboxError, match="拒绝登录") as refused:
        fetch_mail(engine, _account(dovecot, imap_user, password=wrong), context(tmp_path, FakeIntake()))
    assert wrong not in str(refused.value)
    closed = _closed_port()
    with pytest.raises(MailboxError, match="无法连接邮箱服务器"):
        fetch_mail(engine, _account(dovecot, imap_user, port=closed), context(tmp_path, FakeIntake()))
    [notice] = outbox(engine, "mailbox_unreachable")    # one a day, however many failures
    assert notice.audience == "province" and "拒绝登录" in notice.body


def test_connection_dropped_mid_fetch_keeps_what_was_stored(engine, dovecot, imap_user, tmp_path,
                                                           monkeypatch) -> None:
    add_contact(engine, "fx@feixi.cn")
    _deliver_three(dovecot, imap_user)
    real = imap.fetch_raws

    def drops_after_first(box, items):
        for n, pair in enumerate(real(box, items)):
            yield pair
            if n == 0:
                box.client.shutdown()          # the server side is gone mid-session

    with monkeypatch.context() as m:
        m.setattr(imap, "RAW_BULK", 1)         # one message per FETCH, so the next one needs the server
        m.setattr(imap, "fetch_raws", drops_after_first)
        with pytest.raises(MailboxError, match="连接中断"):
            fetch_mail(engine, _account(dovecot, imap_user), context(tmp_path, FakeIntake()))
    assert len(messages(engine)) == 1
    intake = FakeIntake()
    fetch_mail(engine, _account(dovecot, imap_user), context(tmp_path, intake))
    assert len(messages(engine)) == 3 and len(intake.calls) == 3


def test_the_password_never_reaches_logs_files_or_the_database(engine, dovecot, imap_user, tmp_path,
                                                               caplog) -> None:
    add_contact(engine, "fx@feixi.cn")
    _deliver_three(dovecot, imap_user)
    caplog.set_level(logging.DEBUG)
    fetch_mail(engine, _account(dovecot, imap_user), context(tmp_path, FakeIntake()))
    with pytest.raises(MailboxError):
        fetch_mail(engine, _account(dovecot, imap_user, password="not-it-" + dovecot.password),
                   context(tmp_path, FakeIntake()))
    secret = dovecot.password
    assert secret not in caplog.text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    with engine.connect() as conn:
        for table in ("mailmessage", "mailattachment", "notification", "auditevent", "contact"):
            for row in conn.execute(text(f"SELECT * FROM {table}")):
                assert secret not in repr(tuple(row)), table


def test_arrival_day_is_the_internaldate_in_shanghai(engine, dovecot, imap_user, tmp_path) -> None:
    add_contact(engine, "fx@feixi.cn")
    _deliver_three(dovecot, imap_user)
    fetch_mail(engine, _account(dovecot, imap_user), context(tmp_path, FakeIntake()))
    rows: list[MailMessage] = messages(engine)
    assert [r.received_on for r in rows] == [dt.date(2026, 5, 12), dt.date(2026, 5, 13), dt.date(2026, 5, 13)]
    assert {r.unit_code for r in rows} == {None}
    assert FEIXI


def test_bad_mail_gets_a_receipt_or_is_held_and_nothing_crashes(engine, dovecot, imap_user, tmp_path) -> None:
    add_contact(engine, "fx@feixi.cn")
    bomb = _zip_of_zeros(3 << 20)
    sends = [
        ("没有附件", [], {}),
        ("台账", [("台账错误.xlsx", b"unreadable")], {}),
        ("压缩包", [("材料.zip", bomb)], {}),
        ("大附件", [("扫描件.pdf", bytes(6 << 20))], {}),
        ("冒用", [("台账.xlsx", b"x")], {"Authentication-Results": "mx.163.com; spf=fail; dmarc=fail"}),
        ("回复：回执：已收到并登记（台账）", [], {"In-Reply-To": "<receipt@legalcap>"}),
    ]
    for n, (subject, files, headers) in enumerate(sends):
        dovecot.append(imap_user, mail(sender="fx@feixi.cn", subject=subject, attachments=files,
                                       headers=headers, message_id=f"<bad{n}@x>"), when=LATE)
    intake = FakeIntake()
    report = fetch_mail(engine, _account(dovecot, imap_user), context(tmp_path, intake))
    assert (report.new, report.failed, [c.name for c in intake.calls]) == (6, [], ["台账错误.xlsx"])
    bodies = [n.body for n in outbox(engine, "mailbox_receipt")]
    assert len(bodies) == 4
    assert "没有附件" in bodies[0] and "第 3 行日期不正确" in bodies[1]
    assert "压缩炸弹" in bodies[2] and "附件过大（6 MB，上限 5 MB）" in bodies[3]
    held = [(m.subject, m.held_reason) for m in messages(engine) if m.state == "held"]
    assert held == [("冒用", "发件人地址未通过邮件服务商验证（疑似冒用）"),
                    ("回复：回执：已收到并登记（台账）", "为回复邮件且没有附件")]
    assert len(outbox(engine, "mailbox_held")) == 2


def _zip_of_zeros(size: int) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("台账.xlsx", bytes(size))
    return buf.getvalue()


def _killed(*args, **kwargs):
    raise KeyboardInterrupt  # as if the process were killed at this point


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
