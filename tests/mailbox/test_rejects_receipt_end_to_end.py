"""A real ledger with a bad row, mailed in: the real intake registers it and the receipt carries the
rejects workbook through the outbox:// channel (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json

from notifications.dispatcher import RetryPolicy, dispatch
from notifications.routes import Routes
from tasks.intake import intake
from tests.integration.test_intake_route import _ledger, feixi, wired  # noqa: F401  (fixtures)
from tests.mailbox.helpers import FEIXI, add_contact, context, outbox, process_stored, put
from tests.support.mail_samples import mail

ARRIVED = dt.datetime(2026, 7, 3, 2, 0, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 7, 3, 10, 0, tzinfo=dt.UTC)


def test_a_mailed_ledger_with_a_bad_row_is_answered_with_its_rejects_workbook(feixi, tmp_path) -> None:  # noqa: F811
    home = tmp_path / "home"
    ledger = _ledger(tmp_path, bad=1)
    add_contact(feixi, "fx@feixi.cn")
    put(feixi, home, mail(sender="fx@feixi.cn", subject="7月台账", style="qq",
                          attachments=[(ledger.name, ledger.read_bytes())]), arrived=ARRIVED)
    report = process_stored(feixi, context(home, intake, now=NOW))
    assert report.registered == 1
    [row] = outbox(feixi, "mailbox_receipt")
    assert "问题行见附件《" in row.body and ".rejects.xlsx》。" in row.body
    dispatch(feixi, Routes(), RetryPolicy(3, (5,)), now=NOW, year=2026, home=home)
    lines = (home / "outbox" / f"unit-{FEIXI}.jsonl").read_text("utf-8").splitlines()
    [sent] = [json.loads(x) for x in lines]
    [name] = sent["attachments"]
    assert name.endswith(".rejects.xlsx") and f"问题行见附件《{name}》" in sent["body"]
    assert str(home) not in sent["body"]
