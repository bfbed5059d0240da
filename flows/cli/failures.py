"""When a command cannot finish: one Chinese line for the administrator, an exit code, details in the log."""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError
from pydantic_settings import SettingsError

from config.settings import DEFAULT_STARTUP_TIMEOUT_SECONDS, EPHEMERAL_STARTUP_TIMEOUT, Settings

USER_ACTION = 2  # the administrator must change something (settings, folder, disk space)
FAILED = 1  # the command failed: retry later, or report the bug

READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
FULL = {errno.ENOSPC, errno.EDQUOT}
NOT_A_FOLDER = {errno.ENOTDIR, errno.EEXIST}
FORMS = {
    "home": "文件夹路径，例如 /srv/legalcap",
    "database_url": "数据库地址，例如 postgresql+psycopg://用户:密码@主机/库名",
    "notify_config": "YAML 文件路径",
    "log_level": "DEBUG、INFO、WARNING、ERROR 或 CRITICAL",
    "archive_roots": 'JSON 列表，例如 ["/data/档案", "/srv/legalcap"]',
}
_TYPE_FORMS = {"int_parsing": "整数", "float_parsing": "数字", "bool_parsing": "true 或 false",
               "greater_than": "大于 {gt} 的数", "greater_than_equal": "不小于 {ge} 的数",
               "less_than": "小于 {lt} 的数", "less_than_equal": "不大于 {le} 的数"}
_SECRET_FIELDS = {"database_url"}
log = logging.getLogger("legalcap_cli")  # not under "legalcap": file only, never the terminal


def chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, its causes and contexts, and the members of exception groups."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [current.__cause__, current.__context__]
        todo += list(getattr(current, "exceptions", ()) or ())


def settings_line(exc: BaseException) -> str | None:
    """The wrong LEGALCAP_* variables and the form each expects, or None if not a settings error."""
    if isinstance(exc, SettingsError):
        found = re.search(r'field "(\w+)"', str(exc))
        return _variables_line([found.group(1) if found else "?"], {})
    if isinstance(exc, ValidationError) and exc.title == Settings.__name__:
        fields, hints = [], {}
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "?"
            fields.append(name)
            hint = _TYPE_FORMS.get(error["type"])
            hints.setdefault(name, hint.format(**error.get("ctx", {})) if hint else None)
        return _variables_line(fields, hints)
    return None


def _variables_line(fields: list[str], hints: dict[str, str | None]) -> str:
    parts = []
    for name in dict.fromkeys(fields):
        variable = f"LEGALCAP_{name.upper()}"
        value = os.environ.get(variable, "")
        shown = f"（当前为“{value}”）" if value and name not in _SECRET_FIELDS and len(value) <= 60 else ""
        form = FORMS.get(name) or hints.get(name) or _described(name) or "正确的格式"
        parts.append(f"环境变量 {variable} 的值不正确{shown}，正确格式：{form}")
    return "错误：" + "；".join(parts) + "。请修改后重试"


def _described(name: str) -> str | None:
    field = Settings.model_fields.get(name)
    return field.description if field else None


def machine_error(exc: BaseException) -> OSError | None:
    """An OSError in the chain saying a folder is read-only, full or not a folder."""
    for item in chain(exc):
        if isinstance(item, OSError) and item.errno in READ_ONLY | FULL | NOT_A_FOLDER:
            return item
    return None


def folder_line(error: OSError, home: Path | None) -> str:
    """One line naming the folder and what to do about it."""
    where = Path(error.filename) if error.filename else home
    folder = where if where is None or where.is_dir() or not where.parent.exists() else where.parent
    name = str(folder) if folder else "LEGALCAP_HOME"
    if error.errno in FULL:
        return (f"错误：磁盘空间已满，无法写入 {name}：请清理磁盘空间"
                "（或把 LEGALCAP_HOME 设到空间充足的磁盘）后重试")
    if error.errno in NOT_A_FOLDER:
        return f"错误：{name} 不是文件夹，无法用作数据目录：请把 LEGALCAP_HOME 设为一个文件夹后重试"
    return (f"错误：文件夹 {name} 只读或没有写入权限：legalcap 需要在数据目录（LEGALCAP_HOME）中写入；"
            "请授予写入权限，或把 LEGALCAP_HOME 设到可写的文件夹后重试")


def startup_timeout(exc: BaseException) -> RuntimeError | None:
    """Prefect's 'Timed out while attempting to connect to ephemeral Prefect API server'."""
    for item in chain(exc):
        if isinstance(item, RuntimeError) and "ephemeral Prefect API server" in str(item):
            return item
    return None


def startup_line(error: RuntimeError, log_file: Path | None) -> str:
    seconds = os.environ.get(EPHEMERAL_STARTUP_TIMEOUT, str(DEFAULT_STARTUP_TIMEOUT_SECONDS))
    what = ("Prefect 临时服务器启动后异常退出" if "exited with code" in str(error)
            else f"Prefect 临时服务器在 {seconds} 秒内未能启动（本机可能过于繁忙）")
    return (f"错误：{what}，命令未执行。请在机器较空闲时重试；或调大环境变量 {EPHEMERAL_STARTUP_TIMEOUT}"
            f"（当前 {seconds} 秒）；或设置 PREFECT_API_URL 指向已在运行的 Prefect 服务器。"
            f"详情见日志 {log_file or 'LEGALCAP_HOME/logs/legalcap.log'}")


def disk_full(home: Path | None) -> bool:
    """True when the home's disk has no room left (a full disk can surface as any error)."""
    try:
        return home is not None and shutil.disk_usage(home).free < 64 * 1024
    except OSError:
        return False


def _prefect_home() -> Path | None:
    value = os.environ.get("PREFECT_HOME")
    return Path(value).expanduser() if value else None


def explain(exc: BaseException, home: Path | None, log_file: Path | None) -> tuple[str, int]:
    """The administrator's line and the exit code; the traceback goes to the log file."""
    line = settings_line(exc)
    if line is not None:
        return line, USER_ACTION
    if log_file is not None:  # before logging is set up, Python would print it on the terminal
        log.error("命令未完成", exc_info=exc)
    error = machine_error(exc)
    if error is not None:
        return folder_line(error, home), USER_ACTION
    for folder in (home, _prefect_home()):
        if disk_full(folder):  # e.g. Prefect's server could not write its database
            full = OSError(errno.ENOSPC, "No space left on device", str(folder))
            return folder_line(full, home), USER_ACTION
    timeout = startup_timeout(exc)
    if timeout is not None:
        return startup_line(timeout, log_file), FAILED
    where = log_file or "LEGALCAP_HOME/logs/legalcap.log"
    return (f"抱歉，legalcap 遇到了程序错误，命令未完成（{type(exc).__name__}）。"
            f"详细信息已写入日志 {where}，请把该文件发给技术支持。", FAILED)
