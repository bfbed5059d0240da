"""The received-on rule: a back-dated import counts from the start of its day, Beijing time."""

import datetime as dt

from models.received_on import SHANGHAI, counts_from
from tasks.ledger_snapshot import known_by

JULY_3 = dt.date(2026, 7, 3)


def test_an_import_entered_on_the_day_it_was_received_keeps_its_moment():
    at = dt.datetime(2026, 7, 3, 1, 30, tzinfo=dt.UTC)  # 09:30 in Beijing
    assert counts_from(JULY_3, at) == at


def test_a_back_dated_import_counts_from_00_00_beijing_of_its_received_on_day():
    at = dt.datetime(2026, 12, 1, 18, 36, tzinfo=dt.UTC)
    moment = counts_from(JULY_3, at)
    assert moment == dt.datetime(2026, 7, 3, 0, 0, tzinfo=SHANGHAI)
    assert moment < known_by(JULY_3) and moment >= known_by(JULY_3 - dt.timedelta(days=1))


def test_the_day_is_the_beijing_day_not_the_utc_day():
    at = dt.datetime(2026, 7, 2, 17, 0, tzinfo=dt.UTC)  # 01:00 on July 3 in Beijing
    assert counts_from(JULY_3, at) == at
    assert counts_from(dt.date(2026, 7, 2), at) == dt.datetime(2026, 7, 2, 0, 0, tzinfo=SHANGHAI)


def test_a_naive_moment_is_read_as_utc_as_the_database_stores_it():
    assert counts_from(JULY_3, dt.datetime(2026, 7, 2, 17, 0)) == dt.datetime(2026, 7, 2, 17, 0)
