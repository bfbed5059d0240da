"""The daily tick backs up an SQLite home once per tick date and keeps the newest LEGALCAP_BACKUP_KEEP."""

import datetime as dt
import os
from pathlib import Path

from models.backups import daily_backup_name

DAYS = [dt.date(2026, 5, 13), dt.date(2026, 5, 14), dt.date(2026, 5, 15)]


def test_the_tick_keeps_one_backup_per_day_and_only_the_newest_n(started_programme, monkeypatch):
    from flows.tick import daily_tick

    monkeypatch.setenv("LEGALCAP_BACKUP_KEEP", "2")
    for day in DAYS:
        daily_tick(as_of=day, year=2026)
    again = daily_tick(as_of=DAYS[-1], year=2026)
    folder = Path(os.environ["LEGALCAP_HOME"]) / "backups"
    assert sorted(p.name for p in folder.iterdir()) == [daily_backup_name(d) for d in DAYS[-2:]]
    first_row = again.table()[0]
    assert first_row["检查"] == "数据库备份"
    assert "当日备份已存在" in first_row["说明"]


def test_a_tick_with_backups_disabled_writes_none_and_says_so(started_programme, monkeypatch):
    from flows.tick import daily_tick

    monkeypatch.setenv("LEGALCAP_BACKUP_KEEP", "0")
    report = daily_tick(as_of=DAYS[0], year=2026)
    assert not (Path(os.environ["LEGALCAP_HOME"]) / "backups").exists()
    assert "未启用" in report.table()[0]["说明"]
