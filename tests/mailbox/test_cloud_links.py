"""A download link instead of an attachment is recognised, so the receipt can say what to do."""

from __future__ import annotations

from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from tasks.mailbox.cloud_links import cloud_attachment, receipt_lines
from tests.support.mail_samples import mail

QQ_HTML = ('<div>从QQ邮箱发来的超大附件</div><a href="https://wx.mail.qq.com/ftn/download?func=3&k=abc">'
           "肥西县台账.xlsx</a>")
NETEASE = "网易邮箱发来的超大附件：https://mail.163.com/large-attachment-download/index.html?p=X&file=Y"


def _html_mail(html: str, charset: str) -> bytes:
    msg = MIMEMultipart("alternative")
    msg["From"], msg["Subject"] = "fx@feixi.cn", "台账"
    msg.attach(MIMEText("见链接", "plain", charset))
    msg.attach(MIMEText(html, "html", charset))
    return msg.as_bytes()


@pytest.mark.parametrize(("raw", "said"), [
    (_html_mail(QQ_HTML, "gb18030"), "QQ 邮箱"),
    (_html_mail(QQ_HTML, "utf-8"), "QQ 邮箱"),
    (mail(sender="fx@feixi.cn", subject="台账", body=NETEASE, style="163"), "网易邮箱"),
    (mail(sender="fx@feixi.cn", subject="台账", body="链接: https://pan.baidu.com/s/1abc 提取码: x1y2",
          style="qq"), "网盘分享链接"),
    (mail(sender="fx@feixi.cn", subject="台账（云附件）", body="请查收", style="foxmail"), "云附件"),
])
def test_each_kind_of_download_link_is_named(raw: bytes, said: str) -> None:
    assert said in cloud_attachment(raw)


def test_a_plain_mail_without_a_link_names_none() -> None:
    assert cloud_attachment(mail(sender="fx@feixi.cn", subject="台账", body="您好，材料见附件。")) == ""
    assert cloud_attachment(b"\xff\xfe not a mail") == ""


def test_the_receipt_says_why_nothing_was_registered_and_the_size_limit() -> None:
    lines = receipt_lines("5月台账", "网盘分享链接", 25.0)
    assert "“5月台账”" in lines[0] and "不能从链接下载" in lines[0] and "未登记任何材料" in lines[0]
    assert "普通附件" in lines[1] and "25 MB" in lines[1] and ".zip" in lines[1]
