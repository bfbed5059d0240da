"""E-mail through a local SMTP server (aiosmtpd): Chinese subject, HTML with a text alternative, files."""

from __future__ import annotations

import datetime as dt

import pytest

from notifications.digest import Batch, PendingItem
from notifications.dispatcher import send_batch
from notifications.routes import Routes
from tests.wire.conftest import write_config

TITLE = "【逾期】合肥市：项目推荐材料未按期报送"
BODY = "合肥市总工会：\n尚未收到：推荐表（附件1）。\n\n请尽快报送省总工会权益保障部。"
ATTACHMENT = "附件1-推荐表.csv"
CONTENT = "县（区）,联系人\n肥西县,张三\n".encode("utf-8-sig")


@pytest.fixture
def routes(tmp_path, mail_server, receiver) -> Routes:
    mailto = (f"mailto://user:pass@127.0.0.1:{mail_server.port}"
              "?from=legalcap@example.org&to=city@example.org&mode=insecure")
    config = write_config(tmp_path / "notify.yaml", [
        (mailto, "city-340100"),
        (receiver.url("city"), "city-340100"),
    ])
    return Routes(config)


@pytest.fixture
def attachment(tmp_path):
    path = tmp_path / ATTACHMENT
    path.write_bytes(CONTENT)
    return path


@pytest.fixture
def results(routes, attachment):
    item = PendingItem(7, "city-340100", dt.date(2026, 5, 13), True, TITLE, BODY)
    return send_batch(routes, Batch("city-340100", (item,), frozenset()), attach=(attachment,))


def test_both_targets_of_the_tag_report_success(results):
    assert sorted((r.name, r.ok) for r in results) == [("E-Mail", True), ("JSON", True)]


def test_the_mail_reaches_the_local_server_with_a_login_and_the_configured_addresses(results, mail_server):
    (mail,) = mail_server.mails
    assert mail.mail_from == "legalcap@example.org"
    assert mail.rcpt_tos == ["city@example.org"]
    assert mail_server.logins == ["user"]
    assert mail.message["To"] == "city@example.org"


def test_the_subject_decodes_to_the_chinese_title(results, mail_server):
    (mail,) = mail_server.mails
    assert mail.message["Subject"] == TITLE
    assert TITLE.encode("utf-8") not in mail.raw  # encoded as RFC 2047, not raw 8-bit


def test_the_mail_is_html_with_a_plain_text_alternative(results, mail_server):
    message = mail_server.mails[0].message
    assert message.is_multipart()
    (alternative,) = [p for p in message.walk() if p.get_content_type() == "multipart/alternative"]
    kinds = [p.get_content_type() for p in alternative.iter_parts()]
    assert kinds == ["text/plain", "text/html"]
    plain, html = alternative.iter_parts()
    assert "尚未收到：推荐表（附件1）。" in plain.get_content()
    assert "编号 #7" in plain.get_content()
    assert "<html" in html.get_content()
    assert f"<h2 style=\"font-size: 18px; margin: 0 0 12px;\">{TITLE}</h2>" in html.get_content()
    assert "合肥市总工会：<br>尚未收到：推荐表（附件1）。" in html.get_content()


def test_the_attachment_arrives_with_its_name_and_content(results, mail_server):
    message = mail_server.mails[0].message
    (attached,) = list(message.iter_attachments())
    assert attached.get_filename() == ATTACHMENT
    assert attached.get_payload(decode=True) == CONTENT


def test_the_json_target_of_the_same_batch_gets_the_message_but_no_attachment(results, receiver):
    (got,) = receiver.delivered("/city")
    assert got.title == TITLE
    assert got.payload["attachments"] == []
    assert "尚未收到：推荐表（附件1）。" in got.message
    assert "<" not in got.message  # plain text, not the e-mail's HTML
