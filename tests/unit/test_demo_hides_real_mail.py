"""The simulation neither reads the real mailbox nor sends receipts through the real outgoing mail."""

from __future__ import annotations

from config.settings import get_settings
from tasks.demo.staging import demo_mailbox


def test_the_demo_hides_the_real_smtp_route_and_gives_it_back(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LEGALCAP_SMTP_URL", "mailtos://ahghflb@163.com")
    monkeypatch.setenv("LEGALCAP_SMTP_PASSWORD", "real-secret")
    with demo_mailbox(tmp_path / "maildir"):
        inside = get_settings()
        assert inside.smtp_url is None and inside.smtp_password is None
        assert inside.mailbox_url == f"maildir://{(tmp_path / 'maildir').resolve()}"
    after = get_settings()
    assert after.smtp_url == "mailtos://ahghflb@163.com" and after.smtp_password is not None
