"""The tick's daily backups (kept N, once a day; none on PostgreSQL) and SQLite machine errors in Chinese."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from models.backups import daily_backup_name
from models.db import session_scope
from models.tables import AuditEvent
from tasks.backup import keep_daily_backup
from tasks.db_guard import DatabaseRefused, sqlite_path
from tests.support.database import migrated_sqlite_file, stored_programmes

FIRST = dt.date(2026, 5, 4)


def test_the_tick_keeps_the_newest_n_daily_backups(backend, db_url, programme, tmp_path):
    folder = tmp_path / "backups"
    days = [FIRST + dt.timedelta(days=n) for n in range(6)]
    notes = [keep_daily_backup(db_url, folder, day, 3) for day in days]
    if backend.name == "postgresql":
        assert all("PostgreSQL" in n[0] and "pg_dump" in n[0] for n in notes)
        assert not folder.exists()
        return
    assert sorted(p.name for p in folder.iterdir()) == [daily_backup_name(d) for d in days[-3:]]
    assert "删除较早的备份 1 份（保留最近 3 份）" in notes[-1]
    source = sqlite_path(db_url)
    assert stored_programmes(folder / daily_backup_name(days[-1])) == stored_programmes(source) != []


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    return migrated_sqlite_file(tmp_path)


def test_a_second_tick_on_the_same_day_makes_no_second_backup(sqlite_file, tmp_path):
    folder, url = tmp_path / "backups", f"sqlite:///{sqlite_file}"
    keep_daily_backup(url, folder, FIRST, 7)
    written = (folder / daily_backup_name(FIRST)).stat().st_mtime_ns
    again = keep_daily_backup(url, folder, FIRST, 7)
    assert "当日备份已存在" in again[0]
    assert [p.name for p in folder.iterdir()] == [daily_backup_name(FIRST)]
    assert (folder / daily_backup_name(FIRST)).stat().st_mtime_ns == written


def test_keep_zero_makes_no_backup(sqlite_file, tmp_path):
    notes = keep_daily_backup(f"sqlite:///{sqlite_file}", tmp_path / "backups", FIRST, 0)
    assert "未启用" in notes[0]
    assert not (tmp_path / "backups").exists()


def _audit(subject: str = "x") -> AuditEvent:
    return AuditEvent(action="test", subject=subject, actor="测试", at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
                      on_date=FIRST)


def test_writing_a_read_only_database_is_one_chinese_line(sqlite_file):
    from tasks.runtime import engine_for

    engine = engine_for(f"sqlite:///file:{sqlite_file}?mode=ro&uri=true")
    with pytest.raises(DatabaseRefused, match="只读") as refused, session_scope(engine) as session:
        session.add(_audit())
    assert str(sqlite_file) in str(refused.value) and "\n" not in str(refused.value)


def test_a_full_disk_is_one_chinese_line(sqlite_file):
    from tasks.runtime import engine_for

    engine = engine_for(f"sqlite:///{sqlite_file}")
    with pytest.raises(DatabaseRefused, match="磁盘已满"), session_scope(engine) as session:
        pages = session.connection().execute(text("PRAGMA page_count")).scalar_one()
        session.connection().execute(text(f"PRAGMA max_page_count = {pages}"))
        session.add_all(_audit("x" * 500) for _ in range(2000))
        session.flush()


def test_a_database_in_a_missing_folder_cannot_be_opened_in_one_chinese_line(tmp_path):
    from tasks.runtime import engine_for

    with pytest.raises(DatabaseRefused, match="无法打开"):
        engine_for(f"sqlite:///{tmp_path / 'no-such-folder' / 'legalcap.db'}")


def test_db_check_finds_a_started_programme_sound_on_either_database(backend, db_url, programme, tmp_path):
    from tasks.db_check import check_database

    report = check_database(db_url, tmp_path / "backups")
    assert report.sound, report.lines
    assert any("（最新）" in line for line in report.lines)
    assert any("programme 1" in line for line in report.lines)
    if backend.name == "postgresql":
        assert "连接：正常" in report.lines


def test_db_check_on_an_unreachable_server_is_unsound_and_hides_the_password(tmp_path):
    from tasks.db_check import check_database

    url = "postgresql+psycopg://legalcap:s3cret-pw@127.0.0.1:9/legalcap?connect_timeout=2"
    report = check_database(url, tmp_path)
    assert not report.sound
    assert any(line.startswith("连接：失败") for line in report.lines)
    assert "s3cret-pw" not in "\n".join(report.lines)


def test_pg_dump_guidance_never_prints_the_password(tmp_path):
    from tasks.backup import pg_dump_guidance

    url = "postgresql+psycopg://legalcap:s3cret-pw@db.example:5432/legalcap"
    lines = pg_dump_guidance(url, tmp_path, dt.datetime(2026, 5, 13, 8, 30))
    text_out = "\n".join(lines)
    assert "s3cret-pw" not in text_out
    assert "pg_dump --format=custom" in text_out
    assert "'postgresql://legalcap@db.example:5432/legalcap'" in text_out
    assert "legalcap-20260513-083000.dump" in text_out
