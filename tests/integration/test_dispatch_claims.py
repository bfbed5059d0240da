"""Claims on outbox rows: a crashed claimer's rows wait for the claim to expire, then go once."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from config.settings import Settings
from models.db import session_scope
from models.findings import Finding
from models.tables import Notification
from notifications.claims import ClaimPolicy, claim_due
from notifications.dispatcher import RetryPolicy, dispatch
from notifications.outbox import enqueue
from notifications.routes import Routes
from tasks.sending import CLAIM_MARGIN_SECONDS, run_limits

T0 = dt.datetime(2026, 5, 13, 8, 0, tzinfo=dt.UTC)  # the tick's virtual time
REAL = dt.datetime(2031, 3, 2, 10, 0, tzinfo=dt.UTC)  # the wall clock, unrelated to T0
POLICY = RetryPolicy(5, (5, 30))
CLAIM = 600


def _queue(engine, programme, n: int) -> None:
    findings = [Finding("recommendation_deadline", f"s{i}", 0, "2026", "province", True,
                        "recommendation_deadline",
                        {"city_name": f"测试市{i}", "lacking": ["推荐表（附件1）"], "unit_name": "",
                         "due": "2026-05-12", "workdays_left": -1, "rung": 0}) for i in range(n)]
    with session_scope(engine) as session:
        enqueue(session, findings, programme_id=programme.id, year=2026, as_of=T0.date())


def _rows(engine) -> list[Notification]:
    with session_scope(engine) as session:
        return list(session.exec(select(Notification).order_by(Notification.id)))


def _at(seconds_after_real: float) -> ClaimPolicy:
    """A claim policy whose clock reads REAL + the given seconds."""
    return ClaimPolicy(CLAIM, clock=lambda: REAL + dt.timedelta(seconds=seconds_after_real))


def _dispatch(engine, claims: ClaimPolicy):
    return dispatch(engine, Routes(None), POLICY, now=T0, year=2026, claims=claims)


def test_a_crashed_claimers_rows_are_not_sent_before_the_claim_expires(engine, programme, tmp_path,
                                                                      monkeypatch):
    monkeypatch.setenv("LEGALCAP_HOME", str(tmp_path))
    _queue(engine, programme, 3)
    dead = claim_due(engine, T0, _at(0))  # claimed, then the process died: never released

    report = _dispatch(engine, _at(CLAIM - 1))

    assert (report.messages, report.rows_sent) == (0, 0)
    rows = _rows(engine)
    assert {(r.status, r.attempts, r.claim_token) for r in rows} == {("pending", 0, dead)}
    assert {r.claim_expires_at for r in rows} == {REAL + dt.timedelta(seconds=CLAIM)}
    assert not (tmp_path / "outbox" / "province.jsonl").exists()


def test_a_crashed_claimers_rows_are_taken_over_after_expiry_and_sent_once(engine, programme,
                                                                           tmp_path, monkeypatch):
    monkeypatch.setenv("LEGALCAP_HOME", str(tmp_path))
    _queue(engine, programme, 3)
    claim_due(engine, T0, _at(0))

    report = _dispatch(engine, _at(CLAIM + 1))
    again = _dispatch(engine, _at(CLAIM + 2))

    assert (report.rows_sent, again.rows_sent) == (3, 0)
    rows = _rows(engine)
    assert {(r.status, r.attempts, r.claim_token, r.claim_expires_at) for r in rows} == {
        ("sent", 1, None, None)}
    lines = (tmp_path / "outbox" / "province.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3


def test_a_live_claim_hides_rows_from_a_second_claimer_and_a_finished_run_holds_no_claim(
        engine, programme, tmp_path, monkeypatch):
    monkeypatch.setenv("LEGALCAP_HOME", str(tmp_path))
    _queue(engine, programme, 2)
    first = claim_due(engine, T0, _at(0))
    second = claim_due(engine, T0, _at(1))

    assert first != second
    assert {r.claim_token for r in _rows(engine)} == {first}

    failing = Routes(None)
    failing.services_for = lambda tag: []  # no channel for anyone: every row stays pending
    dispatch(engine, failing, POLICY, now=T0, year=2026, claims=_at(CLAIM + 1))
    assert {(r.status, r.attempts, r.claim_token) for r in _rows(engine)} == {("pending", 1, None)}


def test_the_claim_always_outlives_the_run_deadline() -> None:
    deadline, claims = run_limits(Settings(dispatch_deadline_seconds=600, dispatch_claim_seconds=60))
    assert deadline == 600
    assert claims.seconds == 600 + CLAIM_MARGIN_SECONDS
    _, default = run_limits(Settings())
    assert default.seconds >= Settings().dispatch_deadline_seconds + CLAIM_MARGIN_SECONDS
