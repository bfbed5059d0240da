"""send-notifications: send the due outbox rows now, by the real clock (retries within the day).

The dispatch-only flow `serve` and prefect.yaml schedule beside the daily tick. Overlapping runs,
and a tick running at the same time, send each row once (rows are claimed before they are sent).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.today import scheduled_today
from notifications.dispatcher import DispatchReport
from tasks.context import load_programme
from tasks.runtime import get_engine
from tasks.sending import send_now, summary
from tasks.transient import DB_TASK_RETRIES

SHANGHAI = ZoneInfo("Asia/Shanghai")


@task(name="dispatch-outbox-now", cache_policy=NO_CACHE, **DB_TASK_RETRIES)
def send_task(year: int | None, at: dt.datetime) -> DispatchReport:
    """Claim and send what is due at `at`, within the run's deadline (a retry resends only unsent rows)."""
    return send_now(get_engine(), year, at)


@flow(name="send-notifications")
def send_notifications(year: int | None = None) -> DispatchReport | None:
    """Send the due reminders and the retries whose backoff has passed, by Beijing time now.

    Like the tick, the scheduled run rests on non-working days (holidays that fall on a weekday);
    `legalcap notifications send` sends whatever the day.
    """
    day = scheduled_today()
    if not load_programme(get_engine(), year).calendar.is_workday(day):
        get_run_logger().info(f"{day} 不是工作日：不发送提醒")
        return None
    report = send_task(year, dt.datetime.now(SHANGHAI))
    get_run_logger().info(f"发送提醒：{report.messages} 条消息，{summary(report)}")
    return report
