"""Swapping a finished staged demo into its home: paths rewritten, database replaced, folders moved."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import select

from models.db import session_scope
from models.tables import Programme
from tasks.demo.reset import DEMO_ACTOR, DemoRefused, refuse_real_programme
from tasks.demo.staging import STAGING, folder_key, promote, replacements, rewrite_database


def _db(path: Path, rows: list[tuple[str, str]]) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE doc (id INTEGER PRIMARY KEY, path TEXT, details TEXT, size INTEGER)")
        conn.executemany("INSERT INTO doc (path, details, size) VALUES (?, ?, 7)", rows)
    conn.close()


def _rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT path, details, size FROM doc ORDER BY id").fetchall()
    conn.close()
    return rows


def test_every_text_naming_the_staging_folder_names_the_home_plainly_in_json_and_as_a_packets_key(tmp_path):
    home = tmp_path / "数据目录"
    staging = home / STAGING
    (staging / "packets" / "2026").mkdir(parents=True)
    old_key = folder_key(staging / "packets" / "2026")
    _db(staging / "legalcap.db", [
        (str(staging / "demo-files" / "a.docx"), json.dumps({"out": str(staging / "packets")})),
        ("unrelated", f"2026:packets_ready:2026-05-31:0:{old_key}:evaluator"),
    ])

    changed = rewrite_database(staging / "legalcap.db", replacements(staging, home))

    rows = _rows(staging / "legalcap.db")
    assert changed == 3
    assert rows[0][0] == str(home / "demo-files" / "a.docx")
    assert json.loads(rows[0][1]) == {"out": str(home / "packets")}
    assert rows[1] == ("unrelated", f"2026:packets_ready:2026-05-31:0:{folder_key(home / 'packets' / '2026')}"
                       ":evaluator", 7)


def test_promote_replaces_the_database_and_the_demo_folders_and_leaves_other_folders(tmp_path):
    home = tmp_path / "home"
    staging = home / STAGING
    for root, tag in ((home, "old"), (staging, "new")):
        for folder in ("outbox", "packets/2026", "demo-files/340123"):
            (root / folder).mkdir(parents=True)
            (root / folder / f"{tag}.txt").write_text(str(staging / "demo-files"), "utf-8")
        _db(root / "legalcap.db", [(str(root / "demo-files" / "340123" / f"{tag}.txt"), tag)])
    (home / "backups").mkdir()
    (home / "backups" / "mine.pdf").write_text("kept", "utf-8")
    message = {"body": f"汇总页面 {staging / 'packets' / '2026' / 'index.html'}"}
    (staging / "outbox" / "province.jsonl").write_text(json.dumps(message, ensure_ascii=False) + "\n", "utf8")

    promote(staging, home)

    assert _rows(home / "legalcap.db") == [(str(home / "demo-files" / "340123" / "new.txt"), "new", 7)]
    for folder in ("outbox", "packets/2026", "demo-files/340123"):
        assert [p.name for p in (home / folder).iterdir() if p.suffix == ".txt"] == ["new.txt"]
    assert (home / "backups" / "mine.pdf").read_text("utf-8") == "kept"
    line = json.loads((home / "outbox" / "province.jsonl").read_text("utf-8"))
    assert line["body"] == f"汇总页面 {home / 'packets' / '2026' / 'index.html'}"


def test_a_real_programme_is_refused_and_a_demo_one_is_recognised(engine, programme):
    with session_scope(engine) as session, pytest.raises(DemoRefused, match="正式项目"):
        refuse_real_programme(session)
    with session_scope(engine) as session:
        session.exec(select(Programme)).one().started_by = DEMO_ACTOR
    with session_scope(engine) as session:
        assert refuse_real_programme(session) is True
        assert session.exec(select(Programme)).one().year == 2026  # nothing was deleted
