"""通知命令：测试通知渠道；查看发件箱；立即发送到期的提醒。"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from flows.cli.common import Format, UserError, Year, check_format, now
from models.enums import NotificationStatus

if TYPE_CHECKING:
    from models.tables import Notification

notify_app = typer.Typer(help="通知渠道", no_args_is_help=True)
notifications_app = typer.Typer(help="发件箱", no_args_is_help=True)
STATUS_LABELS = {NotificationStatus.pending: "待发送", NotificationStatus.sent: "已送达",
                 NotificationStatus.failed: "失败", NotificationStatus.cancelled: "已取消"}


def register(app: typer.Typer) -> None:
    app.add_typer(notify_app, name="notify")
    app.add_typer(notifications_app, name="notifications")
    notifications_app.command("send")(notifications_send)
    notifications_app.command("list")(notifications_list_cmd)


@notify_app.command("test")
def notify_test_cmd(
    tag: Annotated[str, typer.Option("--tag", help="接收对象，如 province、city-340100、unit-340123")],
) -> None:
    """向一个接收对象发送测试消息，逐个渠道显示结果（地址已隐去密钥）。"""
    from tasks.services.outbox_queries import send_test

    results = send_test(tag, at=now())
    if not results:
        print(f"没有为 {tag} 配置通知渠道（检查 LEGALCAP_NOTIFY_CONFIG 中的 tag）")
        raise typer.Exit(1)
    for r in results:
        print(f"{'✔ 成功' if r.ok else '✘ 失败'}  {r.name}  {r.url}" + (f"  {r.error}" if r.error else ""))
    if not all(r.ok for r in results):
        raise typer.Exit(1)


def notifications_list_cmd(
    status: Annotated[str | None, typer.Option("--status", help="pending、sent、failed 或 cancelled")] = None,
    fmt: Format = "table",
    tag: Annotated[str | None, typer.Option("--tag", help="只看某个接收对象")] = None,
) -> None:
    """列出发件箱中的提醒及其发送状态、尝试次数与最后错误。"""
    check_format(fmt)
    if status not in (None, *NotificationStatus):
        raise UserError(f"--status: 不支持“{status}”（可选 pending、sent、failed、cancelled）")
    from tasks.services.outbox_queries import outbox_rows

    rows = outbox_rows(status, tag)
    if fmt == "json":
        print(json.dumps([_as_dict(n) for n in rows], ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    from flows.console import print_table

    table = Table(title=f"发件箱（{len(rows)} 条）")
    for col in ("编号", "日期", "接收对象", "规则", "紧急", "状态", "尝试", "标题", "最后错误"):
        table.add_column(col)
    for n in rows:
        table.add_row(str(n.id), n.created_on.isoformat(), n.audience, n.rule, "是" if n.urgent else "",
                      STATUS_LABELS.get(n.status, n.status), str(n.attempts), n.title, n.last_error)
    print_table(table)


def _as_dict(n: Notification) -> dict:
    return {
        "id": n.id, "idempotency_key": n.idempotency_key, "created_on": n.created_on.isoformat(),
        "audience": n.audience, "to_address": n.to_address, "rule": n.rule, "subject": n.subject,
        "rung": n.rung,
        "urgent": n.urgent, "status": n.status, "attempts": n.attempts, "title": n.title,
        "last_error": n.last_error, "sent_at": n.sent_at.isoformat() if n.sent_at else None,
        "targets": json.loads(n.results_json or "{}") or {},
    }


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
