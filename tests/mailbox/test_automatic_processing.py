"""Automatic mail is never answered nor imported; a download link gets a receipt saying why (SQLite and
PostgreSQL), and a Maildir fetch archives the automatic mail like an imported one."""

from __future__ import annotations

import mailbox
from email.mime.application import MIMEApplication
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

from config.settings import Settings
from tasks.mailbox.account import account_from_settings
from tasks.mailbox.fetch import fetch_mail
from tasks.mailbox.process import Processed
from tests.mailbox.helpers import FakeIntake, add_contact, context, messages, outbox, process_stored, put
from tests.support.mail_samples import mail

CLERK = "fx@feixi.cn"


def _bounce_of_a_receipt() -> bytes:
    """A bounce carrying our own receipt back, with its rejects workbook attached."""
    receipt = MIMEMultipart()
    receipt["Subject"], receipt["To"] = "回执：未能登记（5月台账）", CLERK
    rejects = MIMEApplication(b"rejects", "octet-stream")
    rejects.add_header("Content-Disposition", "attachment", filename="台账.rejects.xlsx")
    receipt.attach(rejects)
    bounce = MIMEMultipart("report", report_type="delivery-status")
    bounce["From"], bounce["Subject"] = "MAILER-DAEMON@163.com", "Undelivered Mail Returned to Sender"
    bounce.attach(MIMEText("收件人地址不存在", "plain", "utf-8"))
    bounce.attach(MIMEMessage(receipt))
    return bounce.as_bytes()


def _run(engine, home: Path, intake: FakeIntake) -> Processed:
    return process_stored(engine, context(home, intake))


def test_auto_replies_and_bounces_are_ignored_without_receipt_notice_or_import(engine, tmp_path) -> None:
    add_contact(engine, CLERK)
    put(engine, tmp_path, mail(sender=CLERK, subject="自动回复：回执：已收到并登记（5月台账）", style="qq"))
    put(engine, tmp_path, _bounce_of_a_receipt())
    put(engine, tmp_path, mail(sender=CLERK, subject="台账", headers={"Auto-Submitted": "auto-replied"},
                               attachments=[("台账.xlsx", b"x")]))
    intake = FakeIntake()
    report = _run(engine, tmp_path, intake)
    assert (report.ignored, report.held, report.files, intake.calls) == (3, 0, 0, [])
    assert outbox(engine) == []
    assert [(m.state, m.held_reason[:3]) for m in messages(engine)] == [
        ("ignored", "自动回"), ("ignored", "退信（"), ("ignored", "自动回")]


def test_a_download_link_instead_of_a_file_gets_a_receipt_saying_so(engine, tmp_path) -> None:
    add_contact(engine, CLERK)
    body = "从QQ邮箱发来的超大附件\n肥西县台账.xlsx https://wx.mail.qq.com/ftn/download?func=3&key=abc"
    put(engine, tmp_path, mail(sender=CLERK, subject="5月台账", body=body, style="qq"))
    put(engine, tmp_path, mail(sender=CLERK, subject="6月台账", body="您好", style="qq"))
    _run(engine, tmp_path, FakeIntake())
    link, plain = outbox(engine, "mailbox_receipt")
    assert "QQ 邮箱" in link.body and "不能从链接下载" in link.body and "不超过 5 MB" in link.body
    assert "没有附件" in plain.body and "链接" not in plain.body


def test_a_maildir_fetch_archives_automatic_mail_like_imported_mail(engine, tmp_path) -> None:
    root = tmp_path / "maildir"
    box = mailbox.Maildir(root, create=True)
    box.add(mail(sender=CLERK, subject="Automatic reply: 回执", style="outlook"))
    add_contact(engine, CLERK)
    settings = Settings(mailbox_url=f"maildir://{root}", mailbox_processed_folder="已登记")
    account = account_from_settings(settings)
    report = fetch_mail(engine, account, context(tmp_path, FakeIntake()))
    assert (report.processed.ignored, report.marked) == (1, 1)
    assert "不予登记（自动回复、退信等）1 封" in report.summary()
    assert len(mailbox.Maildir(root, create=False)) == 0 and outbox(engine) == []
    assert [m.state for m in messages(engine)] == ["ignored"]
