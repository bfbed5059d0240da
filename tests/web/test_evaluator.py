"""The evaluators: packets served from the build as its manifests list them (a traversal or an unlisted or
altered file → 404), the 实际成效 and verdict forms through the CLI's services, rectification status."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlmodel import select

from models.db import session_scope
from models.tables import AuditEvent
from tests.support.database import database_fingerprint
from tests.web.conftest import FEIXI, WANZHI, Portal, csrf_of
from tests.web.services import DayPortal, implementing_portal
from web.pages_evaluator import PACKET_CSP

MAY = dt.date(2027, 5, 10)
EVAL = f"/evaluator/units/{FEIXI.code}"


@pytest.fixture()
def portal(engine, programme, tmp_path, monkeypatch) -> DayPortal:
    portal = implementing_portal(engine, programme, tmp_path, monkeypatch)
    portal.day = MAY
    return portal


def built(portal: Portal, home: Path) -> Path:
    """The packets of 2026 built into LEGALCAP_HOME/packets/2026 as `legalcap packets build` does."""
    from tasks.packets.build import build_packets

    out = home / "packets" / "2026"
    build_packets(portal.engine, portal.programme, MAY, out)
    return out


def test_the_packets_are_served_only_as_the_builds_manifests_list_them(portal: Portal,
                                                                      tmp_path: Path) -> None:
    folder = built(portal, tmp_path / "home")
    client = portal.login("eval")
    assert 'href="/evaluator/packets/index.html"' in client.get("/evaluator").text
    index = client.get("/evaluator/packets/index.html")
    assert index.status_code == 200 and index.headers["content-type"].startswith("text/html")
    assert index.headers["content-security-policy"] == PACKET_CSP and "肥西县" in index.text
    unit = client.get(f"/evaluator/packets/{FEIXI.code}/index.html")
    assert unit.status_code == 200 and "肥西县" in unit.text
    ledger = client.get(f"/evaluator/packets/{FEIXI.code}/ledger.xlsx")
    assert ledger.status_code == 200 and ledger.content.startswith(b"PK")
    assert ledger.headers["content-disposition"] == "attachment"
    assert client.get(f"/evaluator/packets/{FEIXI.code}.zip").status_code == 200
    # the message's link when intake.packets_base_url is the portal's …/evaluator/packets/: year first
    year = portal.programme.year
    assert client.get(f"/evaluator/packets/{year}/index.html").text == index.text
    assert client.get(f"/evaluator/packets/{year}/{FEIXI.code}/index.html").text == unit.text
    assert client.get(f"/evaluator/packets/{year - 1}/index.html").status_code == 404
    (folder / FEIXI.code / "extra.txt").write_text("not in the manifest")
    shutil.copyfile(folder / "index.html", folder / "copy.html")
    for secret in (folder.parents[1] / "web-secret.key", folder.parent / "web-secret.key"):
        secret.write_text("secret")          # what a naive join of the URL's name would reach
    for name in (f"{FEIXI.code}/extra.txt", "copy.html", "../web-secret.key", "..%2F..%2Fweb-secret.key",
                 "%2e%2e/%2e%2e/web-secret.key", f"{FEIXI.code}/..%2F..%2F..%2Fweb-secret.key",
                 "%2Fetc%2Fpasswd", "..%5C..%5Cweb-secret.key", f"{FEIXI.code}/documents/..%2F..%2Fweb.log"):
        assert client.get(f"/evaluator/packets/{name}").status_code == 404, name
    (folder / FEIXI.code / "ledger.xlsx").write_bytes(b"PK altered")
    assert client.get(f"/evaluator/packets/{FEIXI.code}/ledger.xlsx").status_code == 404   # not as built
    assert portal.login("feixi").get("/evaluator/packets/index.html").status_code == 403


def test_no_build_no_packets(portal: Portal) -> None:
    client = portal.login("eval")
    assert "评估材料包尚未生成" in client.get("/evaluator").text
    assert client.get("/evaluator/packets/index.html").status_code == 404


def post(client, path: str, form: dict, multi: dict | None = None):
    data = {"csrf_token": csrf_of(client, path), **form}
    return client.post(path + ("/effect" if "effect" in form else "/verdict"), data=data | (multi or {}))


def test_an_evaluator_records_the_effect_and_a_verdict_and_sees_the_rectification(portal: Portal) -> None:
    client = portal.login("eval")
    page = client.get(EVAL).text
    assert "登记实际成效" in page and "记录评定" in page and "待评审" in page
    bad = post(client, EVAL, {"effect": "150", "notes": "x", "by": "李老师"})
    assert bad.status_code == 400 and "未能登记" in bad.text and "150" in bad.text
    done = client.post(f"{EVAL}/effect", data={"csrf_token": csrf_of(client, EVAL), "effect": "85",
                                               "notes": "台账翔实", "by": "评估组 李老师",
                                               "methods": ["site_visit", "interview"]})
    assert done.status_code == 200, done.text
    assert "已登记实际成效：肥西县 85 分（实地调研、座谈访谈），2027-05-10" in done.text
    no_due = post(client, EVAL, {"verdict": "rectify", "by": "评估组 李老师"})
    assert no_due.status_code == 400 and "整改期限" in no_due.text
    verdict = post(client, EVAL, {"verdict": "rectify", "by": "评估组 李老师", "due": "2027-06-30",
                                  "notes": "档案不全"})
    assert verdict.status_code == 200, verdict.text
    assert "已记录评定：肥西县 整改，2027-05-10，整改期限 2027-06-30" in verdict.text
    home = client.get("/evaluator").text
    row = home[home.index(f'href="/units/{FEIXI.code}"'):]
    row = row[:row.index("</tr>")]
    assert "<td>85</td>" in row and "<td>整改</td>" in row and "2027-06-30" in row and "待复查" in row
    with session_scope(portal.engine) as s:
        actions = [(e.action, e.actor) for e in s.exec(select(AuditEvent).where(
            AuditEvent.action.in_(("web.effect", "web.verdict")))).all()]
    assert actions == [("web.effect", "eval"), ("web.verdict", "eval")]


def test_a_unit_short_of_its_gate_cannot_be_promoted_and_nothing_is_written(portal: Portal) -> None:
    client = portal.login("eval")
    path = f"/evaluator/units/{WANZHI.code}"
    csrf_of(client, path)
    before = database_fingerprint(portal.engine)
    refused = post(client, path, {"verdict": "promote", "by": "评估组 李老师"})
    assert refused.status_code == 400 and "未通过筹备部署关口" in refused.text
    assert database_fingerprint(portal.engine) == before
    assert client.get("/evaluator/units/999999").status_code == 404
