"""SQLite backups: a verified online copy (sqlite3 backup API), and the tick's daily copies kept N days."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from models.backups import backups_to_remove, daily_backup_name, manual_backup_name
from models.db_health import environment_problem
from tasks.db_guard import DatabaseRefused, open_read_only, run_check, sqlite_path


@dataclass(frozen=True)
class BackupCopy:
    path: Path
    size: int


def _copy(source: Path, partial: Path) -> None:
    src = open_read_only(source)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        finally:
            dst.close()
    finally:
        src.close()


def backup_sqlite(source: Path, target: Path) -> BackupCopy:
    """Copy a live database into target through a temporary name; quick_check the copy, then rename."""
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        _copy(source, partial)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        line = environment_problem(str(exc), str(target))
        raise DatabaseRefused(line or f"备份 {source} 到 {target} 失败（SQLite：{exc}）") from exc
    problem = run_check(partial)
    if problem is not None:
        partial.unlink(missing_ok=True)
        raise DatabaseRefused(f"备份 {target} 写入后校验未通过（{problem}），已删除该副本")
    os.replace(partial, target)
    return BackupCopy(target, target.stat().st_size)


def free_manual_name(folder: Path, at: dt.datetime) -> Path:
    """legalcap-YYYYMMDD-HHMMSS.db in the folder, numbered when that second is already taken."""
    attempt = 1
    while (folder / manual_backup_name(at, attempt)).exists():
        attempt += 1
    return folder / manual_backup_name(at, attempt)


def human_size(size: int) -> str:
    """1,234 字节 / 12.3 KB / 4.5 MB."""
    if size < 1024:
        return f"{size:,} 字节"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def keep_daily_backup(url: str, folder: Path, day: dt.date, keep: int) -> list[str]:
    """The tick's backup of an SQLite home for the day (once per date), the oldest beyond `keep` removed."""
    source = sqlite_path(url)
    if keep <= 0:
        return ["未启用（LEGALCAP_BACKUP_KEEP=0）"]
    if source is None:
        return ["PostgreSQL 数据库不做文件备份：请用 pg_dump 定期备份（legalcap db backup 给出命令）"]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / daily_backup_name(day)
    if target.exists():
        notes = [f"当日备份已存在：{target}"]
    else:
        copy = backup_sqlite(source, target)
        notes = [f"已备份到 {copy.path}（{human_size(copy.size)}）"]
    removed = backups_to_remove(sorted(p.name for p in folder.iterdir()), keep)
    for name in removed:
        (folder / name).unlink(missing_ok=True)
    if removed:
        notes.append(f"删除较早的备份 {len(removed)} 份（保留最近 {keep} 份）")
    return notes


def pg_dump_address(url: str) -> str:
    """The PostgreSQL URL as libpq tools take it, without the password."""
    from sqlalchemy.engine import URL, make_url

    given = make_url(url)  # rebuilt field by field: URL.set(password=None) keeps the password
    bare = URL.create("postgresql", username=given.username, host=given.host, port=given.port,
                      database=given.database, query=given.query)
    return bare.render_as_string(hide_password=False)


def pg_dump_guidance(url: str, folder: Path, at: dt.datetime) -> list[str]:
    """What to run to back up (and restore) a PostgreSQL database; the password is never shown."""
    address = pg_dump_address(url)
    dump = folder / manual_backup_name(at).replace(".db", ".dump")
    return [
        "数据库为 PostgreSQL：legalcap 不代为导出，请用 PostgreSQL 自带的 pg_dump 备份，未生成任何备份文件。",
        f"  备份：pg_dump --format=custom --file '{dump}' '{address}'",
        "  恢复（先停止 legalcap 的 serve 与 worker）："
        f"pg_restore --clean --if-exists --dbname '{address}' '{dump}'",
        "  口令不写在命令中：用 PGPASSWORD 环境变量或 ~/.pgpass 提供。",
    ]
