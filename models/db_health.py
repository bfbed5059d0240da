"""What an SQLite file's header and SQLite's own errors say about a database, in Chinese (pure)."""

from __future__ import annotations

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


def _page_size(header: bytes) -> int:
    raw = int.from_bytes(header[16:18], "big")
    return 65536 if raw == 1 else raw


def header_problem(header: bytes, size: int, *, wal_pending: bool = False) -> str | None:
    """Why a file's first 100 bytes and its size show it is no sound SQLite database, or None.

    The page count in the header is trusted only when SQLite marks it valid (offsets 24 and 92
    agree); a pending write-ahead log may still hold pages a crashed checkpoint did not copy.
    """
    if size == 0:
        return "文件为空（0 字节）"
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        return "不是 SQLite 数据库文件（文件头不符）"
    page_size = _page_size(header)
    if page_size < 512 or page_size & (page_size - 1):
        return "不是 SQLite 数据库文件（页大小无效）"
    pages = int.from_bytes(header[28:32], "big")
    counted = pages > 0 and header[24:28] == header[92:96]
    if counted and not wal_pending and size < pages * page_size:
        return f"文件不完整（按文件头应有 {pages * page_size:,} 字节，实际只有 {size:,} 字节）"
    return None


def check_problem(rows: list[str]) -> str | None:
    """The first finding of PRAGMA quick_check / integrity_check, or None when it said ok."""
    if rows == ["ok"]:
        return None
    first = " ".join((rows[0] if rows else "无结果").split())
    more = f"等 {len(rows)} 处" if len(rows) > 1 else ""
    return f"完整性检查未通过（SQLite：{first[:120]}{more}）"


def damaged_message(path: str, reason: str, latest_backup: str | None, backups_dir: str) -> str:
    """One line: the file, why it is refused, where the latest backup is and how to restore it."""
    name = path.rsplit("/", 1)[-1]
    head = f"数据库文件 {path} 已损坏：{reason}；legalcap 未作任何改动"
    restore = (f"停止 legalcap（含 serve、worker），删除同目录的 {name}-wal、{name}-shm（如有），"
               "再把备份复制为该文件")
    if latest_backup is None:
        return f"{head}。备份目录 {backups_dir} 中没有备份；如另有备份，恢复方法：{restore}"
    return f"{head}。最近的备份：{latest_backup}；恢复方法：{restore}"


_ENVIRONMENT = (
    ("attempt to write a readonly database", "不能写入（文件或所在目录只读）：请检查权限与磁盘挂载方式"),
    ("database or disk is full", "不能写入（磁盘已满）：请清理磁盘空间后重试"),
    ("unable to open database file", "无法打开：请检查所在目录是否存在、可写"),
    ("disk i/o error", "读写出错（磁盘 I/O 错误）：请检查磁盘"),
)


def environment_problem(sqlite_message: str, path: str) -> str | None:
    """A Chinese line for SQLite errors caused by the machine (read-only, full disk), else None."""
    text = sqlite_message.lower()
    for marker, advice in _ENVIRONMENT:
        if marker in text:
            return f"数据库文件 {path} {advice}。未完成的写入已撤销"
    return None
