"""A county's upload through the one intake service, on SQLite and PostgreSQL: the located error on the
page, the fixed ledger moving the quota, the rejects workbook for that unit alone, never another unit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlmodel import select

from models.db import session_scope
from models.implementation import LedgerEntry
from models.tables import AuditEvent
from tests.support.database import database_fingerprint
from tests.web.conftest import FEIXI, WANZHI, Portal, csrf_of
from tests.web.services import implementing_portal, ledger_file, publicity_count

OWN = f"/units/{FEIXI.code}"


@pytest.fixture()
def portal(engine, programme, tmp_path, monkeypatch) -> Portal:
    return implementing_portal(engine, programme, tmp_path, monkeypatch)


def upload(client, path: Path, unit_page: str = OWN, to: str | None = None, **fields: str):
    """Post a file with the form's CSRF token; the response (not followed)."""
    token = csrf_of(client, unit_page)
    with path.open("rb") as fh:
        return client.post(to or f"{unit_page}/upload", data={"csrf_token": token, **fields},
                           files={"file": (path.name, fh.read())})


def follow(client, response) -> str:
    assert response.status_code == 303, response.text
    return client.get(response.headers["location"]).text


def ledger_count(engine, unit: str) -> int:
    with session_scope(engine) as s:
        return len(s.exec(select(LedgerEntry).where(LedgerEntry.unit_code == unit)).all())


def test_a_ledger_with_an_error_shows_the_located_error_then_the_fixed_one_moves_the_quota(
        portal: Portal, tmp_path: Path) -> None:
    clerk = portal.login("feixi")
    assert publicity_count(clerk.get(OWN).text) == "0"
    page = follow(clerk, upload(clerk, ledger_file(tmp_path / "bad", bad=2, good=0)))
    receipt = page[page.index('id="receipt"'):page.index("</section>", page.index('id="receipt"'))]
    assert "未登记" in receipt and "未能登记“工作台账.xlsx”（工作台账），原因如下：" in receipt
    assert re.search(r"法治宣传教育.{0,40}第 2 行.{0,40}参加人数", receipt), receipt
    assert publicity_count(page) == "0" and ledger_count(portal.engine, FEIXI.code) == 0
    page = follow(clerk, upload(clerk, ledger_file(tmp_path / "fixed", bad=0, good=3)))
    assert "已收到并登记“工作台账.xlsx”：工作台账，肥西县（340123）。" in page
    assert "登记情况：新增 3 条" in page
    assert publicity_count(page) == "3" and ledger_count(portal.engine, FEIXI.code) == 3
    with session_scope(portal.engine) as s:
        events = s.exec(select(AuditEvent).where(AuditEvent.action == "web.upload")).all()
    assert [(e.actor, e.subject) for e in events] == [("feixi", FEIXI.code)] * 2
    assert "报送回执" in page and page.count("门户上传") == 2


def test_the_rejects_workbook_goes_to_its_unit_alone_by_receipt_number(portal: Portal,
                                                                      tmp_path: Path) -> None:
    clerk = portal.login("feixi")
    page = follow(clerk, upload(clerk, ledger_file(tmp_path, bad=1, good=2)))
    link = re.search(rf'href="({OWN}/receipts/(\d+)/rejects.xlsx)"', page)
    assert link, page
    assert "另有 1 处问题行未登记" in page
    got = clerk.get(link.group(1))
    assert got.status_code == 200 and got.content.startswith(b"PK")
    number = link.group(2)
    other = portal.login("wanzhi")
    assert other.get(f"/units/{WANZHI.code}/receipts/{number}/rejects.xlsx").status_code == 404
    assert other.get(link.group(1)).status_code == 404
    assert clerk.get(f"{OWN}/receipts/..%2F..%2Fweb-secret.key/rejects.xlsx").status_code == 404
    assert clerk.get(f"{OWN}/receipts/{int(number) + 99}/rejects.xlsx").status_code == 404


