"""Attachment references on outbox rows, and the receipt's rejects line (no database, no network)."""

from __future__ import annotations

from pathlib import Path

from models.attachments import AttachmentRef, from_json, to_json
from notifications.attachments import Resolved, resolve, stage
from tasks.mailbox.receipts import with_rejects


def test_refs_round_trip_and_malformed_values_mean_no_attachment() -> None:
    ref = AttachmentRef("outbox-files/ab/台账.rejects.xlsx", "台账.rejects.xlsx", "ab", 12)
    assert from_json(to_json([ref])) == [ref]
    for bad in ("", "not json", "{}", '[{"name": "x"}]', "null"):
        assert from_json(bad) == []


def test_staging_copies_once_by_hash_and_resolve_refuses_paths_outside_home(tmp_path: Path) -> None:
    home, source = tmp_path / "home", tmp_path / "rejects.xlsx"
    source.write_bytes(b"PK")
    ref = stage(home, source)
    assert stage(home, source) == ref and (home / ref.path).read_bytes() == b"PK"
    outside = AttachmentRef("../rejects.xlsx", "rejects.xlsx", ref.sha256, 2)
    assert resolve(home, [ref, outside]) == Resolved((home / ref.path,), ("rejects.xlsx",), ("rejects.xlsx",))


def test_a_robot_is_told_the_file_went_by_mail_and_every_channel_of_a_missing_one() -> None:
    files = Resolved((Path("/x/a.xlsx"),), ("a.xlsx",), ("b.xlsx",))
    assert files.note("email").startswith("附件《b.xlsx》未能找到")
    assert files.note("wecom").splitlines()[0] == "附件《a.xlsx》已通过电子邮件发送，请查收邮件。"
    assert Resolved().note("wecom") == ""


def test_a_rejects_workbook_that_cannot_be_copied_is_named_not_attached(tmp_path: Path) -> None:
    lines = ["已收到并登记“台账.xlsx”。", "问题行已整理为附件“台账.rejects.xlsx”。"]
    files, said = with_rejects(tmp_path, tmp_path / "gone" / "台账.rejects.xlsx", lines)
    assert files == []
    assert said[-1] == "问题行清单《台账.rejects.xlsx》未能附上，请向省总工会权益保障部索取。"
    assert with_rejects(tmp_path, None, lines) == ([], lines)
