"""send-notifications: send the due outbox rows now, by the real clock (retries within the day).

The dispatch-only flow `serve` and prefect.yaml schedule beside the daily tick. Overlapping runs,
and a tick running at the same time, send each row once (rows are claimed before they are sent).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from notifications.dispatcher import DispatchReport
from tasks.runtime import get_engine
from tasks.sending import send_now, summary
from tasks.transient import DB_TASK_RETRIES

SHANGHAI = ZoneInfo("Asia/Shanghai")


@task(name="dispatch-outbox-now", cache_policy=NO_CACHE, **DB_TASK_RETRIES)
def send_task(year: int | None, at: dt.datetime) -> DispatchReport:
    """Claim and send what is due at `at`, within the run's deadline (a retry resends only unsent rows)."""
    return send_now(get_engine(), year, at)


@flow(name="send-notifications")
def send_notifications(year: int | None = None) -> DispatchReport:
    """Send the due reminders and the retries whose backoff has passed, by Beijing time now."""
    report = send_task(year, dt.datetime.now(SHANGHAI))
    get_run_logger().info(f"发送提醒：{report.messages} 条消息，{summary(report)}")
    return report
