"""legalcap db check: integrity (SQLite) or connection (PostgreSQL), schema revision and row counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, func, inspect, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel

from models.db import current_revision, head_revision, make_engine
from models.db_health import damaged_message
from tasks.backup import human_size
from tasks.db_guard import header_diagnosis, latest_backup, open_read_only, run_check, sqlite_path


@dataclass
class DbCheckReport:
    lines: list[str] = field(default_factory=list)
    sound: bool = True

    def fail(self, line: str) -> None:
        self.lines.append(line)
        self.sound = False


def check_database(url: str, backups_dir: Path) -> DbCheckReport:
    """Check the database without changing it; SQLite files are opened read-only."""
    path = sqlite_path(url)
    if path is None:
        return _check_server(url)
    return _check_sqlite_file(path, backups_dir)


def _check_sqlite_file(path: Path, backups_dir: Path) -> DbCheckReport:
    report = DbCheckReport()
    if not path.exists():
        report.fail(f"数据库文件不存在：{path}（尚未使用；任一命令会新建）")
        return report
    report.lines.append(f"数据库：{path}（SQLite，{human_size(path.stat().st_size)}）")
    problem = header_diagnosis(path) or run_check(path, "integrity_check")
    latest = latest_backup(backups_dir)
    if problem is not None:
        report.fail("完整性检查（PRAGMA integrity_check）：未通过")
        report.fail(damaged_message(str(path), problem, latest and str(latest), str(backups_dir)))
        return report
    report.lines.append("完整性检查（PRAGMA integrity_check）：通过")
    engine = create_engine("sqlite://", creator=lambda: open_read_only(path))
    try:
        _check_schema(engine, report)
    finally:
        engine.dispose()
    report.lines.append(f"最近的备份：{latest}" if latest else f"备份：{backups_dir} 中没有备份")
    return report


def _check_server(url: str) -> DbCheckReport:
    shown = make_url(url).render_as_string(hide_password=True)
    report = DbCheckReport([f"数据库：{shown}（PostgreSQL）"])
    engine = make_engine(url)
    try:
        with engine.connect():
            pass
        report.lines.append("连接：正常")
        _check_schema(engine, report)
    except SQLAlchemyError as exc:
        first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        report.fail(f"连接：失败（{first}）")
    finally:
        engine.dispose()
    return report


def _check_schema(engine: Engine, report: DbCheckReport) -> None:
    revision, head = current_revision(engine), head_revision()
    if revision == head:
        report.lines.append(f"结构版本：{revision}（最新）")
    else:
        report.fail(f"结构版本：{revision or '无'}，最新为 {head}：请运行 legalcap db upgrade")
    report.lines.append(row_counts_line(engine))


def row_counts_line(engine: Engine) -> str:
    """Rows per table, non-empty tables only, in the schema's order."""
    present = set(inspect(engine).get_table_names())
    tables = [t for t in SQLModel.metadata.sorted_tables if t.name in present]
    with engine.connect() as conn:
        counts = [(t.name, conn.execute(select(func.count()).select_from(t)).scalar_one()) for t in tables]
    filled = [f"{name} {n:,}" for name, n in counts if n]
    if not filled:
        return "各表行数：全部为空"
    empty = len(counts) - len(filled)
    return f"各表行数：{'，'.join(filled)}" + (f"；其余 {empty} 个表为空" if empty else "")
