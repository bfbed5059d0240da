"""The outbox as people ask about it: list its rows, send a test message to a tag."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from models.db import session_scope
from models.tables import Notification
from notifications.digest import Batch, PendingItem
from notifications.dispatcher import TargetResult, send_batch
from notifications.routes import routes_from_settings
from tasks.runtime import get_engine


def outbox_rows(status: str | None, tag: str | None) -> list[Notification]:
    """The outbox rows in order, optionally of one status and one audience tag."""
    with session_scope(get_engine()) as session:
        stmt = select(Notification).order_by(Notification.id)
        if status:
            stmt = stmt.where(Notification.status == status)
        if tag:
            stmt = stmt.where(Notification.audience == tag)
        return list(session.exec(stmt))


def send_test(tag: str, *, at: dt.datetime) -> list[TargetResult]:
    """Send a test message to a tag now; one result per target (none when the tag has no channel)."""
    item = PendingItem(0, tag, at.date(), True, "【测试】legalcap 通知渠道测试",
                       f"这是一条测试消息，发送时间 {at:%Y-%m-%d %H:%M}。收到即说明 {tag} 的渠道配置正确。")
    return send_batch(routes_from_settings(), Batch(tag, (item,), frozenset()))
