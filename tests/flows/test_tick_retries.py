"""The tick's database tasks retry transient errors (a lock, a dropped connection) and log their notes."""

import datetime as dt
import sqlite3
from dataclasses import replace

import pytest
from sqlalchemy.exc import OperationalError

from tasks.check_types import CheckResult

DAY = dt.date(2026, 5, 13)


def _flaky_check(monkeypatch, error: Exception, failures: int) -> list[int]:
    """Make the tick's checks fail `failures` times with `error`, then run normally; count the calls."""
    import tasks.tick as tick_module

    real = tick_module.CHECK_STEP.fn
    calls: list[int] = []

    def flaky(engine, ctx, check) -> CheckResult:
        calls.append(1)
        if len(calls) <= failures:
            raise error
        return real(engine, ctx, check)

    monkeypatch.setattr(tick_module, "CHECK_STEP", replace(tick_module.CHECK_STEP, fn=flaky))
    return calls


def _locked() -> OperationalError:
    return OperationalError("UPDATE notification", {}, sqlite3.OperationalError("database is locked"))


def test_a_locked_database_during_a_check_is_retried_and_the_tick_completes(started_programme, monkeypatch):
    from flows.tick import daily_tick, db_step_task

    monkeypatch.setattr(db_step_task, "retry_delay_seconds", [0, 0])
    calls = _flaky_check(monkeypatch, _locked(), failures=1)
    state = daily_tick(as_of=DAY, year=2026, return_state=True)
    assert state.is_completed()
    report = state.result()
    assert report.queued == 32  # the retried check still queued its chases, once
    assert len(calls) == len(report.results) + 1


def test_a_bug_in_a_check_is_not_retried(started_programme, monkeypatch):
    from flows.tick import daily_tick, db_step_task

    monkeypatch.setattr(db_step_task, "retry_delay_seconds", [0, 0])
    calls = _flaky_check(monkeypatch, KeyError("bug"), failures=1)
    state = daily_tick(as_of=DAY, year=2026, return_state=True)
    assert state.is_failed()
    assert len(calls) >= 1
    with pytest.raises(KeyError):
        state.result()


def test_the_checks_notes_reach_the_flow_runs_log(started_programme):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogWorker

    from flows.tick import daily_tick

    state = daily_tick(as_of=DAY, year=2026, return_state=True)
    APILogWorker.drain_all(timeout=30)
    run_id = state.state_details.flow_run_id
    with get_client(sync_client=True) as client:
        logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id])))
    messages = [log.message for log in logs]
    assert any(m.startswith("推荐材料截止：发现") and "新入发件箱 32" in m for m in messages), messages
    assert any(m.startswith("发送提醒：") for m in messages), messages
