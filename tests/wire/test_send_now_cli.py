"""`legalcap notifications send`: a retry whose backoff has passed by the real clock goes now."""

from __future__ import annotations

import datetime as dt

from notifications.dispatcher import dispatch
from notifications.routes import Routes
from tests.wire.conftest import (
    POLICY,
    SHANGHAI,
    YEAR,
    database_url,
    enqueue_findings,
    finding,
    row,
    rows,
    run_legalcap,
    write_config,
)
from tests.wire.servers import ERROR, OK


def _env(engine, config, **extra: str) -> dict[str, str]:
    return {"LEGALCAP_DATABASE_URL": database_url(engine), "LEGALCAP_NOTIFY_CONFIG": str(config), **extra}


def _fail_at(engine, routes, at: dt.datetime) -> None:
    """A dispatch at `at` while the receiver answers 500: the due rows back off from `at`."""
    report = dispatch(engine, routes, POLICY, now=at, year=YEAR)
    assert report.rows_retrying >= 1


def test_send_delivers_a_row_whose_backoff_has_passed_and_keeps_one_still_backing_off(
        engine, programme, receiver, tmp_path):
    config = write_config(tmp_path / "notify.yaml", [(receiver.url("province"), "province")])
    routes = Routes(config)
    real = dt.datetime.now(SHANGHAI)
    receiver.mode = ERROR
    (later,) = enqueue_findings(engine, programme.id, [finding("b2", "province", urgent=True)], real.date())
    _fail_at(engine, routes, real - dt.timedelta(minutes=1))  # its retry is due in 4 minutes
    (due,) = enqueue_findings(engine, programme.id, [finding("b1", "province", urgent=True)], real.date())
    _fail_at(engine, routes, real - dt.timedelta(minutes=10))  # its retry was due 5 minutes ago
    receiver.mode = OK
    tried = len(receiver.received)

    result = run_legalcap(tmp_path / "home", "notifications", "send", env=_env(engine, config))

    assert result.returncode == 0, result.stderr
    assert "已送达 1 条，待重试 0 条，放弃 0 条" in result.stdout
    assert [m.ids for m in receiver.received[tried:]] == [[due]]
    assert (row(engine, due).status, row(engine, due).attempts) == ("sent", 2)
    assert (row(engine, later).status, row(engine, later).attempts) == ("pending", 1)


def test_send_past_its_deadline_leaves_the_rows_pending_unclaimed_and_says_so(
        engine, programme, receiver, tmp_path):
    config = write_config(tmp_path / "notify.yaml", [(receiver.url("province"), "province")])
    ids = enqueue_findings(engine, programme.id,
                           [finding(f"t{n}", "province", urgent=True) for n in range(3)])

    tiny = run_legalcap(tmp_path / "home", "notifications", "send",
                        env=_env(engine, config, LEGALCAP_DISPATCH_DEADLINE_SECONDS="0.001"))

    assert tiny.returncode == 0, tiny.stderr
    assert "已到发送时限，3 条留待下次发送" in tiny.stdout
    assert receiver.received == []
    assert {(r.status, r.claim_token) for r in rows(engine)} == {("pending", None)}

    later = run_legalcap(tmp_path / "home", "notifications", "send", env=_env(engine, config))

    assert later.returncode == 0, later.stderr
    assert "已送达 3 条" in later.stdout
    assert sorted(i for m in receiver.received for i in m.ids) == ids


def test_send_with_nothing_due_says_so(engine, programme, receiver, tmp_path):
    config = write_config(tmp_path / "notify.yaml", [(receiver.url("province"), "province")])
    result = run_legalcap(tmp_path / "home", "notifications", "send", env=_env(engine, config))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "没有到期待发送的提醒"
    assert receiver.received == []
