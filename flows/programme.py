"""programme_start: the administrator's flow that opens a year."""

import datetime as dt
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from config.loader import load_programme_config
from models.db import session_scope
from tasks.programme import start_programme
from tasks.runtime import get_engine
from tasks.transient import DB_TASK_RETRIES


@task(name="pin-programme-config", cache_policy=NO_CACHE, **DB_TASK_RETRIES)
def pin_config(config_path: str, at: dt.datetime, by: str) -> dict:
    cfg = load_programme_config(Path(config_path))
    with session_scope(get_engine()) as session:
        programme, created = start_programme(session, cfg, source=config_path, at=at, by=by)
        return {"year": programme.year, "config_hash": programme.config_hash, "created": created}


@flow(name="programme-start", flow_run_name="programme-start-{year}")
def programme_start(year: int, config_path: str, at: dt.datetime, by: str) -> dict:
    """Validate the year's YAML and pin it with its hash."""
    return pin_config(config_path, at, by)
