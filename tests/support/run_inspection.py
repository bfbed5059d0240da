"""Read back what Prefect recorded of a flow run (task runs arrive as events, so wait until they settle)."""

from __future__ import annotations

import time
from uuid import UUID


def task_run_count(flow_run_id: UUID, *, settle_seconds: float = 2.0, timeout: float = 60.0) -> int:
    """The task runs recorded for a flow run, once the count has stayed the same for settle_seconds."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    only_this = FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
    last, stable_since = -1, time.monotonic()
    with get_client(sync_client=True) as client:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            count = len(client.read_task_runs(flow_run_filter=only_this))
            if count != last:
                last, stable_since = count, time.monotonic()
            elif time.monotonic() - stable_since > settle_seconds:
                break
            time.sleep(0.25)
    return last
