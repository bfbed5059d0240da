"""The daily tick fetches the province's mailbox before its snapshot: what arrived counts that day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config.divisions import county_by_name
from notifications.routes import Routes
from tasks.context import load_context, load_programme
from tasks.demo.documents import demo_recommendation
from tasks.forms.recommendation_docx import write_recommendation_docx
from tasks.tick import tick_once
from tests.mailbox.helpers import add_contact, messages
from tests.support.dovecot import DovecotServer
from tests.support.mail_samples import mail

MAY_8_MORNING = dt.datetime(2026, 5, 8, 1, 30, tzinfo=dt.UTC).timestamp()  # 09:30 in Shanghai


@pytest.fixture
def home(tmp_path: Path, monkeypatch) -> Path:
    url = f"sqlite:///{tmp_path / 'legalcap.db'}"
    monkeypatch.setenv("LEGALCAP_DATABASE_URL", url)
    monkeypatch.setenv("LEGALCAP_HOME", str(tmp_path))
    from tasks.runtime import engine_for
    from tests.flows.conftest import start_default_programme

    start_default_programme(engine_for(url))
    return tmp_path


def _recommendation(folder: Path) -> bytes:
    path = folder / "肥西县推荐.docx"
    form = demo_recommendation(county_by_name("340100", "肥西县"), dt.date(2026, 5, 8))
    write_recommendation_docx(path, form)
    return path.read_bytes()


def test_a_form_mailed_in_the_morning_is_registered_and_seen_by_that_day_s_checks(
        home, dovecot: DovecotServer, imap_user, monkeypatch) -> None:
    from tasks.runtime import get_engine

    engine = get_engine()
    add_contact(engine, "hefei@hf.cn", role="city", code="340100")
    dovecot.append(imap_user, mail(sender="hefei@hf.cn", subject="项目推荐-合肥市-肥西县", style="qq",
                                   attachments=[("肥西县推荐.docx", _recommendation(home))]),
                   when=MAY_8_MORNING)
    monkeypatch.setenv("LEGALCAP_MAILBOX_URL", dovecot.url(imap_user))
    monkeypatch.setenv("LEGALCAP_MAILBOX_PASSWORD", dovecot.password)
    report = tick_once(engine, load_programme(engine, 2026), dt.date(2026, 5, 8), Routes(None))

    assert report.mail and report.mail[0].startswith("收取 1 封：新保存 1 封，登记 1 封")
    assert [m.state for m in messages(engine)] == ["marked"]
    seen = load_context(engine, load_programme(engine, 2026), dt.date(2026, 5, 8)).statuses
    assert {st.slot.city_code: st.slot.unit_code for st in seen}["340100"] == "340123"
    again = tick_once(engine, load_programme(engine, 2026), dt.date(2026, 5, 11), Routes(None))
    assert again.mail[0].startswith("收取 0 封") and len(messages(engine)) == 1


def test_a_mailbox_that_refuses_login_does_not_hold_back_the_day_s_reminders(
        home, dovecot: DovecotServer, imap_user, monkeypatch) -> None:
    from tasks.runtime import get_engine

    engine = get_engine()
    monkeypatch.setenv("LEGALCAP_MAILBOX_URL", dovecot.url(imap_user))
    monkeypatch.setenv("LEGALCAP_MAILBOX_PASSWORD", "not-the-password-4471")
    report = tick_once(engine, load_programme(engine, 2026), dt.date(2026, 5, 11), Routes(None))

    assert report.mail[0].startswith("报送邮箱未能收取：") and "not-the-password-4471" not in report.mail[0]
    assert report.queued > 0  # the recommendation deadline's reminders went out all the same
