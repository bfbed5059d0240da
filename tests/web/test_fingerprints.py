"""The one fingerprint builder (tasks/fingerprint) behind the portal's kept pages and the stored province
table, on SQLite and PostgreSQL: each reads its own tables' highest ids in one statement."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Integer, MetaData, String, Table
from sqlalchemy.engine import Engine

from models.db import session_scope
from models.records import AuditEvent
from models.web_users import WebLoginAttempt
from tasks.fingerprint import highest_ids_sql
from tasks.province_store import WATCHED, WATCHED_SQL, data_fingerprint
from web.unit_cache import read_fingerprint

AT = dt.datetime(2026, 6, 15, 1, tzinfo=dt.UTC)


def test_the_builder_reads_an_integer_id_else_counts_rows() -> None:
    meta = MetaData()
    ids = Table("a", meta, Column("id", Integer, primary_key=True))
    keyed = Table("b", meta, Column("code", String, primary_key=True))
    assert highest_ids_sql([ids, keyed], ["(SELECT 1)"]) == (
        "SELECT (SELECT max(id) FROM a), (SELECT count(*) FROM b), (SELECT 1)")


def test_the_province_fingerprint_is_built_by_it_over_its_watched_tables() -> None:
    sql = str(WATCHED_SQL)
    assert sql == highest_ids_sql(t.__table__ for t in WATCHED)
    assert sql.count("SELECT max(id) FROM") == len(WATCHED) and "webuser" not in sql


def test_both_fingerprints_move_with_an_audit_row_and_neither_with_a_login_attempt(engine: Engine) -> None:
    province, units = data_fingerprint(engine), read_fingerprint(engine)
    with session_scope(engine) as session:
        session.add(WebLoginAttempt(address="10.0.0.1", username="feixi", at=AT))
    assert (data_fingerprint(engine), read_fingerprint(engine)) == (province, units)
    with session_scope(engine) as session:
        session.add(AuditEvent(at=AT, on_date=AT.date(), actor="测试", action="test"))
    assert data_fingerprint(engine) != province and read_fingerprint(engine) != units
