"""Start an annual programme: pin its configuration and hash."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from config.loader import ConfigError
from config.programme import ProgrammeConfig
from models.tables import Programme
from tasks.audit import record_audit


def start_programme(
    session: Session, cfg: ProgrammeConfig, *, source: str, at: dt.datetime, by: str
) -> tuple[Programme, bool]:
    """Store the programme with its config; (programme, created). Refuse a silent change."""
    existing = session.exec(select(Programme).where(Programme.year == cfg.year)).first()
    digest = cfg.config_hash()
    if existing is not None:
        if existing.config_hash != digest:
            raise ConfigError(
                f"{source}: {cfg.year} 年度项目已于 {existing.started_on} 启动（配置哈希 "
                f"{existing.config_hash[:12]}），当前文件哈希为 {digest[:12]}：运行中的年度不会被静默修改"
            )
        return existing, False
    programme = Programme(
        year=cfg.year, name=cfg.name, config_json=cfg.canonical_json(), config_hash=digest,
        config_source=source, started_on=at.date(), started_at=at, started_by=by,
    )
    session.add(programme)
    session.flush()
    record_audit(session, at=at, actor=by, action="programme.started", subject=str(cfg.year),
                 programme_id=programme.id, details={"config_hash": digest, "source": source})
    return programme, True
