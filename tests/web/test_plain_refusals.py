"""Every refusal the portal shows is in plain Chinese: no command-line option (`--…`) and no `legalcap`
command, though the same services' refusals name them at the command line (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from models.db import session_scope
from models.errors import Refusal
from tasks.forms.funds_xlsx import write_funds_template
from tests.web.conftest import FEIXI, WANZHI, csrf_of
from tests.web.services import DayPortal, implementing_portal

SHOWN = re.compile(r'<(div|p) class="error" role="alert">(.*?)</\1>|<ul class="receipt-lines">(.*?)</ul>',
                   re.S)
CLI_WORDS = re.compile(r"--|legalcap")
EVAL = f"/evaluator/units/{FEIXI.code}"


@pytest.fixture()
def portal(engine, programme, tmp_path, monkeypatch) -> DayPortal:
    monkeypatch.setattr("tasks.mailbox.service.get_engine", lambda: engine)
    return implementing_portal(engine, programme, tmp_path, monkeypatch)


def refusal_on(response, status: int = 400) -> str:
    """The refusal shown on a page (asserted present and free of command-line words)."""
    assert response.status_code == status, response.text
    shown = " ".join(m.group(2) or m.group(3) for m in SHOWN.finditer(response.text))
    assert shown, "no refusal on the page"
    assert not CLI_WORDS.search(shown), shown
    return shown


def send(client, path: str, form: dict, page: str):
    return client.post(path, data={"csrf_token": csrf_of(client, page), **form})


def test_the_provinces_review_mail_and_account_refusals_name_no_command(portal: DayPortal) -> None:
    prov = portal.login("prov")
    reviews = "/province/reviews"
    again = send(prov, f"{reviews}/{FEIXI.code}", {"decision": "return", "reason": "补正"}, reviews)  # filed
    assert "审核备案" in refusal_on(again)
    assert "尚未收到工作方案" in refusal_on(send(prov, f"{reviews}/{WANZHI.code}", {"decision": "approve"},
                                                 reviews))
    odd = send(prov, f"{reviews}/{WANZHI.code}", {"decision": "备案"}, reviews)
    assert "通过备案或退回" in refusal_on(odd)
    assert "找不到邮件 999" in refusal_on(send(prov, "/province/mail/999/assign", {"unit_code": FEIXI.code},
                                              "/province/mail"))
    users = "/province/users"
    scoped = {"username": "eval2", "display_name": "评估组 赵老师", "role": "evaluator",
              "scope": "city-340100"}
    assert "不限定范围" in refusal_on(send(prov, users, scoped, users))
    assert "请填写姓名" in refusal_on(send(prov, users, scoped | {"display_name": " ", "scope": ""}, users))
    assert "没有用户名为“nobody”的账号" in refusal_on(send(prov, f"{users}/nobody/disable", {}, users))


def test_the_evaluators_forms_refuse_in_plain_words(portal: DayPortal) -> None:
    portal.day = dt.date(2027, 5, 10)
    ev = portal.login("eval")
    verdict = f"{EVAL}/verdict"
    assert "整改须给出整改期限" in refusal_on(send(ev, verdict, {"verdict": "rectify", "by": "李"}, EVAL))
    short = send(ev, f"/evaluator/units/{WANZHI.code}/verdict", {"verdict": "promote", "by": "李"}, EVAL)
    assert "可评定为整改并给出整改期限" in refusal_on(short)
    assert send(ev, verdict, {"verdict": "rectify", "by": "李", "due": "2027-06-30"}, EVAL).status_code == 200
    assert "请先登记复查结果" in refusal_on(send(ev, verdict, {"verdict": "pass", "by": "李"}, EVAL))
    future = {"effect": "80", "notes": "", "by": "李", "assessed_on": "2027-06-01"}
    effect = refusal_on(send(ev, f"{EVAL}/effect", future, EVAL))
    assert "须填写评估意见" in effect and "晚于今天" in effect
    assert "新的整改期限" in refusal_on(send(ev, f"{EVAL}/recheck", {"result": "failed", "by": "李"}, EVAL))


def test_a_citys_visit_and_a_countys_upload_refuse_in_plain_words(portal: DayPortal, tmp_path: Path) -> None:
    city, own = portal.login("hefei"), f"/units/{FEIXI.code}"
    visit = send(city, f"{own}/visits", {"visited_on": "2026-06-20", "by": " ", "notes": " "}, own)
    assert "须填写督导人" in refusal_on(visit)
    clerk, page = portal.login("wanzhi"), f"/units/{WANZHI.code}"
    path = tmp_path / "经费支出.xlsx"
    write_funds_template(path, rows=[{"unit_code": WANZHI.code, "spent_on": dt.date(2026, 6, 10),
                                      "amount": 100, "purpose": "法律服务费", "voucher": "PZ-1"}])
    upload = clerk.post(f"{page}/upload", data={"csrf_token": csrf_of(clerk, page)},
                        files={"file": (path.name, path.read_bytes())})
    assert upload.status_code == 303
    receipt = refusal_on(clerk.get(upload.headers["location"]), 200)
    assert "未能登记" in receipt


def test_a_service_refusal_keeps_its_command_line_hint_for_the_cli_only(portal: DayPortal) -> None:
    from tasks.verdicts import record_verdict

    with pytest.raises(Refusal) as refused, session_scope(portal.engine) as session:
        record_verdict(session, portal.programme, FEIXI.code, verdict="rectify", by="李",
                       on=dt.date(2027, 5, 10), at=dt.datetime(2027, 5, 10, 1, tzinfo=dt.UTC))
    assert "--due" in str(refused.value) and not CLI_WORDS.search(" ".join(refused.value.lines()))
