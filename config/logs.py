"""Where output goes: legalcap's lines on the terminal, everything else in LEGALCAP_HOME/logs/legalcap.log."""

from __future__ import annotations

import hashlib
import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "legalcap.log"
PREFECT_LOGGING_CONFIG = Path(__file__).with_name("prefect-logging.yaml")
ONCE_PER_HOME = "once_per_home"
"""Set `extra={ONCE_PER_HOME: True}` on a warning to show it on the terminal once per LEGALCAP_HOME."""

QUIET_LOGGERS = ("httpx", "httpcore", "docket")  # a line per API call (full URLs); housekeeping
MAX_BYTES = 5_000_000
BACKUPS = 5
_FORMAT = "%(asctime)s | %(levelname)-7s | %(process)d | %(name)s - %(message)s"


def logs_dir(home: Path) -> Path:
    return home / "logs"


def log_path(home: Path) -> Path:
    """The rotating log file of a home (kept with BACKUPS older files of MAX_BYTES each)."""
    return logs_dir(home) / LOG_NAME


def prefect_logging_environment(home: Path) -> dict[str, str]:
    """Prefect's logging (and its temporary server's) into the same file, at INFO."""
    return {
        "PREFECT_LOGGING_SETTINGS_PATH": str(PREFECT_LOGGING_CONFIG),
        "PREFECT_LOGGING_HANDLERS_FILE_FILENAME": str(log_path(home)),
        "PREFECT_LOGGING_LEVEL": "INFO",
        "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
        "PREFECT_LOGGING_LOG_PRINTS": "false",
    }


class OncePerHome(logging.Filter):
    """Lets a record marked ONCE_PER_HOME through the first time only: a marker file per message."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, ONCE_PER_HOME, False):
            return True
        marker = self.folder / hashlib.sha256(record.getMessage().encode()).hexdigest()[:16]
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with marker.open("x", encoding="utf-8") as fh:
                fh.write(record.getMessage())
        except FileExistsError:
            return False
        except OSError:  # cannot remember that it was said: say it again rather than never
            return True
        return True


def file_handler(home: Path) -> RotatingFileHandler:
    handler = RotatingFileHandler(log_path(home), maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                  encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(_FORMAT))
    return handler


def console_handler(home: Path) -> logging.Handler:
    """legalcap's messages as plain Chinese lines on stderr; once-per-home warnings only the first time."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("提示：%(message)s"))
    handler.addFilter(OncePerHome(logs_dir(home) / "shown"))
    return handler


def configure_logging(home: Path, level: str) -> Path:
    """Root (every library) to the log file at INFO; `legalcap` also to the terminal. The file's path."""
    logs_dir(home).mkdir(parents=True, exist_ok=True)
    logging.raiseExceptions = False  # a full disk must not print a traceback per log record
    logging.captureWarnings(True)
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(file_handler(home))
    root.setLevel(logging.INFO)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    own = logging.getLogger("legalcap")
    own.handlers[:] = [console_handler(home)]
    own.setLevel(level.upper())
    own.propagate = True
    return log_path(home)
