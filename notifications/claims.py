"""Claims on outbox rows: a dispatcher sends only the rows it claimed in one atomic UPDATE.

A claim is the dispatcher run's token and an expiry on the real clock (never a tick's virtual
time: the claim is about processes, not the programme's calendar). Any number of dispatchers may
run at once; each due row is claimed by one of them. Rows claimed by a process that died become
claimable again once the claim has expired.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, or_, select, update
from sqlalchemy.engine import Engine

from models.enums import NotificationStatus
from models.tables import Notification

_TABLE = Notification.__table__  # type: ignore[attr-defined]  # SQLModel sets __table__ on table classes
_T = _TABLE.c


def real_clock() -> dt.datetime:
    """The wall clock, read for claims only (due times follow the caller's `now`)."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class ClaimPolicy:
    """How long a claim lasts (seconds, real time) and the clock that measures it."""

    seconds: float = 900.0
    clock: Callable[[], dt.datetime] = real_clock


def _due(now: dt.datetime, real_now: dt.datetime):
    """Pending, due at `now`, and not held by a live claim at `real_now`."""
    return and_(_T.status == NotificationStatus.pending.value,
                or_(_T.next_attempt_at.is_(None), _T.next_attempt_at <= now),
                or_(_T.claim_token.is_(None), _T.claim_expires_at <= real_now))


def claim_due(engine: Engine, now: dt.datetime, policy: ClaimPolicy, limit: int | None = None) -> str:
    """Claim every row due at `now` that nobody holds, in one UPDATE; return the claim's token."""
    token = uuid.uuid4().hex
    real_now = policy.clock()
    condition = _due(now, real_now)
    # PostgreSQL: rows another claimer is locking are skipped, never waited for (no deadlock);
    # SQLite has no row locks (one writer at a time) and drops the FOR UPDATE clause.
    chosen = (select(_T.id).where(condition).order_by(_T.id).limit(limit)
              .with_for_update(skip_locked=True).scalar_subquery())
    stmt = (update(_TABLE).where(_T.id.in_(chosen), condition)
            .values(claim_token=token,
                    claim_expires_at=real_now + dt.timedelta(seconds=policy.seconds)))
    with engine.begin() as connection:
        connection.execute(stmt)
    return token


def claimed_rows(engine: Engine, token: str, columns: tuple[str, ...]) -> list:
    """The given columns of the rows this token holds, in id order (plain Core rows)."""
    stmt = select(*(_T[name] for name in columns)).where(_T.claim_token == token).order_by(_T.id)
    with engine.connect() as connection:
        return list(connection.execute(stmt))


def release(engine: Engine, token: str) -> None:
    """Give back the rows this token still holds (unsent ones stay pending for the next run)."""
    stmt = (update(_TABLE).where(_T.claim_token == bindparam("token"))
            .values(claim_token=None, claim_expires_at=None))
    with engine.begin() as connection:
        connection.execute(stmt, {"token": token})
