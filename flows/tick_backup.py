"""The tick's daily database backup: one Prefect task (SQLite homes; PostgreSQL homes say why not)."""

import datetime as dt

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from config.settings import get_settings
from tasks.backup import keep_daily_backup
from tasks.db_guard import DatabaseRefused


@task(name="backup-database", cache_policy=NO_CACHE)
def backup_task(as_of: dt.date) -> list[str]:
    """Copy an SQLite home's database once per tick date, keep the newest LEGALCAP_BACKUP_KEEP; the notes."""
    settings = get_settings()
    logger = get_run_logger()
    try:
        notes = keep_daily_backup(settings.db_url, settings.backups_dir, as_of, settings.backup_keep)
    except (OSError, DatabaseRefused) as exc:  # a failed copy must not hold back the day's reminders
        notes = [f"备份失败：{exc}"]
        logger.warning("数据库备份失败：%s", exc)
    logger.info("数据库备份：%s", "；".join(notes))
    return notes