def test_another_countys_code_in_a_form_url_or_file_never_reads_or_writes_it(portal: Portal,
                                                                            tmp_path: Path) -> None:
    clerk = portal.login("feixi")
    before = database_fingerprint(portal.engine)
    good = ledger_file(tmp_path / "a", good=2)
    assert upload(clerk, good, unit_code=WANZHI.code).status_code == 404
    assert upload(clerk, good, to=f"/units/{WANZHI.code}/upload").status_code == 404
    assert clerk.get(f"/units/{WANZHI.code}").status_code == 404
    assert database_fingerprint(portal.engine) == before
    page = follow(clerk, upload(clerk, ledger_file(tmp_path / "b", unit=WANZHI.code, bad=0, good=2)))
    assert f"第 2 行，“单位代码”：单位代码 {WANZHI.code} 不是本项目的实施单位" in page
    assert ledger_count(portal.engine, WANZHI.code) == 0 and ledger_count(portal.engine, FEIXI.code) == 0
    wanzhi = portal.login("wanzhi").get(f"/units/{WANZHI.code}").text
    assert "工作台账.xlsx" not in wanzhi      # no receipt on the other unit's page either


def test_a_50_mb_upload_and_an_html_file_never_reach_the_importer(portal: Portal, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def importer(*args, **kwargs):
        raise AssertionError("the intake service was called")

    monkeypatch.setattr("tasks.intake.intake", importer)
    clerk = portal.login("feixi")
    big = tmp_path / "台账.xlsx"
    big.write_bytes(b"PK\x03\x04" + b"\0" * (50 << 20))
    refused = upload(clerk, big)
    assert refused.status_code == 413 and "超过门户上限 20 MB" in refused.text
    html = tmp_path / "page.html"
    html.write_text("<html><script>alert(1)</script></html>")
    page = follow(clerk, upload(clerk, html))
    assert "不接受 .html 类型的文件" in page and "<script>alert(1)" not in page
    disguised = tmp_path / "说明.txt"
    disguised.write_text("<!DOCTYPE html><html><body onload=x()>hi</body></html>")
    page = follow(clerk, upload(clerk, disguised))
    assert "文件扩展名是 .txt，内容却不是文本文件" in page
    fake = tmp_path / "台账2.xlsx"
    fake.write_text("not a workbook")
    assert "文件扩展名是 .xlsx，内容却不是Excel 工作簿" in follow(clerk, upload(clerk, fake))


def test_a_body_over_the_limit_without_a_length_is_cut_off_while_read(portal: Portal) -> None:
    portal.settings = portal.settings.model_copy(update={"web_upload_max_mb": 1})
    clerk = portal.login("feixi")
    token = csrf_of(clerk, OWN)

    def chunks():
        yield f"csrf_token={token}&x=".encode()
        for _ in range(40):
            yield b"a" * (64 << 10)

    response = clerk.post(f"{OWN}/upload", content=chunks(),
                          headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413 and "超过门户上限 1 MB" in response.text


def test_a_formula_cell_and_a_script_title_are_shown_as_text(portal: Portal, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = ledger_file(tmp_path, good=2, titles=["X", "<script>alert('台账')</script>"])
    book = load_workbook(path)
    cell = book["法治宣传教育"]["D2"]
    cell.value, cell.data_type = '=HYPERLINK("http://evil.example/","点此领取")', "s"
    book.save(path)
    clerk = portal.login("feixi")
    page = follow(clerk, upload(clerk, path))
    assert "新增 2 条" in page, page
    assert "&lt;script&gt;alert(&#39;台账&#39;)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "=HYPERLINK(&#34;http://evil.example/&#34;,&#34;点此领取&#34;)" in page
    assert 'href="http://evil.example/"' not in page
    city = portal.login("hefei").get(OWN).text
    assert "&lt;script&gt;" in city and "<script>alert" not in city


def test_a_zip_is_taken_file_by_file_and_its_html_member_refused(portal: Portal, tmp_path: Path) -> None:
    import zipfile

    bundle = tmp_path / "六月材料.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.write(ledger_file(tmp_path / "z", good=2), "工作台账.xlsx")
        archive.writestr("说明.html", "<html><script>alert(1)</script></html>")
    clerk = portal.login("feixi")
    page = follow(clerk, upload(clerk, bundle))
    fresh = page[page.index('id="receipt"'):page.index("</section>", page.index('id="receipt"'))]
    assert fresh.count('class="receipt ') == 2
    assert "已收到并登记“工作台账.xlsx”" in fresh and "不接受 .html 类型的文件" in fresh
    assert ledger_count(portal.engine, FEIXI.code) == 2
