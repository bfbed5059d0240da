"""Make the demo re-runnable: clear a previous demo run, never real data."""

from __future__ import annotations

from sqlmodel import Session, SQLModel, delete, select

from models.errors import Refusal
from models.tables import City, Programme, Unit

DEMO_ACTOR = "演示（legalcap simulate --demo）"


class DemoRefused(Refusal):
    """The database holds a real programme; the demo will not touch it."""


def refuse_real_programme(session: Session) -> bool:
    """Raise DemoRefused when a non-demo programme exists; True when a previous demo is there."""
    programmes = session.exec(select(Programme)).all()
    real = [p.year for p in programmes if p.started_by != DEMO_ACTOR]
    if real:
        raise DemoRefused(
            f"数据库中已有正式项目（{real} 年度），演示不会覆盖："
            "请设置 LEGALCAP_HOME 到另一个目录后再运行演示")
    return bool(programmes)


def reset_demo(session: Session) -> bool:
    """Delete everything a previous demo wrote; refuse when a non-demo programme exists."""
    if not refuse_real_programme(session):
        return False
    keep = {City.__tablename__, Unit.__tablename__}
    for table in reversed(SQLModel.metadata.sorted_tables):
        if table.name not in keep:
            session.exec(delete(table))
    return True
