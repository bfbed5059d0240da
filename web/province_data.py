"""What the province's pages read and do, through the CLI's services (review, mailbox, statistics); the
table of every unit is served by web/province_cache from tasks/province_store."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Engine

from models.db import session_scope
from models.tables import GateDecision
from tasks.context import ProgrammeRef


def statistics_tables(engine: Engine, ref: ProgrammeRef, day: dt.date) -> list[dict]:
    """The pivot tables of `legalcap stats export` with their charts."""
    from tasks.statistics import province_statistics
    from web.charts import statistics_view

    return statistics_view(province_statistics(engine, ref, day))


def pending_reviews(engine: Engine, ref: ProgrammeRef, day: dt.date) -> list[dict]:
    """The submissions waiting for review (as `legalcap review pending`)."""
    from tasks.services.review_pending import pending_for

    return pending_for(engine, ref, day)


def review(engine: Engine, ref: ProgrammeRef, unit: str, decision: str, reason: str, *, by: str,
           on: dt.date, at: dt.datetime) -> GateDecision:
    """Record approve/return (tasks/review.review_unit, audited with `by`)."""
    from tasks.review import review_unit

    with session_scope(engine) as session:
        row = review_unit(session, ref, unit, decision, by=by, reason=reason, on=on, at=at)
        session.flush()
        session.expunge(row)
    return row


def held_mail() -> list:
    """The held messages (as `legalcap mailbox held`)."""
    from tasks.mailbox.service import held_messages

    return held_messages()


def dismiss_mail(message: str, reason: str, *, by: str, at: dt.datetime):
    """Dismiss a held message: not imported, no receipt (as `legalcap mailbox dismiss`)."""
    from tasks.mailbox.service import dismiss_message

    return dismiss_message(message, reason, at=at, by=by)


def assign_mail(message: str, unit: str, *, by: str, at: dt.datetime):
    """Assign a held message and import it (as `legalcap mailbox assign`)."""
    from tasks.mailbox.service import assign_message

    return assign_message(message, unit.strip(), at=at, by=by)
