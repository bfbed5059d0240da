"""A ledger's rejects workbook goes back with the receipt through the outbox, once; a lost file is named."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from models.attachments import from_json
from models.errors import Problem
from models.intake import Counts, IntakeKind, Receipt, ReceivedFile
from notifications.dispatcher import RetryPolicy, dispatch
from notifications.routes import Routes
from tests.mailbox.helpers import FEIXI, NOW, add_contact, context, outbox, process_stored, put
from tests.support.mail_samples import mail

LEDGER = ("肥西县工作台账2026-05.xlsx", b"ledger-bytes")
REJECTS = "肥西县工作台账2026-05.rejects.xlsx"
POLICY = RetryPolicy(3, (5, 30))


class RejectsIntake:
    """Registers the ledger with one bad row, its rejects workbook written outside LEGALCAP_HOME."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self, received: ReceivedFile) -> Receipt:
        self.folder.mkdir(parents=True, exist_ok=True)
        rejects = self.folder / REJECTS
        rejects.write_bytes(b"PK-rejects-workbook")
        problem = Problem(file=received.name, sheet="台账", row=7, column="日期", reason="日期不正确")
        return Receipt(file=received.name, ok=True, kind=IntakeKind.ledger, unit=received.unit_hint,
                       counts=Counts(new=5), problems=(problem,), rejects=rejects)


def _receive(engine, home: Path, tmp_path: Path) -> None:
    add_contact(engine, "fx@feixi.cn")
    put(engine, home, mail(sender="fx@feixi.cn", subject="5月台账", attachments=[LEDGER], style="qq"))
    _process(engine, home, tmp_path)


def _process(engine, home: Path, tmp_path: Path) -> None:
    process_stored(engine, context(home, RejectsIntake(tmp_path / "intake-tmp")))


def _send(engine, home: Path) -> None:
    dispatch(engine, Routes(), POLICY, now=NOW + dt.timedelta(hours=1), year=2026, home=home)


def _delivered(home: Path) -> list[dict]:
    path = home / "outbox" / f"unit-{FEIXI}.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()] if path.exists() else []


def test_the_receipt_carries_the_rejects_workbook_copied_under_home(engine, home, tmp_path) -> None:
    _receive(engine, home, tmp_path)
    (tmp_path / "intake-tmp" / REJECTS).unlink()          # a later cleanup of the intake's files
    [row] = outbox(engine, "mailbox_receipt")
    [ref] = from_json(row.attachments_json)
    assert (ref.name, ref.bytes) == (REJECTS, len(b"PK-rejects-workbook"))
    assert ref.path == f"outbox-files/{ref.sha256}/{REJECTS}"
    assert f"问题行见附件《{REJECTS}》。" in row.body
    _send(engine, home)
    [sent] = _delivered(home)
    assert sent["attachments"] == [REJECTS]
    assert f"问题行见附件《{REJECTS}》" in sent["body"]
    assert "未能找到" not in sent["body"]


def test_a_rerun_queues_and_sends_nothing_twice(engine, home, tmp_path) -> None:
    _receive(engine, home, tmp_path)
    _send(engine, home)
    _process(engine, home, tmp_path)
    _send(engine, home)
    assert len(outbox(engine, "mailbox_receipt")) == 1
    assert [m["attachments"] for m in _delivered(home)] == [[REJECTS]]


@pytest.mark.parametrize("damage", ["delete", "change"])
def test_a_lost_or_changed_file_is_left_out_and_the_message_says_so(engine, home, tmp_path, damage) -> None:
    _receive(engine, home, tmp_path)
    [ref] = from_json(outbox(engine, "mailbox_receipt")[0].attachments_json)
    staged = home / ref.path
    if damage == "delete":
        staged.unlink()
    else:
        staged.write_bytes(b"something else")
    _send(engine, home)
    [sent] = _delivered(home)
    assert sent["attachments"] == []
    assert f"附件《{REJECTS}》未能找到或已被更改" in sent["body"]
    assert str(home) not in sent["body"] and "outbox-files" not in sent["body"]
    assert [r.status for r in outbox(engine, "mailbox_receipt")] == ["sent"]
