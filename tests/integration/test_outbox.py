"""The outbox: each finding becomes one Notification row, however often it is enqueued."""

from __future__ import annotations

import datetime as dt

from sqlmodel import func, select

from models.chases import RECOMMENDATION_RULE, determine_submission_chases
from models.db import session_scope
from models.findings import Finding
from models.tables import Notification
from notifications.outbox import CHUNK, enqueue
from tasks.context import load_context

AFTER_DEADLINE = dt.date(2026, 5, 13)


def _finding(subject: str, rung: int = 0, audience: str | None = None) -> Finding:
    context = {"city_name": f"测试市{subject}", "lacking": ["推荐表（附件1）"], "unit_name": "",
               "due": "2026-05-12", "workdays_left": 3, "rung": rung}
    return Finding(RECOMMENDATION_RULE, subject, rung, "2026", audience or f"city-{subject}",
                   False, "recommendation_deadline", context)


def _enqueue(engine, programme, findings, as_of=AFTER_DEADLINE) -> int:
    with session_scope(engine) as session:
        return enqueue(session, findings, programme_id=programme.id, year=programme.year,
                       as_of=as_of)


def _rows(engine) -> list[Notification]:
    with session_scope(engine) as session:
        return list(session.exec(select(Notification).order_by(Notification.idempotency_key)))


def _count(engine, *where) -> int:
    with session_scope(engine) as session:
        return session.exec(select(func.count()).select_from(Notification).where(*where)).one()


def test_enqueuing_the_same_findings_twice_stores_each_once(engine, programme) -> None:
    findings = [_finding("340100"), _finding("340100", rung=1), _finding("340200")]

    _enqueue(engine, programme, findings)
    _enqueue(engine, programme, findings, as_of=AFTER_DEADLINE + dt.timedelta(1))

    rows = _rows(engine)
    assert [r.idempotency_key for r in rows] == sorted(f.key(2026) for f in findings)
    assert rows[0].idempotency_key == "2026:recommendation_deadline:340100:0:2026:city-340100"
    assert {r.created_on for r in rows} == {AFTER_DEADLINE}
    assert {(r.status, r.programme_id) for r in rows} == {("pending", programme.id)}
    assert rows[0].title.startswith("【提醒】测试市340100")


def test_a_finding_repeated_within_one_batch_is_stored_once(engine, programme) -> None:
    _enqueue(engine, programme, [_finding("340100"), _finding("340100")])
    assert _count(engine) == 1


def test_only_the_new_findings_of_a_later_batch_are_added(engine, programme) -> None:
    _enqueue(engine, programme, [_finding("340100")])
    _enqueue(engine, programme, [_finding("340100"), _finding("340100", audience="province")])
    assert [r.audience for r in _rows(engine)] == ["city-340100", "province"]


def test_enqueue_returns_how_many_findings_were_new(engine, programme) -> None:
    first = [_finding("340100"), _finding("340200")]
    assert _enqueue(engine, programme, first) == 2
    assert _enqueue(engine, programme, [*first, _finding("340300")]) == 1
    assert _enqueue(engine, programme, first) == 0


def test_submission_chases_after_the_deadline_are_queued_once(engine, programme) -> None:
    ctx = load_context(engine, programme, AFTER_DEADLINE)
    findings = determine_submission_chases(ctx.slots, ctx.cfg, ctx.calendar, AFTER_DEADLINE)
    assert len(findings) == 32  # nobody has submitted: 16 cities x (city, province)
    assert {f.audience for f in findings if f.subject == "341200"} == {"city-341200", "province"}

    _enqueue(engine, programme, findings)
    _enqueue(engine, programme, findings)

    assert _count(engine) == 32
    assert _count(engine, Notification.urgent) == 32
    assert {r.idempotency_key for r in _rows(engine)} == {f.key(2026) for f in findings}


def test_batches_larger_than_one_insert_chunk_are_stored_completely_and_once(
    engine, programme,
) -> None:
    findings = [_finding(f"{n:06d}") for n in range(2 * CHUNK + 7)]

    _enqueue(engine, programme, findings)
    _enqueue(engine, programme, findings)

    with session_scope(engine) as session:
        keys = session.exec(select(func.count(func.distinct(Notification.idempotency_key)))).one()
    assert (_count(engine), keys) == (len(findings), len(findings))
