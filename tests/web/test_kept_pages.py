"""Unit pages kept rendered (web/render.kept_page), on SQLite and PostgreSQL: one rendering shared by the
sessions of one role and scope, each page with its own session's CSRF token and viewer's name; never a
unit's page for another unit, nor one role's (unmasked) page for another role; a change of data, whether a
portal write or a write by another process, is shown on the next request."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from models.db import make_engine, session_scope
from models.tables import Notification
from tasks import web_users
from tests.web.conftest import CSRF, FEIXI, PASSWORD, START, TODAY, WANZHI, Portal
from tests.web.services import implementing_portal, ledger_file, publicity_count
from tests.web.test_unit_cache import mailed_ledger
from web import render
from web.render import CSRF_MARK, NAME_MARK
from web.security import COOKIE, serializer

OWN = f"/units/{FEIXI.code}"
EVAL = f"/evaluator/units/{FEIXI.code}"
MAY = dt.date(2027, 5, 10)


@pytest.fixture()
def portal(engine, programme, tmp_path, monkeypatch) -> Portal:
    return implementing_portal(engine, programme, tmp_path, monkeypatch)


@pytest.fixture()
def renderings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The titles of the pages rendered for keeping, in order."""
    calls: list[str] = []
    real = render._marked

    def counted(template: str, title: str, viewer: object, context: dict) -> str:
        calls.append(title)
        return real(template, title, viewer, context)

    monkeypatch.setattr(render, "_marked", counted)
    return calls


def beside(portal: Portal, first: TestClient, username: str) -> TestClient:
    """Another browser on the same portal process as `first` (the same app and cache), signed in."""
    client = TestClient(first.app, base_url="http://testserver", follow_redirects=False,
                        client=("10.0.0.2", 50000))
    portal.clients.append(client)
    return portal.login(username, client=client)


def session_token(portal: Portal, client: TestClient) -> str:
    return serializer(portal.settings.web_secret_key.get_secret_value()).loads(client.cookies[COOKIE])["c"]


def test_two_sessions_share_one_rendering_each_with_its_own_token_and_name(
        portal: Portal, renderings: list[str]) -> None:
    with session_scope(portal.engine) as session:
        web_users.add_user(session, username="feixi2", display_name='肥西<b>"二号"</b>', role="unit",
                           scope=f"unit-{FEIXI.code}", password=PASSWORD, at=START, by="测试")
    first = portal.login("feixi")
    second = beside(portal, first, "feixi2")
    pages = [first.get(OWN).text, second.get(OWN).text, first.get(OWN).text]
    assert renderings == [f"{FEIXI.name}工作台"]          # rendered once for both sessions
    tokens = [set(CSRF.findall(p)) for p in pages]
    assert tokens[0] == tokens[2] == {session_token(portal, first)}
    assert tokens[1] == {session_token(portal, second)} and tokens[0] != tokens[1]
    assert "肥西县总工会" in pages[0] and "二号" not in pages[0]
    assert all(CSRF_MARK not in p and NAME_MARK not in p for p in pages)
    shown = "肥西&lt;b&gt;&#34;二号&#34;&lt;/b&gt;"
    assert shown in pages[1] and "<b>" not in pages[1]
    mine = pages[0].replace(session_token(portal, first), "T").replace("肥西县总工会", "N")
    theirs = pages[1].replace(session_token(portal, second), "T").replace(shown, "N")
    assert mine == theirs


def test_a_unit_page_is_never_another_units_nor_another_roles(portal: Portal, tmp_path: Path) -> None:
    mailed_ledger(ledger_file(tmp_path / "mail", good=2))
    province = portal.login("prov")
    feixi, wanzhi = province.get(OWN).text, province.get(f"/units/{WANZHI.code}").text
    assert f"（{FEIXI.code}）" in feixi and f"（{WANZHI.code}）" in wanzhi and FEIXI.code not in wanzhi
    clerk = beside(portal, province, "feixi")
    assert clerk.get(f"/units/{WANZHI.code}").status_code == 404      # kept for the province, not for it
    own = clerk.get(OWN).text
    assert "脱敏显示" not in own and "上传材料" in own                 # the unit's own view, unmasked
    assert "脱敏显示" in province.get(OWN).text and "上传材料" not in province.get(OWN).text
    city = beside(portal, province, "hefei")
    assert "登记实地督导" in city.get(OWN).text and "登记实地督导" not in province.get(OWN).text


