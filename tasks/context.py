"""The tick's context: programme, pinned config, calendar and one snapshot as of a date."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from config.calendars import load_calendar
from config.loader import config_from_json
from config.logs import ONCE_PER_HOME
from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.db import session_scope
from models.errors import Refusal
from models.facts import SlotFacts
from models.status import UnitStatus, evaluate_slots
from models.tables import Programme
from models.tick_time import tick_stamp
from tasks.gc_pause import no_cyclic_gc
from tasks.ledger_once import LedgerDigest
from tasks.snapshot import load_slots

SHANGHAI = ZoneInfo("Asia/Shanghai")


class ProgrammeNotFound(Refusal):
    """No programme has been started for that year."""


@dataclass(frozen=True)
class TickContext:
    programme_id: int
    year: int
    config_hash: str
    cfg: ProgrammeConfig
    calendar: WorkCalendar
    as_of: dt.date
    slots: list[SlotFacts]
    statuses: list[UnitStatus]

    @property
    def stamp(self) -> dt.datetime:
        """The virtual time of rows the tick writes: 08:00 Beijing time of as_of."""
        return tick_stamp(self.as_of)


def find_programme(session: Session, year: int | None) -> Programme:
    stmt = select(Programme).order_by(Programme.year.desc())
    if year is not None:
        stmt = stmt.where(Programme.year == year)
    programme = session.exec(stmt).first()
    if programme is None:
        which = f"{year} 年度" if year else "任何年度"
        raise ProgrammeNotFound(f"尚未启动{which}项目",
                                hint="：请先运行 legalcap programme start --year <年度>")
    return programme


@lru_cache(maxsize=4)
def calendar_for(weekday_fallback: bool) -> WorkCalendar:
    """One calendar per process; its guessing warnings reach the terminal once per home (config/logs)."""
    log = logging.getLogger("legalcap.calendar")
    return load_calendar(weekday_fallback=weekday_fallback,
                         warn=lambda message: log.warning(message, extra={ONCE_PER_HOME: True}))


@dataclass(frozen=True)
class ProgrammeRef:
    """A started programme with its pinned configuration."""

    id: int
    year: int
    config_hash: str
    cfg: ProgrammeConfig

    @property
    def calendar(self) -> WorkCalendar:
        return calendar_for(self.cfg.calendar.weekday_fallback)


def load_programme(engine: Engine, year: int | None) -> ProgrammeRef:
    with session_scope(engine) as session:
        p = find_programme(session, year)
        return ProgrammeRef(p.id, p.year, p.config_hash, config_from_json(p.config_json))


def load_context(engine: Engine, ref: ProgrammeRef, as_of: dt.date, ledger: LedgerDigest | None = None
                 ) -> TickContext:
    """One consistent read of everything the rules need (`ledger`: the ledger already read whole)."""
    with no_cyclic_gc(), session_scope(engine) as session:
        slots = load_slots(session, ref.id, as_of, ledger=ledger)
        statuses = evaluate_slots(slots, ref.cfg, ref.calendar, as_of)
    return TickContext(ref.id, ref.year, ref.config_hash, ref.cfg, ref.calendar,
                       as_of, slots, statuses)
