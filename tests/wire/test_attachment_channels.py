"""Files carried by outbox rows: by e-mail to a local SMTP server, never to WeCom or DingTalk robots."""

from __future__ import annotations

from pathlib import Path

import pytest

import notifications.dispatcher as dispatcher
from models.attachments import to_json
from models.db import session_scope
from notifications.attachments import stage
from notifications.routes import Routes
from tasks.mailbox.receipts import Outgoing, enqueue_outgoing
from tests.wire.conftest import DAY, rows, run_dispatch, write_config

TAG = "unit-340123"
FILES = {"肥西县台账.rejects.xlsx": b"PK-one", "庐江县台账.rejects.xlsx": b"PK-two"}


@pytest.fixture
def routes(tmp_path, mail_server, receiver) -> Routes:
    mailto = (f"mailto://user:pass@127.0.0.1:{mail_server.port}"
              "?from=legalcap@example.org&to=unit@example.org&mode=insecure")
    return Routes(write_config(tmp_path / "notify.yaml", [(mailto, TAG), (receiver.url("robot"), TAG)]))


def _queue(engine, home: Path, tmp_path: Path, names: list[str], *, urgent: bool) -> None:
    with session_scope(engine) as session:
        for n, name in enumerate(names):
            source = tmp_path / name
            source.write_bytes(FILES[name])
            files = to_json([stage(home, source)])
            enqueue_outgoing(session, Outgoing(f"k{n}", "mailbox_receipt", TAG, f"s{n}", f"回执{n}",
                                               f"已收到并登记{n}。", urgent, files), on=DAY)


@pytest.mark.parametrize("robot", ["wecom", "dingtalk"])
def test_the_mail_carries_the_file_and_the_robot_only_a_line_saying_so(
        engine, home, tmp_path, routes, mail_server, receiver, monkeypatch, robot) -> None:
    real = dispatcher.channel_kind
    monkeypatch.setattr(dispatcher, "channel_kind", lambda s: robot if real(s) == "text" else real(s))
    _queue(engine, home, tmp_path, ["肥西县台账.rejects.xlsx"], urgent=True)
    run_dispatch(engine, routes, DAY)
    (mail,) = mail_server.mails
    (attached,) = list(mail.message.iter_attachments())
    assert attached.get_filename() == "肥西县台账.rejects.xlsx"
    assert attached.get_payload(decode=True) == b"PK-one"
    (got,) = receiver.delivered("/robot")
    assert got.payload["attachments"] == []
    assert "附件《肥西县台账.rejects.xlsx》已通过电子邮件发送" in got.message
    assert [r.status for r in rows(engine)] == ["sent"]


def test_a_digest_mail_carries_the_files_of_all_its_rows(engine, home, tmp_path, routes, mail_server) -> None:
    _queue(engine, home, tmp_path, list(FILES), urgent=False)
    run_dispatch(engine, routes, DAY)
    (mail,) = mail_server.mails
    got = {a.get_filename(): a.get_payload(decode=True) for a in mail.message.iter_attachments()}
    assert got == FILES


def test_a_missing_file_is_named_in_the_mail_and_nothing_is_attached(
        engine, home, tmp_path, routes, mail_server) -> None:
    _queue(engine, home, tmp_path, ["肥西县台账.rejects.xlsx"], urgent=True)
    for staged in (home / "outbox-files").rglob("*.xlsx"):
        staged.unlink()
    run_dispatch(engine, routes, DAY)
    (mail,) = mail_server.mails
    assert list(mail.message.iter_attachments()) == []
    text = mail.message.get_body(("plain",)).get_content()
    assert "附件《肥西县台账.rejects.xlsx》未能找到或已被更改" in text
    assert str(home) not in text