def test_data_posing_as_a_mark_is_shown_as_text(portal: Portal) -> None:
    with session_scope(portal.engine) as session:
        session.add(Notification(idempotency_key="k-mark", rule="ledger_quiet", subject=FEIXI.code,
                                 audience=f"unit-{FEIXI.code}", title=f"提醒{CSRF_MARK}{NAME_MARK}",
                                 body="请报送台账", created_on=TODAY))
    clerk = portal.login("feixi")
    page = clerk.get(OWN).text
    assert "提醒&lt;!--legalcap:csrf--&gt;&lt;!--legalcap:name--&gt;" in page
    assert page.count(session_token(portal, clerk)) == len(CSRF.findall(page))


def test_a_portal_upload_and_another_processs_write_show_on_the_next_request(
        portal: Portal, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clerk = portal.login("feixi")
    assert publicity_count(clerk.get(OWN).text) == "0"
    path = ledger_file(tmp_path / "up", good=2)
    upload = clerk.post(f"{OWN}/upload", data={"csrf_token": CSRF.findall(clerk.get(OWN).text)[0]},
                        files={"file": (path.name, path.read_bytes())})
    assert upload.status_code == 303
    assert publicity_count(clerk.get(OWN).text) == "2"           # the portal's write
    other = make_engine(engine.url.render_as_string(hide_password=False))   # the tick's process
    try:
        with session_scope(other) as session:
            session.add(Notification(idempotency_key="k-tick", rule="ledger_quiet", subject=FEIXI.code,
                                     audience=f"unit-{FEIXI.code}", title="台账报送提醒（另一进程）",
                                     body="请报送台账", created_on=TODAY))
    finally:
        other.dispose()
    assert "台账报送提醒（另一进程）" in clerk.get(OWN).text


def test_the_evaluators_pages_share_one_computation_and_show_each_write_at_once(
        engine, programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, renderings: list[str]) -> None:
    from tasks.services.assessment import assess
    from web import pages_evaluator

    portal = implementing_portal(engine, programme, tmp_path, monkeypatch)
    portal.day = MAY
    computed: list[dt.date] = []
    real = pages_evaluator.verdicts_with_effects
    monkeypatch.setattr(pages_evaluator, "verdicts_with_effects",
                        lambda engine, ref, day: computed.append(day) or real(engine, ref, day))
    first = portal.login("eval")
    second = beside(portal, first, "eval")
    pages = [first.get("/evaluator").text, first.get(EVAL).text, second.get(EVAL).text]
    assert computed == [MAY] and renderings == [f"{FEIXI.name}总结评估"]
    assert "待评审" in pages[1] and 'value="评估组 李老师"' in pages[1]
    assert set(CSRF.findall(pages[1])) == {session_token(portal, first)}
    assert set(CSRF.findall(pages[2])) == {session_token(portal, second)} != {session_token(portal, first)}
    done = first.post(f"{EVAL}/effect", data={"csrf_token": session_token(portal, first), "effect": "85",
                                              "notes": "台账翔实", "by": "评估组 李老师",
                                              "methods": ["site_visit"]})
    assert done.status_code == 200, done.text
    assert "85 分" in second.get(EVAL).text                          # the portal's write
    assess(FEIXI.code, 90, "复评", ["interview"], MAY, "另一进程", dt.datetime(2027, 5, 10, 3, tzinfo=dt.UTC),
           MAY, None)                                               # the command line's write
    assert "90 分" in second.get(EVAL).text and "另一进程" in first.get(EVAL).text
    assert len(computed) == 3


def test_a_kept_page_takes_no_worker_thread_on_sqlite_and_one_for_the_viewer_elsewhere(
        portal: Portal, monkeypatch: pytest.MonkeyPatch) -> None:
    from web import permissions
    from web import render as render_module

    clerk = portal.login("feixi")
    assert clerk.get(OWN).status_code == 200                       # computed once, on a worker thread
    hops: list[str] = []

    def counted(module):
        real = module.run_in_threadpool

        async def hop(fn, *args, **kwargs):
            hops.append(getattr(fn, "__name__", "?"))
            return await real(fn, *args, **kwargs)
        return hop

    monkeypatch.setattr(permissions, "run_in_threadpool", counted(permissions))
    monkeypatch.setattr(render_module, "run_in_threadpool", counted(render_module))
    assert clerk.get(OWN).status_code == 200
    assert hops == ([] if portal.engine.dialect.name == "sqlite" else ["load_viewer"])
