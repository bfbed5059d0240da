"""Real crash drills: `legalcap mailbox fetch` killed by SIGKILL at each drill point, then run again.

Against the real Dovecot and the real intake service, on SQLite and PostgreSQL: after the re-run every
message is imported once (its ledger rows not doubled, one attachment record each), every receipt is
queued once, and dispatching the outbox delivers each receipt once (tasks/mailbox/drill.py). A file's
import and its receipt commit together, so every receipt says its rows are new (新增), wherever the
kill fell; and nothing the killed run staged is left behind unused (no .tmp, no unreferenced file).
"""

from __future__ import annotations

import datetime as dt
import json
import signal
from pathlib import Path

import pytest
from imap_tools.imap_utf7 import utf7_encode
from sqlmodel import Session, func, select

from models.tables import LedgerEntry, Notification
from notifications.dispatcher import RetryPolicy, dispatch
from notifications.routes import Routes
from tasks.forms.ledger_xlsx import write_ledger_template
from tasks.mailbox.drill import ENV
from tests.e2e.conftest import run_cli
from tests.mailbox.helpers import FEIXI, add_contact, attachments, messages, outbox
from tests.support.demo import feixi_through_the_gate
from tests.support.dovecot import DovecotServer
from tests.support.mail_samples import mail

JULY_3 = dt.datetime(2026, 7, 3, 2, 0, tzinfo=dt.UTC).timestamp()   # 10:00 in Shanghai
SENT_AT = dt.datetime(2026, 7, 4, 9, 0, tzinfo=dt.UTC)
ROWS = 3
PROCESSED = "已登记"   # the default processed folder
PROCESSED_UTF7 = utf7_encode(PROCESSED)
# (message subject, ledger file names): five messages, the third with two ledgers (six files in all)
SENDS = [("6月台账 1", ["台账1.xlsx"]), ("6月台账 2", ["台账2.xlsx"]),
         ("6月台账 3", ["台账3a.xlsx", "台账3b.xlsx"]),
         ("6月台账 4", ["台账4.xlsx"]), ("6月台账 5", ["台账5.xlsx"])]
NAMES = [name for _, names in SENDS for name in names]
FILES = len(NAMES)

IM, ST = "imported", "stored"
# drill point -> what the kill left: message states, attachment records, ledger rows, .eml files, inbox
DRILLS = {
    "written": ([], 0, 0, 0, 5),                # the batch's .eml files written as .tmp, not yet renamed
    "saved": ([], 0, 0, 5, 5),                 # the batch's .eml files synced, its rows not committed
    "stored": ([ST] * 5, 0, 0, 5, 5),           # the batch's rows committed, nothing imported yet
    "intaken:4": ([IM, IM, ST, ST, ST], 3, 9, 5, 5),    # 3b's intake done, not committed (nor its receipt)
    "imported:3": ([IM, IM, IM, ST, ST], 4, 12, 5, 5),  # in the middle of the batch of imports
    "marking": ([IM] * 5, 6, 18, 5, 5),         # every message imported, none marked on the server
    "marked": ([IM] * 5, 6, 18, 5, 0),          # the server has moved them, the rows do not yet say so
}


def _ledger(folder: Path, n: int) -> bytes:
    rows = [{"ledger_id": f"D{n}-{i}", "unit_code": FEIXI, "occurred_on": dt.date(2026, 6, 10 + i),
             "title": f"普法讲座 {n}-{i}", "venue": "enterprise", "format": "lecture", "participants": 30}
            for i in range(ROWS)]
    path = folder / f"台账{n}.xlsx"
    write_ledger_template(path, rows={"publicity": rows})
    return path.read_bytes()


def _deliver(server: DovecotServer, user: str, folder: Path) -> None:
    for n, (subject, names) in enumerate(SENDS):
        files = [(name, _ledger(folder, NAMES.index(name))) for name in names]
        server.append(user, mail(sender="fx@feixi.cn", subject=subject, style="qq", attachments=files,
                                 message_id=f"<drill-{n}@feixi.cn>"), when=JULY_3)


def _fetch(home: Path, db_url: str, server: DovecotServer, user: str, kill_at: str | None = None):
    env = {"LEGALCAP_DATABASE_URL": db_url, "LEGALCAP_MAILBOX_URL": server.url(user),
           "LEGALCAP_MAILBOX_PASSWORD": server.password}
    if kill_at:
        env[ENV] = kill_at
    return run_cli(home, "mailbox", "fetch", "--year", "2026", env=env)


