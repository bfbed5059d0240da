"""A city records a supervision visit through the oversight service; reminders by audience; personal data in
ledger rows masked for everyone but the unit that entered it (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from models.db import session_scope
from models.implementation import OversightVisit
from models.tables import AuditEvent, Notification
from tasks.forms.ledger_xlsx import write_ledger_template
from tests.support.database import database_fingerprint
from tests.web.conftest import FEIXI, TODAY, WANZHI, Portal, csrf_of
from tests.web.services import implementing_portal

OWN = f"/units/{FEIXI.code}"


@pytest.fixture()
def portal(engine, programme, tmp_path, monkeypatch) -> Portal:
    return implementing_portal(engine, programme, tmp_path, monkeypatch)


def visit(client, unit_page: str, form: dict[str, str], file: tuple[str, bytes] | None = None):
    token = csrf_of(client, unit_page)
    return client.post(f"{unit_page}/visits", data={"csrf_token": token, **form},
                       files={"file": file} if file else None)


def test_a_city_records_a_visit_with_its_file_received_today_and_audited_with_the_user(
        portal: Portal) -> None:
    city = portal.login("hefei")
    page = city.get(OWN).text
    assert 'action="/units/340123/visits"' in page and "登记实地督导" in page
    form = {"visited_on": "2026-06-10", "by": "合肥市总工会 张三", "notes": "调研台账建立情况"}
    done = visit(city, OWN, form, ("督导记录.pdf", b"%PDF-1.4\n% visit\n"))
    assert done.status_code == 200, done.text
    assert "已登记督导：合肥市总工会 → 肥西县，2026-06-10，督导人 合肥市总工会 张三" in done.text
    with session_scope(portal.engine) as s:
        [row] = s.exec(select(OversightVisit)).all()
        audit = s.exec(select(AuditEvent).where(AuditEvent.action == "web.oversight")).one()
    assert (row.unit_code, row.visited_on, row.received_on) == (FEIXI.code, dt.date(2026, 6, 10), TODAY)
    assert row.sha256 and Path(row.file_path).read_bytes().startswith(b"%PDF")
    assert (audit.actor, audit.subject) == ("hefei", FEIXI.code)


def test_a_refused_visit_names_its_problem_and_changes_nothing(portal: Portal) -> None:
    city = portal.login("hefei")
    before = database_fingerprint(portal.engine)
    late = visit(city, OWN, {"visited_on": "2026-06-20", "by": "张三", "notes": "x"})
    assert late.status_code == 400 and "未能登记督导" in late.text and "2026-06-20" in late.text
    html = visit(city, OWN, {"visited_on": "2026-06-10", "by": "张三", "notes": "x"},
                 ("记录.html", b"<html><script>x</script></html>"))
    assert html.status_code == 400 and "不接受 .html 类型的文件" in html.text
    assert database_fingerprint(portal.engine) == before


def test_a_city_cannot_record_a_visit_to_another_citys_unit(portal: Portal) -> None:
    form = {"visited_on": "2026-06-10", "by": "张三", "notes": "x"}
    wuhu, hefei, clerk = portal.login("wuhu"), portal.login("hefei"), portal.login("feixi")
    before = database_fingerprint(portal.engine)
    assert wuhu.post(f"{OWN}/visits", data={"csrf_token": csrf_of(wuhu, "/city"), **form}).status_code == 404
    assert hefei.post(f"/units/{WANZHI.code}/visits",
                      data={"csrf_token": csrf_of(hefei, "/city"), **form}).status_code == 404
    assert clerk.post(f"{OWN}/visits", data={"csrf_token": csrf_of(clerk, OWN), **form}).status_code == 403
    assert database_fingerprint(portal.engine) == before


def _remind(engine, audience: str, title: str, due: str, status: str = "pending") -> None:
    with session_scope(engine) as s:
        s.add(Notification(idempotency_key=f"t:{audience}:{title}", rule="quota_pace", subject="x",
                           audience=audience, title=title,
                           body=f"请尽快办理。\n截止日期：{due}（还剩 5 个工作日）。",
                           status=status, created_on=TODAY - dt.timedelta(days=1)))


def test_each_audience_sees_its_own_reminders_with_their_due_dates(portal: Portal) -> None:
    _remind(portal.engine, "city-340100", "【督导提醒】合肥市：本季度尚未到肥西县实地督导", "2026-06-30")
    _remind(portal.engine, f"unit-{FEIXI.code}", "【提醒】肥西县：法治宣传教育进度落后", "2026-06-25")
    _remind(portal.engine, f"unit-{WANZHI.code}", "【提醒】湾沚区：台账未报", "2026-06-26")
    _remind(portal.engine, f"unit-{FEIXI.code}", "【提醒】肥西县：已取消的事项", "2026-06-27", "cancelled")
    city = portal.login("hefei").get("/city").text
    assert "本季度尚未到肥西县实地督导" in city and "2026-06-30" in city
    assert "肥西县：法治宣传教育" not in city
    unit = portal.login("feixi").get(OWN).text
    assert "法治宣传教育进度落后" in unit and "2026-06-25" in unit
    assert "湾沚区：台账未报" not in unit and "已取消的事项" not in unit
    assert "待办提醒" not in portal.login("hefei").get(OWN).text   # a unit's reminders are the unit's


def test_workers_names_are_masked_for_everyone_but_the_unit_that_entered_them(portal: Portal,
                                                                             tmp_path: Path) -> None:
    path = tmp_path / "法律援助台账.xlsx"
    write_ledger_template(path, rows={"legal_aid": [
        {"ledger_id": "A1", "unit_code": FEIXI.code, "occurred_on": dt.date(2026, 6, 3),
         "title": "张三丰 工资争议咨询（13812345678）", "service": "consultation", "worker_name": "张三丰"}]})
    clerk = portal.login("feixi")
    token = csrf_of(clerk, OWN)
    sent = clerk.post(f"{OWN}/upload", data={"csrf_token": token},
                      files={"file": (path.name, path.read_bytes())})
    own = clerk.get(sent.headers["location"]).text
    assert "新增 1 条" in own and own.count("张三丰") >= 2
    for name in ("hefei", "prov", "eval"):
        page = portal.login(name).get(OWN).text
        assert "张三丰" not in page and "13812345678" not in page, name
        assert "张* 工资争议咨询（138****5678）" in page and "<td>张*</td>" in page, name
