"""run_tick is the one composition of a tick; the flow and the simulation differ only by declared options."""

from __future__ import annotations

import datetime as dt

from notifications.routes import Routes
from tasks.tick import FLOW, INLINE, TickOptions, run_tick
from tasks.tick_steps import BACKUP_STEP, REPORT_STEP, Step, run_inline

WORKDAY = dt.date(2026, 5, 13)
HOLIDAY = dt.date(2026, 10, 7)  # 国庆假期
STUBBED = {BACKUP_STEP.name: ["（测试：未备份）"], REPORT_STEP.name: None}  # no copy, no Prefect artifact


def _steps(engine, programme, day: dt.date, options: TickOptions) -> list[str]:
    names: list[str] = []

    def recording(step: Step, *args):
        names.append(step.run_name(*args) if step.run_name else step.name)
        return STUBBED[step.name] if step.name in STUBBED else run_inline(step, *args)

    run_tick(engine, programme, day, recording, options, Routes(None))
    return names


def test_the_flow_and_the_inline_tick_run_the_same_steps_but_what_inline_declares_it_skips(engine, programme):
    flow = _steps(engine, programme, WORKDAY, FLOW)
    inline = _steps(engine, programme, WORKDAY, INLINE)

    assert flow[:3] == ["backup-database", "fetch-mailbox", "load-snapshot"]
    assert flow[-3:] == ["dispatch-outbox", "province-table", "publish-tick-artifact"]
    assert "check-submission_deadline" in flow
    assert inline == [name for name in flow
                      if name not in ("backup-database", "province-table", "publish-tick-artifact")]


def test_a_non_working_day_runs_no_step_but_the_flow_still_reports(engine, programme):
    assert _steps(engine, programme, HOLIDAY, FLOW) == ["publish-tick-artifact"]
    assert _steps(engine, programme, HOLIDAY, INLINE) == []
