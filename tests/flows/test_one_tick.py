"""A step declared once in tasks/tick_steps runs in the Prefect flow (as a task) and in the inline tick."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

DAY = dt.date(2026, 5, 13)


def test_a_step_registered_once_runs_in_the_flow_as_a_task_and_inline_without_one(
    started_programme, flow_db, monkeypatch
):
    from prefect.context import TaskRunContext

    import tasks.tick as tick
    from flows.tick import daily_tick
    from notifications.routes import Routes
    from tasks.context import load_programme

    seen: list[str] = []
    real = tick.DISPATCH_STEP.fn

    def watched(*args):
        run = TaskRunContext.get()
        seen.append(run.task_run.name if run else "inline")
        return real(*args)

    monkeypatch.setattr(tick, "DISPATCH_STEP", replace(tick.DISPATCH_STEP, fn=watched))
    in_flow = daily_tick(as_of=DAY, year=2026)
    inline = tick.tick_once(flow_db, load_programme(flow_db, 2026), DAY, Routes(None))

    assert seen == ["dispatch-outbox", "inline"]
    assert in_flow.dispatch is not None and inline.dispatch is not None
    assert in_flow.queued == 32 and inline.queued == 0  # the same checks: the second tick finds all queued


def test_the_flow_runs_each_step_as_a_task_named_after_it(started_programme):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from flows.tick import daily_tick
    from tests.support.run_inspection import task_run_count

    state = daily_tick(as_of=DAY, year=2026, return_state=True)
    run_id = state.state_details.flow_run_id
    count = task_run_count(run_id)
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run_id])))
    names = {r.name for r in runs}

    # backup, mailbox, snapshot, checks, dispatch, the province table's rows, artifact
    assert count == len(state.result().results) + 6
    assert {"backup-database", "fetch-mailbox", "load-snapshot", "check-submission_deadline",
            "dispatch-outbox", "province-table", "publish-tick-artifact"} <= names
    assert state.result().mail == ["未配置报送邮箱（LEGALCAP_MAILBOX_URL），未收取"]
