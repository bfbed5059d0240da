"""A dispatcher killed mid-run (SIGKILL) loses nothing and repeats at most the message in flight.

Its rows stay claimed until the claim expires: a rerun before that sends nothing, a rerun after
it sends the rest.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
from collections import Counter

import pytest
from sqlalchemy import update

from models.tables import Notification
from notifications.claims import real_clock
from tests.support.database import migrated_engine, start_default_programme
from tests.wire.conftest import DAY, at_eight, enqueue_findings, finding, rows, write_config
from tests.wire.servers import Received, wait_until

ROWS = 200
KILL_AT = 60
TIMEOUT_S = 60

DISPATCHER = """
import datetime as dt, sys
from notifications.dispatcher import RetryPolicy, dispatch
from notifications.routes import routes_from_settings
from tasks.runtime import get_engine

report = dispatch(get_engine(), routes_from_settings(), RetryPolicy(5, (5, 30, 120, 480)),
                  now=dt.datetime.fromisoformat(sys.argv[1]), year=2026)
print(f"sent={report.rows_sent} retrying={report.rows_retrying} failed={report.rows_failed}")
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


@pytest.fixture
def database(tmp_path):
    """A SQLite file with the 2026 programme and ROWS urgent rows to the province (one message each)."""
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    with migrated_engine(url) as engine:
        programme = start_default_programme(engine)
        ids = enqueue_findings(engine, programme.id,
                               [finding(f"s{n:03d}", "province", urgent=True) for n in range(ROWS)])
        yield url, engine, ids


@pytest.fixture
def processes():
    """Dispatcher subprocesses started by the test; any still running at the end is killed."""
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def start_dispatcher(url, home, config, processes: list[subprocess.Popen]) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))}
    env.update(LEGALCAP_DATABASE_URL=url, LEGALCAP_HOME=str(home), LEGALCAP_NOTIFY_CONFIG=str(config))
    home.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen([sys.executable, "-c", DISPATCHER, at_eight(DAY).isoformat()], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=home)
    processes.append(process)
    return process


def age_claims(engine) -> None:
    """Make every claim look expired (as if the claim's duration had passed since the kill)."""
    with engine.begin() as connection:
        connection.execute(update(Notification).where(Notification.claim_token.is_not(None))
                           .values(claim_expires_at=real_clock() - dt.timedelta(seconds=1)))


def test_a_dispatcher_killed_mid_run_then_rerun_delivers_every_row_and_repeats_at_most_one(
        database, receiver, tmp_path, processes):
    url, engine, ids = database
    config = write_config(tmp_path / "notify.yaml", [(receiver.url("province"), "province")])
    home = tmp_path / "home"
    victim: list[subprocess.Popen] = []
    killed = threading.Event()

    def kill_on_the_sixtieth(received: Received) -> None:
        if len(receiver.received) == KILL_AT and not killed.is_set():
            wait_until(lambda: victim, 5, "the dispatcher's pid")
            os.kill(victim[0].pid, signal.SIGKILL)  # before answering: that message is in flight
            killed.set()

    receiver.on_request = kill_on_the_sixtieth
    victim.append(start_dispatcher(url, home, config, processes))
    _, stderr = victim[0].communicate(timeout=TIMEOUT_S)

    assert killed.is_set(), stderr
    assert victim[0].returncode == -signal.SIGKILL
    assert len(receiver.received) == KILL_AT
    assert len([n for n in rows(engine) if n.status == "sent"]) in (KILL_AT - 1, KILL_AT)

    receiver.on_request = None
    unsent = [n for n in rows(engine) if n.status == "pending"]
    assert unsent and len({n.claim_token for n in unsent}) == 1 and unsent[0].claim_token
    early = start_dispatcher(url, home, config, processes)
    stdout, stderr = early.communicate(timeout=TIMEOUT_S)
    assert early.returncode == 0, stderr
    assert stdout.strip() == "sent=0 retrying=0 failed=0"  # the dead run's claim still holds
    assert len(receiver.received) == KILL_AT

    age_claims(engine)
    rerun = start_dispatcher(url, home, config, processes)
    stdout, stderr = rerun.communicate(timeout=TIMEOUT_S)
    assert rerun.returncode == 0, stderr

    received = Counter(i for message in receiver.received for i in message.ids)
    assert all(len(message.ids) == 1 for message in receiver.received)
    assert set(received) == set(ids)
    repeated = [i for i, n in received.items() if n > 1]
    assert repeated in ([], receiver.received[KILL_AT - 1].ids)  # only the one in flight at the kill
    assert max(received.values()) <= 2
    assert len(receiver.received) == ROWS + len(repeated)
    assert {n.status for n in rows(engine)} == {"sent"}
    assert stdout.strip() == f"sent={ROWS - (KILL_AT - len(repeated))} retrying=0 failed=0"
