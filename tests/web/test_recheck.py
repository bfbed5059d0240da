"""The evaluator's re-check form (the service of `legalcap verdict recheck`): a failed re-check opens a new
rectification, a passed one ends it; the status moves on both pages, audited with the user."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlmodel import select

from models.db import session_scope
from models.tables import AuditEvent, Verdict
from tests.support.database import database_fingerprint
from tests.web.conftest import FEIXI, csrf_of
from tests.web.services import DayPortal, implementing_portal

MAY = dt.date(2027, 5, 10)
EVAL = f"/evaluator/units/{FEIXI.code}"
ALERT = re.compile(r'<div class="error" role="alert">(.*?)</div>', re.S)


@pytest.fixture()
def portal(engine, programme, tmp_path, monkeypatch) -> DayPortal:
    portal = implementing_portal(engine, programme, tmp_path, monkeypatch)
    portal.day = MAY
    return portal


def send(client, action: str, form: dict):
    return client.post(f"{EVAL}/{action}", data={"csrf_token": csrf_of(client, EVAL), **form})


def alert(page: str) -> str:
    """The refusal block of a page (asserted present)."""
    found = ALERT.search(page)
    assert found, "no refusal shown"
    return found.group(1)


def home_row(client) -> str:
    home = client.get("/evaluator").text
    row = home[home.index(f'href="/units/{FEIXI.code}"'):]
    return row[:row.index("</tr>")]


def test_a_failed_recheck_continues_the_rectification_and_a_passed_one_ends_it(portal: DayPortal) -> None:
    client = portal.login("eval")
    assert "登记整改复查" not in client.get(EVAL).text          # no rectification: no form
    rectify = send(client, "verdict", {"verdict": "rectify", "by": "评估组 李老师", "due": "2027-06-30"})
    assert rectify.status_code == 200, rectify.text
    assert "登记整改复查" in rectify.text and "整改期限 2027-06-30" in rectify.text
    assert "<td>待复查</td>" in home_row(client)

    before = database_fingerprint(portal.engine)
    no_due = send(client, "recheck", {"result": "failed", "by": "评估组 李老师"})
    assert no_due.status_code == 400 and "复查未通过须给出新的整改期限" in alert(no_due.text)
    assert database_fingerprint(portal.engine) == before

    portal.day = dt.date(2027, 7, 2)                             # past the due date: 逾期未复查
    assert "逾期未复查" in home_row(client)
    failed = send(client, "recheck", {"result": "failed", "by": "评估组 李老师", "due": "2027-07-31",
                                      "notes": "合同仍未归档"})
    assert failed.status_code == 200, failed.text
    assert "已登记复查：肥西县 整改复查未通过（2027-07-02），继续整改，新期限 2027-07-31" in failed.text
    row = home_row(client)
    assert "<td>整改</td>" in row and "2027-07-31" in row and "<td>待复查</td>" in row

    portal.day = dt.date(2027, 7, 20)
    passed = send(client, "recheck", {"result": "passed", "by": "评估组 李老师", "notes": "已补齐"})
    assert passed.status_code == 200, passed.text
    assert "已登记复查：肥西县 整改复查通过（2027-07-20），整改结束" in passed.text
    assert "复查通过，2027-07-20，评估组 李老师" in passed.text and "登记整改复查" not in passed.text
    assert "复查通过 2027-07-20" in home_row(client)

    with session_scope(portal.engine) as s:
        rows = s.exec(select(Verdict).order_by(Verdict.id)).all()
        assert [(v.due_on, v.recheck_passed) for v in rows] == [
            (dt.date(2027, 6, 30), False), (dt.date(2027, 7, 31), True)]
        web = [(e.actor, e.subject)
               for e in s.exec(select(AuditEvent).where(AuditEvent.action == "web.recheck"))]
        service = s.exec(select(AuditEvent).where(AuditEvent.action == "verdict.rechecked")).all()
    assert web == [("eval", FEIXI.code)] * 2 and [e.actor for e in service] == ["评估组 李老师"] * 2


def test_a_recheck_without_an_open_rectification_or_a_result_is_refused_plainly(portal: DayPortal) -> None:
    client = portal.login("eval")
    before = database_fingerprint(portal.engine)
    for form, words in (({"result": "passed", "by": "评估组 李老师"}, "没有待复查的整改"),
                        ({"by": "评估组 李老师"}, "请选择“复查通过”或“复查未通过”"),
                        ({"result": "passed", "by": " ", "due": "2027-09-01"}, "须填写复查人")):
        refused = send(client, "recheck", form)
        shown = alert(refused.text)
        assert refused.status_code == 400 and words in shown, shown
        assert "--" not in shown and "legalcap" not in shown
    assert database_fingerprint(portal.engine) == before
    assert portal.login("feixi").post(f"{EVAL}/recheck", data={"csrf_token": "x"}).status_code == 403
