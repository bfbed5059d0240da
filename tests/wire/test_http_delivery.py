"""Delivery over HTTP to a local json:// receiver that fails, hangs, then recovers."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from models.tables import Notification
from notifications.dispatcher import FAILURE_RULE, RetryPolicy
from notifications.routes import Routes
from tests.wire.conftest import (
    DAY,
    POLICY,
    at_eight,
    cli_json,
    database_url,
    enqueue_findings,
    finding,
    row,
    rows,
    run_dispatch,
    run_legalcap,
    write_config,
)
from tests.wire.servers import ERROR, OK, SLOW

NEXT_DAY = DAY + dt.timedelta(days=1)
READ_TIMEOUT_S = 1
HANG_BOUND_S = 10


@pytest.fixture
def config(tmp_path, receiver):
    """province and city-340100 on the receiver; the city URL gives up after 1 s without an answer."""
    return write_config(tmp_path / "notify.yaml", [
        (receiver.url("province"), "province"),
        (receiver.url("city", f"rto={READ_TIMEOUT_S}&cto={READ_TIMEOUT_S}"), "city-340100"),
    ])


def test_a_receiver_down_for_a_day_keeps_the_row_pending_then_gets_it_exactly_once(
        engine, programme, receiver, config, tmp_path):
    routes = Routes(config)
    (row_id,) = enqueue_findings(engine, programme.id, [finding("c1", "province")])
    receiver.mode = ERROR

    report = run_dispatch(engine, routes, DAY)

    failed = row(engine, row_id)
    assert (failed.status, failed.attempts) == ("pending", 1)
    assert "500" in failed.last_error
    assert failed.next_attempt_at == at_eight(DAY) + dt.timedelta(minutes=POLICY.backoff_minutes[0])
    assert failed.sent_at is None
    assert report.rows_retrying == 1
    assert [(r.path, r.answer, r.ids) for r in receiver.received] == [("/province", ERROR, [row_id])]
    (target,) = json.loads(failed.results_json).values()
    assert target["ok"] is False
    assert "500" in target["error"]

    listed = cli_json(run_legalcap(tmp_path / "cli-home", "notifications", "list", "--status", "pending",
                                   "--format", "json",
                                   env={"LEGALCAP_DATABASE_URL": database_url(engine),
                                        "LEGALCAP_NOTIFY_CONFIG": str(config)}))
    assert [(n["id"], n["status"], n["attempts"]) for n in listed] == [(row_id, "pending", 1)]
    assert listed[0]["last_error"] == failed.last_error

    run_dispatch(engine, routes, DAY)  # same day, before the back-off: not tried again
    assert len(receiver.received) == 1

    receiver.mode = OK
    report = run_dispatch(engine, routes, NEXT_DAY)

    sent = row(engine, row_id)
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 2, "")
    assert sent.sent_at == at_eight(NEXT_DAY)
    assert sent.next_attempt_at is None
    assert report.rows_sent == 1
    assert [r.ids for r in receiver.delivered()] == [[row_id]]
    assert len(receiver.received) == 2

    run_dispatch(engine, routes, NEXT_DAY + dt.timedelta(days=1))  # nothing left to send
    assert len(receiver.received) == 2


def test_a_hanging_receiver_is_given_up_on_quickly_and_the_row_is_delivered_later(
        engine, programme, receiver, config):
    routes = Routes(config)
    (row_id,) = enqueue_findings(engine, programme.id, [finding("c1", "city-340100", urgent=True)])
    receiver.mode = SLOW

    started = time.monotonic()
    report = run_dispatch(engine, routes, DAY)
    elapsed = time.monotonic() - started

    assert elapsed < HANG_BOUND_S
    assert [(r.path, r.answer) for r in receiver.received] == [("/city", SLOW)]
    hung = row(engine, row_id)
    assert (hung.status, hung.attempts) == ("pending", 1)
    assert hung.last_error
    assert hung.next_attempt_at is not None
    assert report.rows_retrying == 1

    receiver.mode = OK
    run_dispatch(engine, routes, NEXT_DAY)

    sent = row(engine, row_id)
    assert (sent.status, sent.attempts) == ("sent", 2)
    assert [r.ids for r in receiver.delivered()] == [[row_id]]


def test_a_row_failing_max_attempts_times_is_failed_and_the_province_is_told(
        engine, programme, receiver, config):
    routes = Routes(config)
    policy = RetryPolicy(2, (5,))
    (row_id,) = enqueue_findings(engine, programme.id, [finding("c1", "city-340100")])
    receiver.modes["/city"] = ERROR

    run_dispatch(engine, routes, DAY, policy)
    assert row(engine, row_id).status == "pending"
    assert rows(engine, Notification.rule == FAILURE_RULE) == []

    report = run_dispatch(engine, routes, NEXT_DAY, policy)

    failed = row(engine, row_id)
    assert (failed.status, failed.attempts) == ("failed", 2)
    assert failed.last_error
    assert failed.next_attempt_at is None
    assert report.rows_failed == 1
    (notice,) = rows(engine, Notification.rule == FAILURE_RULE)
    assert (notice.audience, notice.status, notice.urgent) == ("province", "pending", True)
    assert f"#{row_id}" in notice.title
    assert "city-340100" in notice.body

    run_dispatch(engine, routes, NEXT_DAY + dt.timedelta(days=1), policy)

    assert row(engine, notice.id).status == "sent"
    (told,) = receiver.delivered("/province")
    assert told.title == notice.title
    assert told.type == "warning"
    assert len([r for r in receiver.received if r.path == "/city"]) == 2


def test_a_failure_notice_that_cannot_be_delivered_is_not_escalated_again(engine, programme, receiver,
                                                                         config):
    routes = Routes(config)
    policy = RetryPolicy(2, (5,))
    (row_id,) = enqueue_findings(engine, programme.id, [finding("c1", "city-340100")])
    receiver.mode = ERROR

    for offset in range(6):
        run_dispatch(engine, routes, DAY + dt.timedelta(days=offset), policy)

    everything = rows(engine)
    assert [(n.rule, n.status, n.attempts) for n in everything] == [
        ("recommendation_deadline", "failed", 2), (FAILURE_RULE, "failed", 2)]
    assert everything[1].subject == f"notification-{row_id}"
    assert [r.path for r in receiver.received] == ["/city", "/city", "/province", "/province"]
    assert receiver.delivered() == []


def test_with_two_receivers_for_a_tag_only_the_one_that_failed_is_tried_again(engine, programme, receiver,
                                                                            tmp_path):
    config = write_config(tmp_path / "two.yaml", [(receiver.url("main"), "province"),
                                                  (receiver.url("backup"), "province")])
    routes = Routes(config)
    (row_id,) = enqueue_findings(engine, programme.id, [finding("c1", "province")])
    receiver.modes["/backup"] = ERROR

    run_dispatch(engine, routes, DAY)

    partial = row(engine, row_id)
    assert (partial.status, partial.attempts) == ("pending", 1)
    assert sorted(t["ok"] for t in json.loads(partial.results_json).values()) == [False, True]
    assert [r.ids for r in receiver.delivered("/main")] == [[row_id]]

    receiver.modes["/backup"] = OK
    run_dispatch(engine, routes, NEXT_DAY)

    sent = row(engine, row_id)
    assert (sent.status, sent.attempts) == ("sent", 2)
    assert [t["ok"] for t in json.loads(sent.results_json).values()] == [True, True]
    assert [r.ids for r in receiver.delivered("/main")] == [[row_id]]  # not sent twice
    assert [r.ids for r in receiver.delivered("/backup")] == [[row_id]]
