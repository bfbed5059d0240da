"""Wire tests: real Apprise against local servers on 127.0.0.1 (HTTP for json://, SMTP for mailto://).

Nothing here reaches the internet: only json:// and mailto:// URLs pointing at 127.0.0.1, and outbox://.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from models.db import session_scope
from models.findings import Finding
from models.tables import Notification
from notifications.dispatcher import DispatchReport, RetryPolicy, dispatch
from notifications.outbox import enqueue
from notifications.routes import Routes
from tests.wire.servers import MailServer, Receiver, running_mail_server, running_receiver

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = dt.date(2026, 5, 13)
YEAR = 2026
POLICY = RetryPolicy(5, (5, 30, 120, 480))
LEGALCAP = Path(sys.executable).with_name("legalcap")
RULE = "recommendation_deadline"


def at_eight(day: dt.date) -> dt.datetime:
    """The tick's virtual time: 08:00 Beijing time of `day`."""
    return dt.datetime.combine(day, dt.time(8, 0), SHANGHAI)


def finding(subject: str, audience: str, *, urgent: bool = False, rung: int = 0) -> Finding:
    context = {"city_name": f"测试市{subject}", "lacking": ["推荐表（附件1）"], "unit_name": "",
               "due": "2026-05-12", "workdays_left": -1, "rung": rung}
    return Finding(RULE, subject, rung, str(YEAR), audience, urgent, "recommendation_deadline", context)


def enqueue_findings(engine: Engine, programme_id: int, findings: list[Finding],
                     as_of: dt.date = DAY) -> list[int]:
    """Queue the findings; the ids of their rows, in the order given."""
    with session_scope(engine) as session:
        enqueue(session, findings, programme_id=programme_id, year=YEAR, as_of=as_of)
    keys = [f.key(YEAR) for f in findings]
    by_key = {r.idempotency_key: r.id for r in rows(engine)}
    return [by_key[k] for k in keys]


def rows(engine: Engine, *where) -> list[Notification]:
    with session_scope(engine) as session:
        stmt = select(Notification).where(*where).order_by(Notification.id)
        return list(session.exec(stmt))


def row(engine: Engine, row_id: int) -> Notification:
    (found,) = rows(engine, Notification.id == row_id)
    return found


def run_dispatch(engine: Engine, routes: Routes, day: dt.date,
                 policy: RetryPolicy = POLICY) -> DispatchReport:
    return dispatch(engine, routes, policy, now=at_eight(day), year=YEAR)


def write_config(path: Path, targets: list[tuple[str, str]]) -> Path:
    """An Apprise YAML config: each (url, tag) under `urls:` with `- tag: ...`."""
    lines = ["version: 1", "urls:"]
    for url, tag in targets:
        lines += [f'  - "{url}":', f"      - tag: {tag}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def database_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def run_legalcap(home: Path, *args: str, env: dict[str, str] | None = None,
                 timeout: float = 60) -> subprocess.CompletedProcess:
    """The real console script on a private LEGALCAP_HOME, with only the LEGALCAP_* vars given."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))}
    base.update(env or {})
    base["LEGALCAP_HOME"] = str(home)
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.run([str(LEGALCAP), *args], capture_output=True, text=True, env=base,
                          timeout=timeout, cwd=home)


def cli_json(result: subprocess.CompletedProcess) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as server:
        yield server


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    with running_mail_server() as server:
        yield server
