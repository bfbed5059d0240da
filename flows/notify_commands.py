"""CLI bodies for `notify test` and `notifications list`."""

from __future__ import annotations

import datetime as dt
import json

from rich.table import Table
from sqlmodel import select

from flows.console import print_table
from models.db import session_scope
from models.tables import Notification
from notifications.digest import Batch, PendingItem
from notifications.dispatcher import send_batch
from notifications.routes import routes_from_settings
from tasks.runtime import get_engine

STATUS_LABELS = {"pending": "待发送", "sent": "已送达", "failed": "失败", "cancelled": "已取消"}


def send_test(tag: str, *, at: dt.datetime) -> bool:
    """Send a test message to a tag now; print one line per target; True if all were reached."""
    item = PendingItem(0, tag, at.date(), True, "【测试】legalcap 通知渠道测试",
                       f"这是一条测试消息，发送时间 {at:%Y-%m-%d %H:%M}。收到即说明 {tag} 的渠道配置正确。")
    results = send_batch(routes_from_settings(), Batch(tag, (item,), frozenset()))
    if not results:
        print(f"没有为 {tag} 配置通知渠道（检查 LEGALCAP_NOTIFY_CONFIG 中的 tag）")
        return False
    for r in results:
        print(f"{'✔ 成功' if r.ok else '✘ 失败'}  {r.name}  {r.url}" + (f"  {r.error}" if r.error else ""))
    return all(r.ok for r in results)


def _rows(status: str | None, tag: str | None) -> list[Notification]:
    with session_scope(get_engine()) as session:
        stmt = select(Notification).order_by(Notification.id)
        if status:
            stmt = stmt.where(Notification.status == status)
        if tag:
            stmt = stmt.where(Notification.audience == tag)
        return list(session.exec(stmt))


def list_notifications(status: str | None, tag: str | None, fmt: str) -> None:
    rows = _rows(status, tag)
    if fmt == "json":
        print(json.dumps([_as_dict(n) for n in rows], ensure_ascii=False, indent=2))
        return
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
        "audience": n.audience, "rule": n.rule, "subject": n.subject, "rung": n.rung,
        "urgent": n.urgent, "status": n.status, "attempts": n.attempts, "title": n.title,
        "last_error": n.last_error, "sent_at": n.sent_at.isoformat() if n.sent_at else None,
        "targets": json.loads(n.results_json or "{}") or {},
    }
