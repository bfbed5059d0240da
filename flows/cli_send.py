"""发件箱命令：立即发送到期的提醒（按真实时间计算重试退避）。"""

from __future__ import annotations

import typer

from flows.cli_common import Year, now


def register(notifications_app: typer.Typer) -> None:
    notifications_app.command("send")(notifications_send)


def notifications_send(year: Year = None) -> None:
    """立即发送到期的提醒：按北京时间现在计算，退避期已过的失败提醒也在此重试。

    可与每日检查或另一次发送同时运行：每条提醒只发送一次。一次发送有总时限
    （LEGALCAP_DISPATCH_DEADLINE_SECONDS），到时未发的提醒留待下次。
    """
    from tasks.runtime import get_engine
    from tasks.sending import send_now, summary

    report = send_now(get_engine(), year, now())
    if not report.messages and not report.rows_left:
        typer.echo("没有到期待发送的提醒")
        return
    for error in report.errors:
        typer.echo(f"发送失败：{error}")
    typer.echo(f"发送提醒：{report.messages} 条消息；{summary(report)}")
