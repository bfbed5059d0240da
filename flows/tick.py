"""daily_tick: the stage-gated dispatcher, each step of tasks/tick.run_tick a Prefect task of its own."""

import datetime as dt
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from tasks.context import load_programme
from tasks.runtime import get_engine
from tasks.tick import FLOW, TickReport, run_tick
from tasks.tick_steps import Step
from tasks.transient import DB_TASK_RETRIES


@task(name="tick-step", cache_policy=NO_CACHE)
def step_task(step: Step, args: tuple) -> Any:
    """Run one step of the tick and log its outcome line."""
    result = step.fn(*args)
    if step.describe is not None:
        get_run_logger().info(step.describe(result))
    return result


# The steps that work in the database retry a lock or a dropped connection (idempotent: nothing repeats).
db_step_task = step_task.with_options(**DB_TASK_RETRIES)


def run_as_task(step: Step, *args: Any) -> Any:
    """The flow's runner: the step as a Prefect task named after it (one task run per step)."""
    base = db_step_task if step.database else step_task
    run_name = step.run_name(*args) if step.run_name is not None else step.name
    return base.with_options(name=step.name, task_run_name=run_name)(quote(step), quote(args))


@flow(name="daily-tick", flow_run_name="tick-{as_of}")
def daily_tick(as_of: dt.date, year: int | None = None) -> TickReport:
    """Compute phases and gates as of the date and run the checks registered for those phases."""
    engine = get_engine()
    return run_tick(engine, load_programme(engine, year), as_of, run_as_task, FLOW)
