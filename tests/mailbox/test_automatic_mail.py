"""Auto-replies, bounces and read receipts are told apart from mail a person wrote."""

from __future__ import annotations

from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from tasks.mailbox.automatic import AUTO_REPLY, BOUNCE, READ_RECEIPT
from tasks.mailbox.parse import parse_mail
from tests.support.mail_samples import mail

CLERK = "fx@feixi.cn"


def _report(report_type: str, sender: str = "MAILER-DAEMON@163.com", subject: str = "Returned") -> bytes:
    msg = MIMEMultipart("report", report_type=report_type)
    msg["From"], msg["Subject"] = sender, subject
    msg.attach(MIMEText("邮件无法投递", "plain", "utf-8"))
    return msg.as_bytes()


@pytest.mark.parametrize(("raw", "kind"), [
    (mail(sender=CLERK, subject="自动回复：回执：已收到并登记", style="qq"), AUTO_REPLY),
    (mail(sender=CLERK, subject="Automatic reply: 回执", style="outlook"), AUTO_REPLY),
    (mail(sender=CLERK, subject="回执", headers={"Auto-Submitted": "auto-replied"}), AUTO_REPLY),
    (mail(sender=CLERK, subject="休假中", headers={"X-Autoreply": "yes"}), AUTO_REPLY),
    (mail(sender=CLERK, subject="收到", headers={"Precedence": "auto_reply"}), AUTO_REPLY),
    (mail(sender="postmaster@feixi.cn", subject="邮件投递失败", style="163"), BOUNCE),
    (mail(sender="someone@163.com", subject="系统退信", style="163"), BOUNCE),
    (mail(sender="x@qq.com", subject="Undeliverable: 回执：未能登记", style="outlook"), BOUNCE),
    (_report("delivery-status"), BOUNCE),
    (_report("disposition-notification", sender=CLERK, subject="已读: 回执"), READ_RECEIPT),
    (mail(sender=CLERK, subject="已读：回执：已收到并登记", style="qq"), READ_RECEIPT),
])
def test_mail_no_person_wrote_is_named(raw: bytes, kind: str) -> None:
    assert parse_mail(raw).automatic == kind


@pytest.mark.parametrize("subject", ["5月台账", "回复：回执：未能登记（已改正）", "关于自动回复功能的说明",
                                     "退休职工法律援助台账", "Re: 台账"])
def test_mail_a_person_wrote_is_not(subject: str) -> None:
    raw = mail(sender=CLERK, subject=subject, headers={"Auto-Submitted": "no"},
               attachments=[("台账.xlsx", b"x")])
    assert parse_mail(raw).automatic == ""
