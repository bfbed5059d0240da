"""A mailed file is ONE transaction: the intake's writes, its record, its receipt and the message's state
commit together or not at all (models.db.joined), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from models.db import joined, session_scope
from models.errors import fail
from models.intake import Counts, IntakeKind, Receipt, ReceivedFile
from models.mailbox import Contact
from tasks.mailbox import process as process_module
from tasks.mailbox.process import Processed, process_message
from tasks.runtime import engine_for
from tests.mailbox.helpers import NOW, add_contact, attachments, context, messages, outbox, put
from tests.support.mail_samples import mail

LEDGER = ("肥西县工作台账2026-06.xlsx", b"ledger-bytes")


class WritingIntake:
    """Writes a row through its own session_scope (as the services do), then registers or refuses."""

    def __init__(self, engine, refuse: bool = False) -> None:
        self.engine, self.refuse = engine, refuse

    def __call__(self, received: ReceivedFile) -> Receipt:
        with session_scope(self.engine) as session:
            session.add(Contact(address="written@intake.cn", role="unit", code="340123", updated_at=NOW))
            session.flush()
            if self.refuse:
                raise fail(received.name, "第 3 行日期不正确", row=3)
        return Receipt(file=received.name, ok=True, kind=IntakeKind.ledger, counts=Counts(new=1))


def _written(engine) -> bool:
    with Session(engine) as session:
        return session.exec(select(Contact).where(Contact.address == "written@intake.cn")).first() is not None


def _stored_message(engine, home: Path) -> int:
    add_contact(engine, "fx@feixi.cn")
    return put(engine, home, mail(sender="fx@feixi.cn", subject="6月台账", attachments=[LEDGER], style="qq"))


def test_a_failing_receipt_rolls_the_file_s_import_back_with_it(engine, tmp_path: Path, monkeypatch) -> None:
    mail_id = _stored_message(engine, tmp_path)

    def broken(*args, **kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(process_module.out, "enqueue_outgoing", broken)
    with pytest.raises(RuntimeError):
        process_message(engine, mail_id, context(tmp_path, WritingIntake(engine)), Processed())
    assert not _written(engine)                      # the import did not commit without its receipt
    assert attachments(engine) == [] and [m.state for m in messages(engine)] == ["stored"]
    monkeypatch.undo()
    process_message(engine, mail_id, context(tmp_path, WritingIntake(engine)), Processed())
    assert _written(engine) and [m.state for m in messages(engine)] == ["imported"]
    assert [a.outcome for a in attachments(engine)] == ["registered"]
    assert len(outbox(engine, "mailbox_receipt")) == 1


def test_a_refusal_undoes_the_intake_s_writes_and_still_records_the_refusal(engine, tmp_path: Path) -> None:
    mail_id = _stored_message(engine, tmp_path)
    process_message(engine, mail_id, context(tmp_path, WritingIntake(engine, refuse=True)), Processed())
    assert not _written(engine)
    assert [a.outcome for a in attachments(engine)] == ["refused"]
    assert [m.state for m in messages(engine)] == ["imported"]
    [receipt] = outbox(engine, "mailbox_receipt")
    assert receipt.title.startswith("回执：未能登记") and "第 3 行日期不正确" in receipt.body


def test_joined_scopes_share_the_owner_s_session_and_leave_the_commit_to_it(engine, db_url: str) -> None:
    same_database = engine_for(db_url)               # another Engine object on the same database
    with session_scope(engine) as owner, joined(owner):
        with session_scope(same_database) as inner:
            assert inner is owner
            inner.add(Contact(address="written@intake.cn", role="unit", code="340123", updated_at=NOW))
        with Session(engine) as other:               # flushed in the owner's transaction, not committed
            assert other.exec(select(Contact).where(Contact.address == "written@intake.cn")).first() is None
    assert _written(engine)
    with session_scope(engine) as alone, session_scope(engine) as inner:
        assert inner is not alone               # outside `joined`, a scope is its own
