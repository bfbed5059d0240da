"""LEGALCAP_MAILBOX_URL and LEGALCAP_MAILBOX_PASSWORD: parsed, checked, the password never shown."""

from __future__ import annotations

import pytest

from config.settings import Settings
from tasks.mailbox.account import MailboxError, account_from_settings

SECRET = "app-password-Zx9"


def test_the_url_and_the_password_make_an_account_whose_text_hides_the_password(monkeypatch) -> None:
    monkeypatch.setenv("LEGALCAP_MAILBOX_URL", "imaps://ahghflb%40163.com@imap.163.com/INBOX")
    monkeypatch.setenv("LEGALCAP_MAILBOX_PASSWORD", SECRET)
    settings = Settings()
    account = account_from_settings(settings)
    assert (account.host, account.port, account.user, account.folder) == (
        "imap.163.com", 993, "ahghflb@163.com", "INBOX")
    assert account.password == SECRET
    assert SECRET not in repr(account) + account.shown + repr(settings) + str(settings.model_dump())


@pytest.mark.parametrize(("url", "says"), [
    (None, "未配置报送邮箱"),
    ("imaps://u:secret@imap.qq.com:993/INBOX", "不能包含密码"),
    ("imap://u@imap.qq.com:143/INBOX", "必须使用加密连接"),
    ("https://u@imap.qq.com/INBOX", "格式不正确"),
    ("imaps://imap.qq.com/INBOX", "格式不正确"),
])
def test_a_bad_url_is_one_chinese_line(monkeypatch, url, says) -> None:
    monkeypatch.setenv("LEGALCAP_MAILBOX_PASSWORD", SECRET)
    if url:
        monkeypatch.setenv("LEGALCAP_MAILBOX_URL", url)
    else:
        monkeypatch.delenv("LEGALCAP_MAILBOX_URL", raising=False)
    with pytest.raises(MailboxError, match=says) as refused:
        account_from_settings(Settings())
    assert "secret" not in str(refused.value)


def test_no_password_is_refused(monkeypatch) -> None:
    monkeypatch.setenv("LEGALCAP_MAILBOX_URL", "imap://u@127.0.0.1:1143/INBOX")
    monkeypatch.delenv("LEGALCAP_MAILBOX_PASSWORD", raising=False)
    with pytest.raises(MailboxError, match="LEGALCAP_MAILBOX_PASSWORD"):
        account_from_settings(Settings())


@pytest.mark.parametrize("url", ["imaps://ahghflb@163.com@imap.163.com/INBOX",
                                 "imaps://ahghflb%40163.com@imap.163.com:993"])
def test_a_full_address_as_user_name_may_be_written_plainly(url) -> None:
    from tasks.mailbox.account import parse_url

    assert parse_url(url) == {"scheme": "imaps", "host": "imap.163.com", "port": 993,
                              "user": "ahghflb@163.com", "folder": "INBOX"}
