"""职工法律援助 cases per unit and service, as known by a date (for the subsidy counts in status)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func
from sqlmodel import Session, select

from models.tables import LedgerEntry
from tasks.ledger_snapshot import known_rows


def aid_counts(session: Session, programme_id: int, as_of: dt.date, units: list[str] | None = None
               ) -> dict[str, dict[str, int]]:
    """unit code → {service (mediation, arbitration…): legal-aid rows} happened and received by as_of
    (`units`: only these units)."""
    e = LedgerEntry
    only = () if units is None else (e.unit_code.in_(units),)
    stmt = (select(e.unit_code, e.subtype, func.count())
            .where(*known_rows(programme_id, as_of), *only, e.category == "legal_aid")
            .group_by(e.unit_code, e.subtype))
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for unit, service, n in session.exec(stmt):
        out[unit][service] = n
    return dict(out)
