"""Overlapping dispatchers against a slow receiver deliver each message once; a run stops at its deadline.

Four processes start the same tick (and one a dispatch by the real clock) at the same moment, on
SQLite and on PostgreSQL; the receiver takes its time over each message so the runs overlap.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter

import pytest

from notifications.routes import Routes
from tests.wire.conftest import (
    DAY,
    POLICY,
    YEAR,
    at_eight,
    database_url,
    enqueue_findings,
    finding,
    rows,
    write_config,
)

SLOW_S = 0.2
RUN_TIMEOUT_S = 240
REPORT_PREFIX = "report "

DISPATCHER = """
import datetime as dt, pathlib, sys, time
from tasks.context import load_programme
from tasks.runtime import get_engine
from tasks.sending import send_now
from tasks.tick import tick_once

kind, day, go = sys.argv[1], dt.date.fromisoformat(sys.argv[2]), pathlib.Path(sys.argv[3])
engine = get_engine()
ref = load_programme(engine, 2026)
print("ready", flush=True)
while not go.exists():
    time.sleep(0.005)
if kind == "tick":
    report = tick_once(engine, ref, day).dispatch
else:
    report = send_now(engine, 2026, dt.datetime.now(dt.UTC))
print(f"report {report.messages} {report.rows_sent} {report.rows_retrying} {report.rows_left}", flush=True)
"""


@pytest.fixture
def slow_receiver(receiver):
    """The local receiver answering every POST after SLOW_S seconds (200 OK)."""
    receiver.on_request = lambda _received: time.sleep(SLOW_S)
    return receiver


@pytest.fixture
def everything_to(tmp_path, slow_receiver):
    """An Apprise config sending every tag to the receiver's /all (Apprise's `always` tag)."""
    return write_config(tmp_path / "notify.yaml", [(slow_receiver.url("all"), "always")])


def start(kind: str, url: str, config, home, go, started: list[subprocess.Popen]) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))}
    env.update(LEGALCAP_DATABASE_URL=url, LEGALCAP_HOME=str(home), LEGALCAP_NOTIFY_CONFIG=str(config))
    process = subprocess.Popen([sys.executable, "-c", DISPATCHER, kind, DAY.isoformat(), str(go)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=home)
    started.append(process)
    return process


@pytest.fixture
def started():
    processes: list[subprocess.Popen] = []
    yield processes
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def test_four_ticks_started_at_once_deliver_each_reminder_exactly_once(
        engine, programme, slow_receiver, everything_to, tmp_path, started):
    home, go = tmp_path / "home", tmp_path / "go"
    home.mkdir()
    kinds = ("tick", "tick", "tick", "send")
    processes = [start(kind, database_url(engine), everything_to, home, go, started) for kind in kinds]
    for process in processes:  # every process has its engine and programme: then all go at once
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
    go.touch()
    outputs = [process.communicate(timeout=RUN_TIMEOUT_S) for process in processes]

    assert [p.returncode for p in processes] == [0] * len(kinds), [err for _, err in outputs]
    reports = [[int(x) for x in out.split(REPORT_PREFIX)[1].split()] for out, _ in outputs]
    queued = rows(engine)
    assert len(queued) == 32  # the 2026-05-13 tick: 16 reminders to the province, 1 to each city
    delivered = Counter(i for message in slow_receiver.received for i in message.ids)
    assert sorted(delivered) == [r.id for r in queued]
    assert set(delivered.values()) == {1}  # each row once, whichever process sent it
    assert {(r.status, r.attempts, r.claim_token) for r in queued} == {("sent", 1, None)}
    assert sum(r[1] for r in reports) == 32  # rows sent, over all processes
    assert sum(r[0] for r in reports) == len(slow_receiver.received)


def test_a_run_past_its_deadline_starts_no_more_messages_and_a_later_run_sends_the_rest(
        engine, programme, slow_receiver, everything_to, tmp_path, monkeypatch):
    from notifications.dispatcher import dispatch

    monkeypatch.setenv("LEGALCAP_HOME", str(tmp_path))
    slow_receiver.on_request = lambda _received: time.sleep(1.0)  # one message outlasts the deadline
    ids = enqueue_findings(engine, programme.id, [finding(f"d{n}", "province", urgent=True)
                                                  for n in range(5)])
    routes = Routes(everything_to)

    first = dispatch(engine, routes, POLICY, now=at_eight(DAY), year=YEAR, deadline_seconds=0.5)

    assert first.messages <= 1 and first.messages + first.rows_left == 5
    assert first.rows_left >= 4
    assert len(slow_receiver.received) == first.messages
    left = [r for r in rows(engine) if r.status == "pending"]
    assert len(left) == first.rows_left
    assert {(r.attempts, r.claim_token, r.claim_expires_at) for r in left} == {(0, None, None)}

    slow_receiver.on_request = None
    second = dispatch(engine, routes, POLICY, now=at_eight(DAY), year=YEAR, deadline_seconds=60)

    assert (second.rows_sent, second.rows_left) == (first.rows_left, 0)
    delivered = Counter(i for message in slow_receiver.received for i in message.ids)
    assert sorted(delivered) == ids and set(delivered.values()) == {1}
    assert {(r.status, r.claim_token) for r in rows(engine)} == {("sent", None)}