def _processed(server: DovecotServer, user: str) -> int:
    """Messages in the processed folder (0 before the first fetch has created it)."""
    client = server.connect(user)
    try:
        status, data = client.list()
        exists = status == "OK" and any(PROCESSED_UTF7 in line for line in data if isinstance(line, bytes))
    finally:
        client.logout()
    return server.count(user, PROCESSED) if exists else 0


def _ledger_rows(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(LedgerEntry)).one()


@pytest.fixture
def ready(engine, programme, tmp_path):
    """肥西县 implementing (ledgers accepted) and its clerk a known sender."""
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    add_contact(engine, "fx@feixi.cn")
    return engine


@pytest.mark.parametrize("kill_at", list(DRILLS))
def test_killed_by_sigkill_then_rerun_imports_and_answers_each_message_once(
        ready, db_url, dovecot, imap_user, tmp_path, monkeypatch, kill_at) -> None:
    engine, home = ready, tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("LEGALCAP_HOME", str(home))     # the outbox:// channel writes under it
    _deliver(dovecot, imap_user, tmp_path)
    before = _ledger_rows(engine)
    killed = _fetch(home, db_url, dovecot, imap_user, kill_at)
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    left = ([m.state for m in messages(engine)], len(attachments(engine)), _ledger_rows(engine) - before,
            len(list(home.rglob("*.eml"))), dovecot.count(imap_user))
    assert left == DRILLS[kill_at]                       # killed where the drill says
    assert len(_partial(home)) == (len(SENDS) if kill_at == "written" else 0)  # a .tmp per message
    assert dovecot.count(imap_user) + _processed(dovecot, imap_user) == len(SENDS)  # nothing lost
    again = _fetch(home, db_url, dovecot, imap_user)
    assert again.returncode == 0, again.stdout + again.stderr
    assert (dovecot.count(imap_user), _processed(dovecot, imap_user)) == (0, len(SENDS))
    assert [m.state for m in messages(engine)] == ["marked"] * len(SENDS), again.stdout + again.stderr
    assert len(attachments(engine)) == FILES
    assert {a.outcome for a in attachments(engine)} == {"registered"}
    assert _ledger_rows(engine) - before == FILES * ROWS
    receipts = outbox(engine, "mailbox_receipt")
    assert len(receipts) == FILES and len({r.idempotency_key for r in receipts}) == FILES
    _nothing_staged_is_left_unused(engine, home)
    _dispatch_twice_and_check_each_receipt_sent_once(engine, home, receipts)


def _partial(home: Path) -> list[Path]:
    """Files a killed write leaves: .eml being written (.tmp), kept files and outbox copies (.part*)."""
    return [p for p in home.rglob("*") if p.is_file() and p.suffix in (".tmp", ".part", ".partial")]


def _nothing_staged_is_left_unused(engine, home: Path) -> None:
    """After the re-run: no partial file, every .eml is a message's, every kept file an attachment's."""
    assert _partial(home) == []
    assert set(home.rglob("*.eml")) == {home / m.eml_path for m in messages(engine)}
    kept = {folder.name for folder in (home / "intake").iterdir()}
    assert kept == {a.sha256[:32] for a in attachments(engine)}


def _dispatch_twice_and_check_each_receipt_sent_once(engine, home: Path,
                                                     receipts: list[Notification]) -> None:
    for _ in range(2):
        dispatch(engine, Routes(None), RetryPolicy(3, (5,)), now=SENT_AT, year=2026, home=home)
    with Session(engine) as session:
        sent = session.exec(select(Notification).where(Notification.rule == "mailbox_receipt")).all()
    assert [(n.status, n.attempts) for n in sent] == [("sent", 1)] * FILES
    delivered = []
    for tag in {r.audience for r in receipts}:
        lines = (home / "outbox" / f"{tag}.jsonl").read_text("utf-8").splitlines()
        delivered += [json.loads(line)["body"] for line in lines]
    for name in NAMES:
        said = [body for body in delivered if f"“{name}”" in body]
        assert len(said) == 1, (name, delivered)
        assert f"新增 {ROWS} 条，更新 0 条，未变 0 条" in said[0], said[0]   # imported with its receipt
