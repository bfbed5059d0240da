"""The province's pages: the sortable table, review approve/return, held mail, statistics, accounts
(SQLite and PostgreSQL), through the same services as the CLI and audited with the acting account."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlmodel import Session, select

from models.db import session_scope
from models.mailbox import MailMessage
from models.preparation import WorkPlan
from models.records import AuditEvent
from models.tables import GateDecision
from models.web_users import WebUser
from tasks.mailbox.process import Processed
from tasks.statistics import TOTAL, province_statistics
from tests.web.conftest import FEIXI, START, TODAY, WANZHI, Portal, csrf_of, post_form

PASSWORD_SHOWN = re.compile(r'<code class="password">([^<]+)</code>')


def units_in_order(page: str) -> list[str]:
    return re.findall(r'<tr class="unit-row" data-unit="(\d+)">', page)


def add_work_plan(portal: Portal, code: str) -> None:
    with session_scope(portal.engine) as session:
        session.add(WorkPlan(programme_id=portal.programme.id, unit_code=code, targets="—", foundation="—",
                             plan="—", char_count=3, count_rule="—", source_file="plan.docx", sha256="b" * 64,
                             received_on=dt.date(2026, 5, 9),
                             received_at=dt.datetime(2026, 5, 9, 2, tzinfo=dt.UTC)))


def audit(portal: Portal, action: str) -> list[AuditEvent]:
    with session_scope(portal.engine) as session:
        rows = session.exec(select(AuditEvent).where(AuditEvent.action == action)).all()
        session.expunge_all()
        return list(rows)


def test_the_table_lists_every_implementing_unit_sorted_on_the_server(portal: Portal) -> None:
    client = portal.login("prov")
    page = client.get("/province").text
    assert units_in_order(page) == [FEIXI.code, WANZHI.code]          # by city (合肥 340100, 芜湖 340200)
    for header in ("督导（按期/应督导）", "经费已支出（元）", "一函两书待回复", "预评分"):
        assert header in page
    assert units_in_order(client.get("/province?sort=unit&order=desc").text) == [WANZHI.code, FEIXI.code]
    assert units_in_order(client.get("/province?sort=city&order=desc").text) == [WANZHI.code, FEIXI.code]
    desc = client.get("/province?sort=unit&order=desc").text
    assert 'class="sorted-desc"' in desc and 'href="/province?sort=unit&amp;order=asc"' in desc
    assert units_in_order(client.get("/province?sort=nonsense&order=up").text) == [FEIXI.code, WANZHI.code]


def test_a_lacking_work_plan_sorts_by_what_the_gate_lacks(portal: Portal) -> None:
    add_work_plan(portal, WANZHI.code)                      # 湾沚区 lacks one item fewer than 肥西县
    client = portal.login("prov")
    assert units_in_order(client.get("/province?sort=gate&order=asc").text) == [WANZHI.code, FEIXI.code]
    assert units_in_order(client.get("/province?sort=gate&order=desc").text) == [FEIXI.code, WANZHI.code]


def test_review_pending_approve_and_return_through_the_portal_audited_with_the_user(portal: Portal) -> None:
    add_work_plan(portal, FEIXI.code)
    client = portal.login("prov")
    pending = client.get("/province/reviews").text
    assert f'action="/province/reviews/{FEIXI.code}"' in pending
    assert f"/province/reviews/{WANZHI.code}" not in pending
    token = csrf_of(client, "/province/reviews")
    missing = client.post(f"/province/reviews/{FEIXI.code}", data={"decision": "return", "reason": "x"})
    assert missing.status_code == 403                                   # no CSRF token: refused
    empty = client.post(f"/province/reviews/{FEIXI.code}", data={"csrf_token": token, "decision": "return"})
    assert empty.status_code == 400 and "退回须填写理由" in empty.text
    back = client.post(f"/province/reviews/{FEIXI.code}",
                       data={"csrf_token": token, "decision": "return", "reason": "工作方案缺少目标任务"})
    assert back.status_code == 200 and "已退回" in back.text
    refused = client.post(f"/province/reviews/{WANZHI.code}",
                          data={"csrf_token": token, "decision": "approve"})
    assert refused.status_code == 400 and "工作方案" in refused.text   # the service's refusal, shown
    [returned] = audit(portal, "filing.return")
    assert (returned.actor, returned.subject) == ("prov", FEIXI.code)
    with session_scope(portal.engine) as session:
        [decision] = session.exec(select(GateDecision)).all()
        assert (decision.decision, decision.decided_by) == ("return", "prov")
        assert decision.reason == "工作方案缺少目标任务"


def test_approve_files_the_unit(portal: Portal) -> None:
    add_work_plan(portal, FEIXI.code)
    client = portal.login("prov")
    done = post_form(client, f"/province/reviews/{FEIXI.code}", {"decision": "approve"}, "/province/reviews")
    assert done.status_code == 200 and "已通过审核备案" in done.text
    assert [e.actor for e in audit(portal, "filing.approve")] == ["prov"]
    assert f"/province/reviews/{FEIXI.code}" not in client.get("/province/reviews").text


def test_held_mail_is_listed_and_assigned_through_the_mailbox_service(
        portal: Portal, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tasks.mailbox.service.get_engine", lambda: portal.engine)
    with session_scope(portal.engine) as session:
        session.add(MailMessage(sha256="c" * 64, eml_path="mail/x.eml", sender="someone@example.cn",
                                subject="台账<script>", arrived_at=START, received_on=TODAY, state="held",
                                held_reason="发件人不在通讯录", created_at=START, updated_at=START))
    calls = []

    def assign(message: str, unit: str, *, at: dt.datetime, by: str) -> Processed:
        calls.append((message, unit, by))
        return Processed()

    monkeypatch.setattr("tasks.mailbox.service.assign_message", assign)
    client = portal.login("prov")
    page = client.get("/province/mail").text
    assert "someone@example.cn" in page and "台账&lt;script&gt;" in page and "发件人不在通讯录" in page
    [message_id] = re.findall(r'action="/province/mail/(\d+)/assign"', page)
    assign_path = f"/province/mail/{message_id}/assign"
    done = post_form(client, assign_path, {"unit_code": FEIXI.code}, "/province/mail")
    assert done.status_code == 200 and calls == [(message_id, FEIXI.code, "prov")]
    unknown = post_form(client, assign_path, {"unit_code": "999999"}, "/province/mail")
    assert unknown.status_code == 404 and len(calls) == 1
    dismiss_path = f"/province/mail/{message_id}/dismiss"
    bare = post_form(client, dismiss_path, {"reason": " "}, "/province/mail")
    assert bare.status_code == 400 and "请写明不予登记的原因" in bare.text
    done = post_form(client, dismiss_path, {"reason": "垃圾邮件"}, "/province/mail")
    assert done.status_code == 200 and "不予登记：垃圾邮件" in done.text
    assert "someone@example.cn" not in done.text.split("</p>", 3)[-1]   # gone from the held list
    with Session(portal.engine) as session:
        row = session.get(MailMessage, int(message_id))
        assert row is not None and (row.state, row.held_reason) == ("ignored", "省总工会不予登记：垃圾邮件")
        [event] = session.exec(select(AuditEvent).where(AuditEvent.action == "mailbox.dismissed")).all()
        assert event.actor == "prov"


def test_the_statistics_page_shows_the_pivot_tables_and_svg_charts(portal: Portal) -> None:
    page = portal.login("prov").get("/province/statistics").text
    stats = province_statistics(portal.engine, portal.programme, TODAY)
    for title in ("按市", "按类别", "按月份", "按五进场所"):
        assert f"<h2>{title}</h2>" in page
    assert page.count("<svg class=\"chart") == 4 and "<script" not in page
    first_city = stats.by_city.index[0]
    assert f"<td>{first_city}</td>" in page and f"<td>{TOTAL}</td>" in page


def test_accounts_created_disabled_and_reset_by_the_province_audited_and_hashed(portal: Portal) -> None:
    client = portal.login("prov")
    form = {"username": "Hefei2", "display_name": "合肥市总工会 李干事", "role": "city",
            "scope": "city-340100"}
    made = post_form(client, "/province/users", form, "/province/users")
    assert made.status_code == 200, made.text
    [password] = PASSWORD_SHOWN.findall(made.text)
    assert password not in client.get("/province/users").text                # shown once
    with session_scope(portal.engine) as session:
        user = session.exec(select(WebUser).where(WebUser.username == "hefei2")).one()
        assert user.password_hash.startswith("$argon2id$") and password not in user.password_hash
        assert (user.role, user.scope) == ("city", "340100")
    assert [(e.actor, e.subject) for e in audit(portal, "web_user.added") if e.subject == "hefei2"] == [
        ("prov", "hefei2")]
    portal.login("hefei2", password)
    bad = post_form(client, "/province/users", form | {"username": "x y"}, "/province/users")
    assert bad.status_code == 400 and "用户名" in bad.text
    reset = post_form(client, "/province/users/hefei2/password", {}, "/province/users")
    [again] = PASSWORD_SHOWN.findall(reset.text)
    assert again != password and [e.actor for e in audit(portal, "web_user.password_reset")] == ["prov"]
    portal.login("hefei2", again)
    assert post_form(client, "/province/users/hefei2/disable", {}, "/province/users").status_code == 200
    assert [e.actor for e in audit(portal, "web_user.disabled")] == ["prov"]
    refused = post_form(portal.client(), "/login", {"username": "hefei2", "password": again}, "/login")
    assert refused.status_code == 401
    assert post_form(client, "/province/users/prov/disable", {}, "/province/users").status_code == 400


@pytest.mark.parametrize("name", ["feixi", "hefei", "eval"])
def test_no_other_role_reaches_a_province_page_or_action(portal: Portal, name: str) -> None:
    client = portal.login(name)
    token = csrf_of(client, "/password")
    for path in ("/province", "/province/statistics", "/province/statistics.xlsx", "/province/reviews",
                 "/province/mail", "/province/users"):
        assert client.get(path).status_code in (403, 404), (name, path)
    for path, form in ((f"/province/reviews/{FEIXI.code}", {"decision": "approve"}),
                       ("/province/mail/1/assign", {"unit_code": FEIXI.code}),
                       ("/province/users", {"username": "evil", "display_name": "x", "role": "province"}),
                       ("/province/users/prov/disable", {}), ("/province/users/prov/password", {})):
        assert client.post(path, data={"csrf_token": token, **form}).status_code in (403, 404), (name, path)
    assert audit(portal, "web_user.added")[-1].subject != "evil"
