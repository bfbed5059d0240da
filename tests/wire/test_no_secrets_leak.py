"""Credentials in notification URLs never reach logs, output, the database or files under LEGALCAP_HOME."""

from __future__ import annotations

import base64
import datetime as dt
import logging
from pathlib import Path

import pytest

from models.tables import Notification
from notifications.dispatcher import FAILURE_RULE, RetryPolicy
from notifications.routes import Routes
from notifications.secrets import NOISY_LOGGERS, scrub
from tests.wire.conftest import (
    DAY,
    enqueue_findings,
    finding,
    row,
    rows,
    run_dispatch,
    run_legalcap,
    write_config,
)
from tests.wire.servers import ERROR, OK

USER = "sekretuser"
PASSWORD = "S3cr3tPassw0rdXYZ"
TOKEN = "AbCdEf0123456789TOKEN"
TEMPLATED = "Tmpl4tedHookKey9f8e7d"
SECRETS = (USER, PASSWORD, TOKEN, TEMPLATED)
HOOK_KEY_VAR = "LEGALCAP_WIRE_HOOK_KEY"
TAG = "city-340100"
POLICY = RetryPolicy(2, (5,))


@pytest.fixture
def config(tmp_path, receiver, monkeypatch) -> Path:
    """TAG to a json:// URL full of secrets (one from ${VAR}); the province to the outbox file.

    `token=` is a query parameter the json plugin ignores, `-token=` one it sends to the server,
    `+X-Hook-Key=` a header: all three appear in the plugin's own URL.
    """
    monkeypatch.setenv(HOOK_KEY_VAR, TEMPLATED)
    query = f"token={TOKEN}&-token={TOKEN}&+X-Hook-Key=${{{HOOK_KEY_VAR}}}"
    return write_config(tmp_path / "notify.yaml", [
        (receiver.url("hook", query, userinfo=f"{USER}:{PASSWORD}@"), TAG),
        ("outbox://province", "province"),
    ])


def leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def log_file(home: Path) -> str:
    """LEGALCAP_HOME/logs/legalcap.log, where the console script writes library and Prefect logs."""
    return (home / "logs" / "legalcap.log").read_text("utf-8")


def files_with_secrets(home: Path) -> dict[str, list[str]]:
    found = {}
    for path in sorted(p for p in home.rglob("*") if p.is_file()):
        data = path.read_bytes()
        hits = [s for s in SECRETS if s.encode() in data]
        if hits:
            found[str(path.relative_to(home))] = hits
    return found


def test_failing_and_succeeding_deliveries_keep_every_secret_out_of_logs_output_rows_and_files(
        engine, programme, config, receiver, home, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    for name in (*NOISY_LOGGERS, "legalcap"):
        caplog.set_level(logging.DEBUG, logger=name)

    routes = Routes(config)
    assert {name: logging.getLogger(name).level for name in NOISY_LOGGERS} == dict.fromkeys(
        NOISY_LOGGERS, logging.INFO)

    stored: list[str] = []
    (failing,) = enqueue_findings(engine, programme.id, [finding("f1", TAG)])
    receiver.mode = ERROR
    run_dispatch(engine, routes, DAY, POLICY)
    stored += [n.last_error + n.results_json for n in rows(engine)]
    assert row(engine, failing).last_error
    run_dispatch(engine, routes, DAY + dt.timedelta(days=1), POLICY)
    assert row(engine, failing).status == "failed"

    receiver.mode = OK
    (succeeding,) = enqueue_findings(engine, programme.id, [finding("s1", TAG)], as_of=DAY + dt.timedelta(2))
    run_dispatch(engine, routes, DAY + dt.timedelta(days=2), POLICY)
    assert row(engine, succeeding).status == "sent"
    (notice,) = rows(engine, Notification.rule == FAILURE_RULE)
    assert notice.status == "sent"

    # the secrets were really in use: the receiver saw all of them
    (got,) = receiver.delivered("/hook")
    assert got.query == {"token": [TOKEN]}
    assert got.headers["X-Hook-Key"] == TEMPLATED
    assert base64.b64decode(got.headers["Authorization"].split()[1]).decode() == f"{USER}:{PASSWORD}"

    # the capture works: the failure was logged, and nothing from the noisy loggers below INFO
    assert "Failed to send JSON POST notification" in caplog.text
    noisy = [r for r in caplog.records if r.name.split(".")[0] in NOISY_LOGGERS and r.levelno < logging.INFO]
    assert noisy == []
    log_text = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert leaks(log_text) == []

    captured = capsys.readouterr()
    assert leaks(captured.out + captured.err) == []

    stored += [n.last_error + n.results_json + n.body + n.title for n in rows(engine)]
    assert "500" in row(engine, failing).last_error
    assert [leaks(text) for text in stored if leaks(text)] == []

    outbox = (home / "outbox" / "province.jsonl").read_text("utf-8")
    assert f"#{failing}" in outbox  # the failure notice, with the last error, was written here
    assert files_with_secrets(home) == {}


def test_notify_test_prints_the_private_url_but_no_secret(config, receiver, home):
    (service,) = Routes(config).services_for(TAG)
    private_url = scrub(service.url(privacy=True))
    assert f"127.0.0.1:{receiver.port}/hook" in private_url

    result = run_legalcap(home, "notify", "test", "--tag", TAG,
                          env={"LEGALCAP_NOTIFY_CONFIG": str(config), HOOK_KEY_VAR: TEMPLATED})

    assert result.returncode == 0, result.stderr
    assert private_url in result.stdout
    assert "成功" in result.stdout
    assert leaks(result.stdout + result.stderr) == []
    (got,) = receiver.delivered("/hook")
    assert got.title == "【测试】legalcap 通知渠道测试"
    assert got.headers["X-Hook-Key"] == TEMPLATED
    assert "apprise - Notifying" in log_file(home)  # the library's log went to the file, not the terminal
    assert "Notifying" not in result.stdout + result.stderr
    assert files_with_secrets(home) == {}


def test_notify_test_against_a_failing_receiver_prints_the_error_but_no_secret(config, receiver, home):
    receiver.mode = ERROR

    result = run_legalcap(home, "notify", "test", "--tag", TAG,
                          env={"LEGALCAP_NOTIFY_CONFIG": str(config), HOOK_KEY_VAR: TEMPLATED})

    assert result.returncode == 1
    assert "失败" in result.stdout
    assert "500" in result.stdout
    assert leaks(result.stdout + result.stderr) == []
    assert "Failed to send JSON POST notification" in log_file(home)
    assert leaks(log_file(home)) == []
    assert files_with_secrets(home) == {}
