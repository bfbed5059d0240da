"""Routing by tag through Apprise's YAML config to local json:// endpoints, and the default outbox."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from config.yaml_files import ConfigError
from models.tables import Notification
from notifications.digest import Batch, PendingItem
from notifications.dispatcher import send_batch
from notifications.routes import Routes
from tests.wire.conftest import DAY, enqueue_findings, finding, row, rows, run_dispatch, write_config

TAGS = ("province", "city-340100", "unit-340123", "evaluator")


def jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.fixture
def routes(tmp_path, receiver) -> Routes:
    """Each tag to its own path on the local receiver: /province, /city-340100, ..."""
    config = write_config(tmp_path / "notify.yaml", [(receiver.url(tag), tag) for tag in TAGS])
    return Routes(config)


def test_each_endpoint_receives_exactly_the_messages_for_its_tag(engine, programme, routes, receiver):
    ids = {
        "province": enqueue_findings(engine, programme.id, [finding("p1", "province"),
                                                            finding("p2", "province", urgent=True)]),
        "city-340100": enqueue_findings(engine, programme.id, [finding("c1", "city-340100")]),
        "unit-340123": enqueue_findings(engine, programme.id, [finding("u1", "unit-340123"),
                                                               finding("u2", "unit-340123")]),
        "evaluator": enqueue_findings(engine, programme.id, [finding("e1", "evaluator", urgent=True)]),
    }

    report = run_dispatch(engine, routes, DAY)

    assert report.errors == []
    assert report.rows_sent == 6
    for tag in TAGS:
        got = receiver.delivered(f"/{tag}")
        assert sorted(i for message in got for i in message.ids) == sorted(ids[tag]), tag
    assert {r.path for r in receiver.received} == {f"/{tag}" for tag in TAGS}
    assert len(receiver.received) == 5  # province: urgent + 1 digest; unit: 1 digest; city; evaluator
    assert {r.status for r in rows(engine)} == {"sent"}


def test_json_messages_carry_title_message_and_type(engine, programme, routes, receiver):
    (urgent,) = enqueue_findings(engine, programme.id, [finding("e1", "evaluator", urgent=True)])
    (normal,) = enqueue_findings(engine, programme.id, [finding("c1", "city-340100")])

    run_dispatch(engine, routes, DAY)

    (to_evaluator,) = receiver.delivered("/evaluator")
    (to_city,) = receiver.delivered("/city-340100")
    assert to_evaluator.title == row(engine, urgent).title
    assert to_evaluator.title.startswith("【逾期】测试市e1")
    assert to_evaluator.type == "warning"
    assert to_city.type == "info"
    assert row(engine, normal).body in to_city.message
    assert f"编号 #{normal}" in to_city.message


def test_non_urgent_rows_for_one_recipient_on_one_day_arrive_as_one_digest(engine, programme, routes,
                                                                           receiver):
    normal = enqueue_findings(engine, programme.id, [finding(f"d{n}", "province") for n in range(4)])
    urgent = enqueue_findings(engine, programme.id, [finding("x1", "province", urgent=True),
                                                     finding("x2", "province", urgent=True)])

    run_dispatch(engine, routes, DAY)

    messages = receiver.delivered("/province")
    digests = [m for m in messages if len(m.ids) > 1]
    alone = [m for m in messages if len(m.ids) == 1]
    assert len(digests) == 1
    (digest,) = digests
    assert digest.title == f"【每日汇总】{DAY.isoformat()} 共 4 项提醒"
    assert sorted(digest.ids) == normal
    for row_id in normal:
        assert f"编号 #{row_id}" in digest.message
    assert sorted(m.ids[0] for m in alone) == urgent
    assert {m.type for m in alone} == {"warning"}
    assert digest.type == "info"


def test_rows_of_different_days_for_one_recipient_arrive_as_one_digest_per_day(engine, programme,
                                                                               routes, receiver):
    day_one = enqueue_findings(engine, programme.id, [finding("a1", "unit-340123"),
                                                      finding("a2", "unit-340123")])
    day_two = enqueue_findings(engine, programme.id, [finding("b1", "unit-340123"),
                                                      finding("b2", "unit-340123")],
                               as_of=DAY + dt.timedelta(days=1))

    run_dispatch(engine, routes, DAY + dt.timedelta(days=1))

    messages = sorted(receiver.delivered("/unit-340123"), key=lambda m: m.ids[0])
    assert [sorted(m.ids) for m in messages] == [day_one, day_two]
    assert [m.title for m in messages] == [
        f"【每日汇总】{DAY.isoformat()} 共 2 项提醒",
        f"【每日汇总】{(DAY + dt.timedelta(days=1)).isoformat()} 共 2 项提醒",
    ]


def test_a_tag_without_a_route_is_not_sent_anywhere_and_stays_pending(engine, programme, routes,
                                                                      receiver):
    (orphan,) = enqueue_findings(engine, programme.id, [finding("z1", "city-340200")])

    report = run_dispatch(engine, routes, DAY)

    assert receiver.received == []
    stored = row(engine, orphan)
    assert stored.status == "pending"
    assert stored.attempts == 1
    assert "city-340200" in stored.last_error
    assert report.rows_retrying == 1


def test_a_config_with_a_set_variable_routes_with_its_value(tmp_path, receiver, monkeypatch):
    monkeypatch.setenv("LEGALCAP_TEST_TOKEN", "tok-abc123")
    config = write_config(tmp_path / "notify.yaml",
                          [(receiver.url("hook", "-token=${LEGALCAP_TEST_TOKEN}"), "province")])

    routes = Routes(config)
    item = PendingItem(1, "province", DAY, True, "标题", "正文")
    results = send_batch(routes, Batch("province", (item,), frozenset()))

    assert [r.ok for r in results] == [True]
    (got,) = receiver.delivered("/hook")
    assert got.query == {"token": ["tok-abc123"]}


def test_a_config_with_an_unset_variable_is_refused_naming_the_variable_not_a_value(tmp_path, receiver,
                                                                                   monkeypatch):
    monkeypatch.delenv("LEGALCAP_TEST_TOKEN", raising=False)
    monkeypatch.setenv("LEGALCAP_TEST_OTHER", "visible-other-value")
    config = write_config(tmp_path / "notify.yaml", [
        (receiver.url("hook", "-token=${LEGALCAP_TEST_TOKEN}"), "province"),
        (receiver.url("other", "-key=${LEGALCAP_TEST_OTHER}"), "city-340100"),
    ])

    with pytest.raises(ConfigError) as raised:
        Routes(config).services_for("province")

    message = str(raised.value)
    assert "LEGALCAP_TEST_TOKEN" in message
    assert "LEGALCAP_TEST_OTHER" not in message
    assert "visible-other-value" not in message
    assert receiver.received == []


def test_without_a_config_messages_land_in_the_outbox_file_of_their_tag(engine, programme, home):
    province = enqueue_findings(engine, programme.id, [finding("p1", "province"), finding("p2", "province")])
    (city,) = enqueue_findings(engine, programme.id, [finding("c1", "city-340100", urgent=True)])

    report = run_dispatch(engine, Routes(), DAY)

    assert report.rows_sent == 3
    outbox = home / "outbox"
    assert sorted(p.name for p in outbox.iterdir()) == ["city-340100.jsonl", "province.jsonl"]
    (to_province,) = jsonl(outbox / "province.jsonl")
    (to_city,) = jsonl(outbox / "city-340100.jsonl")
    assert to_province["to"] == "province"
    assert to_province["title"] == f"【每日汇总】{DAY.isoformat()} 共 2 项提醒"
    assert all(f"编号 #{i}" in to_province["body"] for i in province)
    assert to_city["title"] == row(engine, city).title
    assert f"编号 #{city}" in to_city["body"]
    assert to_city["type"] == "warning"
    assert {r.status for r in rows(engine, Notification.id.in_([*province, city]))} == {"sent"}
