"""实际成效 assessments: recorded with an audit entry, refused without a trace, the latest per unit loaded."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from models.db import session_scope
from models.tables import AuditEvent, EffectRecord, Recommendation
from tasks.assessments import EffectRefused, load_effects, record_effect
from tests.support.database import database_fingerprint

FEIXI, LUJIANG = "340123", "340124"
TODAY = dt.date(2027, 5, 25)
EVALUATOR = "省总工会评估组 李四"


@pytest.fixture
def feixi(engine, programme):
    """肥西县 recommended by 合肥市 (only the recommendation: assessments need nothing else)."""
    with session_scope(engine) as session:
        session.add(Recommendation(
            programme_id=programme.id, city_code="340100", unit_code=FEIXI, unit_name="肥西县总工会",
            contact_name="张三", contact_phone="13800000000", basic_situation="-", reason="-",
            city_opinion="同意", source_file="推荐表.docx", sha256="0" * 64, received_on=dt.date(2026, 5, 8),
            received_at=dt.datetime(2026, 5, 8, 2, tzinfo=dt.UTC)))
    return programme


def _assess(engine, programme, effect: float, on: dt.date, *, unit: str = FEIXI,
            notes: str = "座谈职工 12 名", methods=("site_visit", "座谈访谈")):
    with session_scope(engine) as session:
        return record_effect(session, programme.id, unit, effect, notes, methods, on, EVALUATOR, today=TODAY)


def test_an_assessment_is_stored_audited_and_returned_as_plain_data(engine, feixi) -> None:
    got = _assess(engine, feixi, 82.5, dt.date(2027, 5, 12))
    with session_scope(engine) as session:
        [row] = session.exec(select(EffectRecord)).all()
        [event] = session.exec(select(AuditEvent).where(AuditEvent.action == "effect.assessed")).all()
    assert (row.unit_code, row.effect, row.methods, row.assessed_by) == (FEIXI, 82.5, "site_visit,interview",
                                                                        EVALUATOR)
    assert (event.subject, event.actor, event.on_date) == (FEIXI, EVALUATOR, TODAY)
    assert '"effect": 82.5' in event.details_json
    assert got.methods == ("site_visit", "interview") and got.methods_text == "实地调研、座谈访谈"


def test_load_effects_gives_the_latest_assessment_made_by_the_date(engine, feixi) -> None:
    _assess(engine, feixi, 60.0, dt.date(2027, 5, 6))
    _assess(engine, feixi, 75.0, dt.date(2027, 5, 20), notes="复评：整改后成效明显")
    with session_scope(engine) as session:
        before = load_effects(session, feixi.id, dt.date(2027, 5, 5))
        first = load_effects(session, feixi.id, dt.date(2027, 5, 19))
        latest = load_effects(session, feixi.id, dt.date(2027, 5, 31))
    assert before == {}
    assert first[FEIXI].effect == 60.0
    assert (latest[FEIXI].effect, latest[FEIXI].notes, latest[FEIXI].assessed_on) == (
        75.0, "复评：整改后成效明显", dt.date(2027, 5, 20))


@pytest.mark.parametrize("change, reason", [
    ({"unit": "340999"}, "--unit 340999：不是已知的县（区）行政区划代码"),
    ({"unit": LUJIANG}, "--unit 340124：不是 2026 年度的项目实施单位"),
    ({"effect": 101.0}, "实际成效评分须在 0 至 100 之间"),
    ({"notes": " "}, "须填写评估意见"),
    ({"on": dt.date(2027, 4, 30)}, "早于总结评估阶段开始日期 2027-05-01"),
    ({"on": dt.date(2027, 5, 26)}, "晚于今天 2027-05-25"),
    ({"methods": ("电话",)}, "--method 电话：不是评估方式"),
])
def test_a_refused_assessment_changes_nothing_and_says_why_in_chinese(engine, feixi, change, reason) -> None:
    before = database_fingerprint(engine)
    args = {"effect": 80.0, "on": dt.date(2027, 5, 12)} | change
    with pytest.raises(EffectRefused) as refused:
        _assess(engine, feixi, args.pop("effect"), args.pop("on"), **args)
    assert reason in str(refused.value)
    assert database_fingerprint(engine) == before
