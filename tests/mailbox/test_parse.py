"""Subjects, senders and file names decode as QQ Mail, Foxmail, 163 and Outlook encode them."""

from __future__ import annotations

import pytest

from tasks.mailbox.parse import decode_words, message_id, parse_headers, parse_mail
from tests.support.mail_samples import STYLES, encoded_word, mail

SUBJECT = "肥西县 2026年5月工作台账（附件）喆"
FILES = ["肥西县工作台账2026-05.xlsx", "附件1 推荐表·镕.docx"]


@pytest.mark.parametrize("style", STYLES)
def test_each_client_style_decodes(style: str) -> None:
    raw = mail(sender="FeiXi@Example.CN", subject=SUBJECT, style=style,
               attachments=[(name, b"data-" + name.encode()) for name in FILES])
    got = parse_mail(raw)
    assert got.subject == SUBJECT
    assert got.sender == "feixi@example.cn"
    assert got.sender_name == "肥西县总工会"
    assert [a.name for a in got.attachments] == FILES
    assert got.attachments[0].data == b"data-" + FILES[0].encode()


def test_a_gb2312_label_on_gbk_bytes_still_decodes() -> None:
    # 喆 and 镕 are GBK, not GB2312: Foxmail and old Outlook still label such text gb2312
    assert decode_words(encoded_word("朱镕基 喆", "gbk").replace("?gbk?", "?gb2312?")) == "朱镕基 喆"


def test_raw_8bit_gbk_file_name_without_encoding_decodes() -> None:
    raw = mail(sender="a@b.cn", subject="x", attachments=[("PLACEHOLDER.xlsx", b"1")], style="163")
    raw = raw.replace(encoded_word("PLACEHOLDER.xlsx", "utf-8").encode(), "台账.xlsx".encode("gbk"))
    assert [a.name for a in parse_mail(raw).attachments] == ["台账.xlsx"]


def test_replies_are_recognised_and_folders_stripped_from_names() -> None:
    raw = mail(sender="a@b.cn", subject="回复：回执：已收到并登记", style="qq",
               attachments=[("..\\..\\evil/台账.xlsx", b"1")])
    got = parse_mail(raw)
    assert got.is_reply
    assert [a.name for a in got.attachments] == ["台账.xlsx"]
    assert not parse_mail(mail(sender="a@b.cn", subject="工作台账", style="qq")).is_reply


def test_a_message_without_headers_does_not_raise() -> None:
    got = parse_mail(b"no headers at all")
    assert (got.message_id, got.sender, got.subject, got.attachments) == ("", "", "", ())


@pytest.mark.parametrize("headers", [
    b"From: a@b.cn\r\nMessage-ID: <x@y.cn>\r\nSubject: s\r\n\r\n",
    b"From: a@b.cn\r\nMessage-Id:\r\n <folded@y.cn>\r\nSubject: s\r\n\r\n",
    b"MESSAGE-ID:   <spaced@b.cn>  \n\n",
    b"Message-ID: <first@b.cn>\nMessage-ID: <second@b.cn>\n\n",
    b"Subject: s\r\n X-Message-ID: <continued@b.cn>\r\n\r\n",
    b"Subject: s\r\n\r\nMessage-ID: <in-the-body@b.cn>\r\n",
    b"From: a@b.cn\r\n\r\n",
])
def test_the_listing_s_message_id_is_the_one_the_stored_row_gets(headers: bytes) -> None:
    assert message_id(headers) == parse_headers(headers).message_id
