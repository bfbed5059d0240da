"""数据库命令：完整性检查、备份（SQLite 在线备份；PostgreSQL 给出 pg_dump 用法）与升级。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flows.cli.common import UserError, now

db_app = typer.Typer(help="数据库", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
    db_app.command("check")(db_check_cmd)
    db_app.command("backup")(db_backup_cmd)
    db_app.command("upgrade")(db_upgrade_cmd)


def db_upgrade_cmd() -> None:
    """把数据库结构升级到最新版本，并载入城市与县（区）参考数据。"""
    from models.db import current_revision
    from tasks.runtime import get_engine

    engine = get_engine()
    typer.echo(f"数据库已是最新版本（{current_revision(engine)}）：{engine.url.render_as_string()}")


def db_check_cmd() -> None:
    """检查数据库：SQLite 做完整性检查（只读，不改动文件），PostgreSQL 检查连接。

    两者都核对结构版本与各表行数；完好时退出码 0，有问题时退出码 2。
    """
    from config.settings import get_settings
    from tasks.db_check import check_database

    settings = get_settings()
    report = check_database(settings.db_url, settings.backups_dir)
    for line in report.lines:
        typer.echo(line)
    typer.echo("结论：数据库完好" if report.sound else "结论：数据库有问题（见上）")
    if not report.sound:
        raise typer.Exit(2)


def db_backup_cmd(
    to: Annotated[Path, typer.Option("--to", help="备份存放的文件夹（不存在时新建）")],
) -> None:
    """备份数据库：SQLite 在线备份到 --to 文件夹（带时间的文件名），写入后校验。

    PostgreSQL 数据库只给出 pg_dump 的用法，不生成文件，退出码 2。
    """
    from config.settings import get_settings
    from tasks.backup import backup_sqlite, free_manual_name, human_size, pg_dump_guidance
    from tasks.db_guard import sqlite_path, verify_existing

    settings = get_settings()
    source = sqlite_path(settings.db_url)
    if source is None:
        for line in pg_dump_guidance(settings.db_url, to, now()):
            typer.echo(line)
        raise typer.Exit(2)
    if not source.exists():
        raise UserError(f"数据库文件不存在：{source}（尚无数据可备份）")
    verify_existing(settings.db_url, settings.backups_dir)
    folder = _make_folder(to)
    copy = backup_sqlite(source, free_manual_name(folder, now()))
    typer.echo(f"已备份到 {copy.path}（{human_size(copy.size)}，写入后完整性检查通过）")


def _make_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"--to: 无法创建文件夹 {folder}（{exc.strerror or exc}）") from None
    if not folder.is_dir():
        raise UserError(f"--to: {folder} 不是文件夹")
    return folder.resolve()
