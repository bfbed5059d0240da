"""The runner process of `legalcap serve`: both deployments, one run at a time each.

Started by flows/cli/serve_supervisor.py as `python -m flows.cli.serve_runner TICK_CRON DISPATCH_CRON`
with PREFECT_API_URL set; it polls the server and runs the scheduled flows in subprocesses.
"""

import sys

TIMEZONE = "Asia/Shanghai"
TICK_DEPLOYMENT = "legalcap-daily-tick"
DISPATCH_DEPLOYMENT = "legalcap-send-notifications"


def serve_deployments(tick_cron: str, dispatch_cron: str) -> None:
    """Serve the daily tick and the dispatch-only run, each with Prefect's concurrency limit 1."""
    from prefect import serve
    from prefect.schedules import Cron

    from flows.dispatch import send_notifications
    from flows.serve import scheduled_tick

    tick = scheduled_tick.to_deployment(
        name=TICK_DEPLOYMENT, schedules=[Cron(tick_cron, timezone=TIMEZONE)], concurrency_limit=1,
        paused=False, description="每日检查（北京时间；非工作日自动跳过）")
    dispatch = send_notifications.to_deployment(
        name=DISPATCH_DEPLOYMENT, schedules=[Cron(dispatch_cron, timezone=TIMEZONE)],
        concurrency_limit=1, paused=False, description="发送到期提醒（按真实时间退避重试）")
    serve(tick, dispatch, print_starting_message=False)


def main(argv: list[str]) -> None:
    """Serve until stopped; a failure is one Chinese line on the terminal, the traceback in the log."""
    from config.settings import get_settings
    from flows.cli.failures import explain
    from flows.cli.startup import prepare_run

    settings = get_settings()
    log_file = prepare_run(settings)  # Prefect's and libraries' logs to LEGALCAP_HOME/logs
    try:
        serve_deployments(argv[0], argv[1])
    except Exception as exc:
        line, code = explain(exc, settings.home_dir, log_file)
        print(line, file=sys.stderr)
        sys.exit(code)


if __name__ == "__main__":
    main(sys.argv[1:])
