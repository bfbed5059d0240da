"""What each role's pages show, from the same services as the CLI (status, templates, statistics)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tasks.services.status import status_for
from tests.web.conftest import FEIXI, PASSWORD, TODAY, WANZHI, Portal, post_form


def status_of(portal: Portal, code: str) -> dict:
    doc = status_for(portal.engine, portal.programme, TODAY)
    return next(u for u in doc["units"] if u["unit_code"] == code)


def test_the_county_home_shows_its_phase_what_the_gate_lacks_and_the_templates(portal: Portal) -> None:
    client = portal.login("feixi")
    home = client.get("/")
    assert home.headers["location"] == f"/units/{FEIXI.code}"
    page = client.get(home.headers["location"]).text
    unit = status_of(portal, FEIXI.code)
    assert "<title>肥西县工作台 · 县（区）工会法律能力提升项目</title>" in page
    assert f'<strong class="phase">{unit["phase_label"]}</strong>' in page
    assert unit["lacking"] and all(item in page for item in unit["lacking"])
    assert f"/units/{FEIXI.code}/templates/ledger" in page and "湾沚" not in page


def test_a_template_download_is_the_writers_workbook_prefilled_with_the_unit(portal: Portal) -> None:
    response = portal.login("feixi").get(f"/units/{FEIXI.code}/templates/funds")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert "经费支出" in book.sheetnames
    assert portal.login("feixi").get(f"/units/{FEIXI.code}/templates/passwd").status_code == 404


def test_the_province_sees_every_citys_slot_and_downloads_the_annual_statistics(portal: Portal) -> None:
    client = portal.login("prov")
    page = client.get("/province").text
    doc = status_for(portal.engine, portal.programme, TODAY)
    implementing = [u for u in doc["units"] if u["unit_code"]]
    assert page.count('<tr class="unit-row"') == len(implementing) == 2
    assert f'href="/units/{FEIXI.code}"' in page and f'href="/units/{WANZHI.code}"' in page
    workbook = client.get("/province/statistics.xlsx")
    assert workbook.status_code == 200
    sheets = load_workbook(io.BytesIO(workbook.content)).sheetnames
    assert sheets[:4] == ["按市", "按类别", "按月份", "按五进场所"]


def test_a_city_sees_only_the_unit_it_recommended(portal: Portal) -> None:
    page = portal.login("wuhu").get("/city").text
    assert f'href="/units/{WANZHI.code}"' in page and FEIXI.code not in page


def test_the_evaluators_see_every_implementing_unit(portal: Portal) -> None:
    page = portal.login("eval").get("/evaluator").text
    assert f'href="/units/{FEIXI.code}"' in page and f'href="/units/{WANZHI.code}"' in page


def test_changing_the_password_works_and_ends_other_sessions(portal: Portal) -> None:
    other = portal.login("feixi")
    client = portal.login("feixi")
    new = "肥西县新密码-2026"
    mismatch = post_form(client, "/password", {"old_password": PASSWORD, "new_password": new,
                                               "new_password2": new + "x"}, "/password")
    assert mismatch.status_code == 400 and "两次输入的新密码不一致" in mismatch.text
    weak = post_form(client, "/password", {"old_password": PASSWORD, "new_password": "1234567890123",
                                           "new_password2": "1234567890123"}, "/password")
    assert weak.status_code == 400 and "密码不能全部是数字" in weak.text
    done = post_form(client, "/password", {"old_password": PASSWORD, "new_password": new,
                                           "new_password2": new}, "/password")
    assert done.status_code == 200 and "密码已修改" in done.text
    assert client.get("/password").status_code == 200          # this session goes on
    assert other.get("/password").status_code == 303           # the other one ended
    portal.login("feixi", new)


def test_logout_ends_the_session(portal: Portal) -> None:
    client = portal.login("feixi")
    assert post_form(client, "/logout", {}, "/password").headers["location"] == "/login"
    assert client.get(f"/units/{FEIXI.code}").status_code == 303


def test_a_title_with_markup_is_shown_as_text(portal: Portal) -> None:
    from sqlmodel import select

    from models.db import session_scope
    from models.web_users import WebUser

    with session_scope(portal.engine) as s:
        user = s.exec(select(WebUser).where(WebUser.username == "feixi")).one()
        user.display_name = "<script>alert(1)</script>"
        s.add(user)
    page = portal.login("feixi").get(f"/units/{FEIXI.code}").text
    assert "<script>" not in page and "&lt;script&gt;" in page
