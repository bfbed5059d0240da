"""The evaluators' packets index goes with the packets_ready message only when configured and small enough."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from config.intake import Intake
from models.attachments import from_json
from models.db import session_scope
from notifications.dispatcher import RetryPolicy, dispatch
from notifications.routes import Routes
from tasks.packets.build import BuildReport
from tasks.packets.check import announce_build
from tests.wire.conftest import rows

AS_OF = dt.date(2026, 11, 2)
SAID = "汇总页面已作为附件随本邮件发送。"


def _announce(engine, programme, tmp_path: Path, *, size: int, **intake) -> BuildReport:
    out = tmp_path / "packets" / "2026"
    out.mkdir(parents=True)
    (out / "index.html").write_bytes(b"<html>" + b"x" * (size - 6))
    ref = dataclasses.replace(programme, cfg=programme.cfg.model_copy(update={"intake": Intake(**intake)}))
    report = BuildReport(out, AS_OF, ("340123",))
    with session_scope(engine) as session:
        announce_build(session, ref, report, at=dt.datetime(2026, 11, 2, 8, tzinfo=dt.UTC), by="test")
    return report


def test_a_small_index_is_attached_and_the_message_says_so(engine, programme, home, tmp_path) -> None:
    _announce(engine, programme, tmp_path, size=1000, attach_index=True, attach_index_max_kb=1)
    [row] = rows(engine)
    [ref] = from_json(row.attachments_json)
    assert ref.name == "评估材料汇总页面（2026-11-02）.html" and ref.bytes == 1000
    assert (home / ref.path).read_bytes().startswith(b"<html>")
    assert SAID in row.body
    dispatch(engine, Routes(), RetryPolicy(3, (5,)), now=dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC),
             year=2026, home=home)
    [sent] = [json.loads(x) for x in (home / "outbox" / "evaluator.jsonl").read_text("utf-8").splitlines()]
    assert sent["attachments"] == [ref.name]
    assert str(tmp_path) not in sent["body"]


@pytest.mark.parametrize(("size", "asked"), [(1025, True), (500, False)])
def test_no_attachment_when_too_large_or_not_asked(engine, programme, home, tmp_path, size, asked) -> None:
    _announce(engine, programme, tmp_path, size=size, attach_index=asked, attach_index_max_kb=1)
    [row] = rows(engine)
    assert row.attachments_json == "[]"
    assert SAID not in row.body
    assert not (home / "outbox-files").exists()
