"""Before any command: the home can be written, Prefect is pointed at it, output goes where it belongs."""

from __future__ import annotations

import os
from pathlib import Path

from config.logs import configure_logging, logs_dir
from config.settings import Settings, prepare_prefect_environment

PROBE_BYTES = 4096


def probe_writable(folder: Path) -> None:
    """Create the folder and write (then remove) a small file; raises the OSError that says why not."""
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / f".legalcap-write-check-{os.getpid()}"
    try:
        with probe.open("wb") as fh:
            fh.write(b"\0" * PROBE_BYTES)
            fh.flush()
            os.fsync(fh.fileno())
    finally:
        probe.unlink(missing_ok=True)


def prepare_run(settings: Settings) -> Path:
    """Check the home, LEGALCAP_HOME/logs and PREFECT_HOME are writable, then set up Prefect and logging.

    Prefect's temporary server would otherwise wait out its whole start-up timeout on a read-only
    or full PREFECT_HOME. Returns the log file's path.
    """
    home = settings.home_dir
    probe_writable(home)
    probe_writable(logs_dir(home))
    prepare_prefect_environment(settings)
    probe_writable(Path(os.environ["PREFECT_HOME"]).expanduser())
    return configure_logging(home, settings.log_level)
