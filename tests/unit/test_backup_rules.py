"""Pure rules of the database guard and of backups: names, retention, header diagnosis, messages."""

from __future__ import annotations

import datetime as dt

from models.backups import (
    backups_to_remove,
    daily_backup_day,
    daily_backup_name,
    is_backup_name,
    manual_backup_name,
)
from models.db_health import (
    SQLITE_MAGIC,
    check_problem,
    damaged_message,
    environment_problem,
    header_problem,
)


def _daily(*days: int) -> list[str]:
    return [daily_backup_name(dt.date(2026, 5, d)) for d in days]


def test_a_daily_backup_is_named_by_its_tick_date_and_read_back():
    name = daily_backup_name(dt.date(2026, 5, 13))
    assert name == "legalcap-daily-2026-05-13.db"
    assert daily_backup_day(name) == dt.date(2026, 5, 13)


def test_a_manual_backup_is_named_by_its_second_and_numbered_when_taken():
    at = dt.datetime(2026, 5, 13, 8, 30, 5)
    assert manual_backup_name(at) == "legalcap-20260513-083005.db"
    assert manual_backup_name(at, 2) == "legalcap-20260513-083005-2.db"
    assert is_backup_name(manual_backup_name(at, 2))


def test_retention_removes_the_oldest_dates_beyond_keep():
    names = _daily(13, 11, 12, 8, 14)
    assert backups_to_remove(names, 3) == _daily(8, 11)


def test_retention_keeps_everything_up_to_keep():
    assert backups_to_remove(_daily(11, 12, 13), 3) == []
    assert backups_to_remove(_daily(11, 12, 13), 7) == []


def test_retention_never_lists_manual_backups_or_other_files():
    at = dt.datetime(2026, 1, 1, 9)
    names = [*_daily(11, 12, 13), manual_backup_name(at), "notes.txt", "legalcap-daily-2026-13-40.db"]
    assert backups_to_remove(names, 1) == _daily(11, 12)
    assert not is_backup_name("notes.txt")
    assert daily_backup_day("legalcap-daily-2026-13-40.db") is None


def test_keep_zero_removes_nothing():
    assert backups_to_remove(_daily(1, 2, 3), 0) == []


def _header(page_size: int = 4096, pages: int = 10, valid: bool = True) -> bytes:
    head = bytearray(100)
    head[:16] = SQLITE_MAGIC
    head[16:18] = (1 if page_size == 65536 else page_size).to_bytes(2, "big")
    head[24:28] = (7).to_bytes(4, "big")
    head[28:32] = pages.to_bytes(4, "big")
    head[92:96] = (7 if valid else 6).to_bytes(4, "big")
    return bytes(head)


def test_an_empty_file_is_refused():
    assert header_problem(b"", 0) == "文件为空（0 字节）"


def test_a_file_without_the_sqlite_header_is_refused():
    assert "不是 SQLite 数据库文件" in header_problem(b"PK\x03\x04" + bytes(200), 204)
    assert "不是 SQLite 数据库文件" in header_problem(SQLITE_MAGIC, 16)  # shorter than a header


def test_an_impossible_page_size_is_refused():
    assert "页大小无效" in header_problem(_header(page_size=1000), 40960)


def test_a_file_shorter_than_its_pages_is_truncated():
    problem = header_problem(_header(pages=10), 20480)
    assert problem is not None and "40,960" in problem and "20,480" in problem


def test_a_whole_or_larger_file_passes():
    assert header_problem(_header(pages=10), 40960) is None
    assert header_problem(_header(page_size=65536, pages=2), 131072) is None


def test_the_size_is_not_judged_when_the_header_count_is_stale_or_a_wal_is_pending():
    assert header_problem(_header(pages=10, valid=False), 20480) is None
    assert header_problem(_header(pages=10), 20480, wal_pending=True) is None


def test_quick_check_ok_is_sound_and_findings_are_summarised():
    assert check_problem(["ok"]) is None
    problem = check_problem(["*** in database main ***\nPage 5: btreeInitPage() returns error code 11", "x"])
    assert problem is not None and "Page 5" in problem and "等 2 处" in problem and "\n" not in problem


def test_the_damage_message_is_one_line_naming_the_file_and_the_latest_backup():
    line = damaged_message("/h/legalcap.db", "文件为空（0 字节）", "/h/backups/legalcap-daily-2026-05-13.db",
                           "/h/backups")
    assert "\n" not in line
    assert "/h/legalcap.db" in line and "/h/backups/legalcap-daily-2026-05-13.db" in line
    assert "停止 legalcap" in line and "legalcap.db-wal" in line


def test_without_a_backup_the_message_names_the_backup_folder():
    line = damaged_message("/h/legalcap.db", "文件为空（0 字节）", None, "/h/backups")
    assert "/h/backups 中没有备份" in line


def test_machine_errors_become_chinese_lines_and_others_do_not():
    assert "只读" in environment_problem("attempt to write a readonly database", "/h/legalcap.db")
    assert "磁盘已满" in environment_problem("database or disk is full", "/h/legalcap.db")
    assert "无法打开" in environment_problem("unable to open database file", "/h/legalcap.db")
    assert environment_problem("no such table: programme", "/h/legalcap.db") is None
