"""A real browser on the portal: Debian's chromium driven by Selenium through the system chromedriver.

`legalcap web` runs in a subprocess on 127.0.0.1 (a free port) over a prepared LEGALCAP_HOME; a county
clerk signs in and sees the Chinese title and the unit's phase; the screenshot goes to test-artifacts/;
the browser's console must stay free of errors. Nothing is downloaded: without chromium or chromedriver
the test skips, and under CI=true it fails (`.ci/install-chromium.sh` installs both).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from models.db import session_scope
from tasks.services.status import status_for
from tasks.web_users import add_user
from tests.e2e.conftest import LEGALCAP
from tests.support.database import migrated_engine, start_default_programme
from tests.support.processes import free_port, listening
from tests.web.conftest import FEIXI, PASSWORD, START, TODAY, WANZHI, recommend

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HINT = "install them with `bash .ci/install-chromium.sh` (apt: chromium chromium-driver fonts-wqy-zenhei)"
STARTUP_SECONDS = 180


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def browser_binaries() -> tuple[str, str]:
    """chromium and chromedriver from the system; skip (fail under CI) when either is missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or (
        "/usr/bin/chromedriver" if os.access("/usr/bin/chromedriver", os.X_OK) else None)
    if chromium and driver:
        return chromium, driver
    missing = "chromium" if not chromium else "chromedriver"
    if in_ci():
        pytest.fail(f"browser test cannot run and CI forbids a skip: no {missing}; {HINT}", pytrace=False)
    pytest.skip(f"browser test skipped: no {missing}; {HINT}")


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`legalcap web` on a free port over a home with 肥西县 recommended and its clerk's account;
    the base URL and the phase label the status service gives for the day."""
    home = tmp_path / "home"
    home.mkdir()
    with migrated_engine(f"sqlite:///{home / 'legalcap.db'}") as engine:
        programme = start_default_programme(engine)
        recommend(engine, programme, FEIXI)
        with session_scope(engine) as session:
            add_user(session, username="feixi", display_name="肥西县总工会 张文书", role="unit",
                     scope=f"unit-{FEIXI.code}", password=PASSWORD, at=START, by="测试")
        phase = next(u for u in status_for(engine, programme, TODAY)["units"]
                     if u["unit_code"] == FEIXI.code)["phase_label"]
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))} | {
        "LEGALCAP_HOME": str(home), "LEGALCAP_TODAY": TODAY.isoformat()}
    log = (tmp_path / "web.log").open("w")
    server = subprocess.Popen([str(LEGALCAP), "web", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, cwd=home, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not listening(port):
            assert server.poll() is None, (tmp_path / "web.log").read_text()
            assert time.monotonic() < deadline, f"legalcap web did not listen within {STARTUP_SECONDS} s"
            time.sleep(0.5)
        yield f"http://127.0.0.1:{port}", phase
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def chrome(chromium: str, driver: str, profile: Path):
    """Headless chromium through the given chromedriver, console messages kept."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000",
                "--no-first-run", f"--user-data-dir={profile}", "--lang=zh-CN"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service(executable_path=driver))


def test_a_county_clerk_signs_in_and_sees_the_units_phase(served: tuple[str, str], tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import WebDriverWait

    chromium, driver_path = browser_binaries()
    base, phase = served
    browser = chrome(chromium, driver_path, tmp_path / "profile")
    try:
        browser.get(f"{base}/")
        WebDriverWait(browser, 60).until(seen.url_contains("/login"))
        assert browser.title == "登录 · 县（区）工会法律能力提升项目"
        browser.find_element(By.NAME, "username").send_keys("feixi")
        browser.find_element(By.NAME, "password").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "form.box button[type=submit]").click()
        WebDriverWait(browser, 60).until(seen.url_contains(f"/units/{FEIXI.code}"))
        assert browser.title == "肥西县工作台 · 县（区）工会法律能力提升项目"
        assert browser.find_element(By.CSS_SELECTOR, "strong.phase").text == phase
        assert "肥西县总工会 张文书" in browser.find_element(By.CSS_SELECTOR, "header").text
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "web-county-home.png"
        assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
        errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
        assert errors == [], errors
    finally:
        browser.quit()


# ---------------------------------------------------------------- the walk-through of county, city, evaluator

MAY = "2027-05-10"     # evaluation month: the county still hands in ledgers, the evaluators judge


@pytest.fixture()
def walked(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`legalcap web` on a home where 肥西县 met its gate (June 2026), 湾沚区 waits for review (推荐表 and
    工作方案 in), its clerk, 合肥市, an evaluator and the province have accounts and the packets are built,
    today 2027-05-10; the base URL and a folder of ledgers."""
    import datetime as dt

    from tasks.packets.build import build_packets
    from tests.support.demo import feixi_through_the_gate
    from tests.web.conftest import ACCOUNTS
    from tests.web.services import ledger_file
    from tests.web.test_province import add_work_plan

    home = tmp_path / "home"
    home.mkdir()
    with migrated_engine(f"sqlite:///{home / 'legalcap.db'}") as engine:
        programme = start_default_programme(engine)
        feixi_through_the_gate(engine, programme, tmp_path / "files")
        with session_scope(engine) as session:
            for name in ("feixi", "hefei", "eval", "prov"):
                role, scope, display = ACCOUNTS[name]
                add_user(session, username=name, display_name=display, role=role, scope=scope,
                         password=PASSWORD, at=START, by="测试")
        build_packets(engine, programme, dt.date.fromisoformat(MAY), home / "packets" / "2026")
        recommend(engine, programme, WANZHI)
        add_work_plan(SimpleNamespace(engine=engine, programme=programme), WANZHI.code)
    ledgers = tmp_path / "ledgers"
    ledger_file(ledgers / "bad", bad=1, good=0)
    ledger_file(ledgers / "fixed", bad=0, good=3)
    with serving(home, tmp_path, MAY) as base:
        yield base, ledgers


@contextlib.contextmanager
def serving(home: Path, tmp_path: Path, today: str) -> Iterator[str]:
    """`legalcap web` over `home` on a free 127.0.0.1 port with LEGALCAP_TODAY; its base URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))} | {
        "LEGALCAP_HOME": str(home), "LEGALCAP_TODAY": today}
    log_path = tmp_path / "web-walk.log"
    with log_path.open("w") as log:
        server = subprocess.Popen([str(LEGALCAP), "web", "--host", "127.0.0.1", "--port", str(port)],
                                  env=env, cwd=home, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while not listening(port):
                assert server.poll() is None, log_path.read_text()
                assert time.monotonic() < deadline, f"legalcap web did not listen within {STARTUP_SECONDS} s"
                time.sleep(0.5)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=30)


class Walk:
    """One browser through the portal: sign in, act, screenshot, and no console errors at each step."""

    def __init__(self, browser, base: str) -> None:
        self.browser, self.base = browser, base

    def sign_in(self, username: str, lands_on: str) -> None:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as seen
        from selenium.webdriver.support.ui import WebDriverWait

        self.browser.delete_all_cookies()
        self.browser.get(f"{self.base}/login")
        self.browser.find_element(By.NAME, "username").send_keys(username)
        self.browser.find_element(By.NAME, "password").send_keys(PASSWORD)
        self.browser.find_element(By.CSS_SELECTOR, "form.box button[type=submit]").click()
        WebDriverWait(self.browser, 60).until(seen.url_contains(lands_on))

    def submit(self, form_css: str) -> None:
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as seen
        from selenium.webdriver.support.ui import WebDriverWait

        button = self.browser.find_element(By.CSS_SELECTOR, f"{form_css} button[type=submit]")
        button.click()
        # while the next page replaces the document, chromedriver may answer "Node with given id does not
        # belong to the document" instead of a stale element: poll again until the button is stale
        replaced = WebDriverWait(self.browser, 120, ignored_exceptions=(WebDriverException,))
        replaced.until(seen.staleness_of(button))

    def text(self, css: str) -> str:
        from selenium.webdriver.common.by import By

        return self.browser.find_element(By.CSS_SELECTOR, css).text

    def checked(self, shot: str, title: str | None) -> None:
        """The page's Chinese title (a packet page: its own), its screenshot in test-artifacts/, and a
        console without errors."""
        if title is not None:
            assert self.browser.title == f"{title} · 县（区）工会法律能力提升项目"
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"web-{shot}.png"
        assert self.browser.save_screenshot(str(path)) and path.stat().st_size > 10_000
        errors = [e for e in self.browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
        assert errors == [], errors


def test_every_role_walks_through_the_portal(walked: tuple[str, Path], tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    chromium, driver_path = browser_binaries()
    base, ledgers = walked
    browser = chrome(chromium, driver_path, tmp_path / "profile")
    walk = Walk(browser, base)
    quota = "table tbody tr:first-child td.num"
    try:
        walk.sign_in("feixi", f"/units/{FEIXI.code}")
        assert walk.text(quota) == "0"
        browser.find_element(By.CSS_SELECTOR, "form.upload input[type=file]").send_keys(
            str(ledgers / "bad" / "工作台账.xlsx"))
        walk.submit("form.upload")
        receipt = walk.text("#receipt")
        assert "未能登记“工作台账.xlsx”（工作台账）" in receipt and "法治宣传教育" in receipt
        assert "第 2 行" in receipt and "参加人数" in receipt
        walk.checked("county-ledger-error", "肥西县工作台")
        browser.find_element(By.CSS_SELECTOR, "form.upload input[type=file]").send_keys(
            str(ledgers / "fixed" / "工作台账.xlsx"))
        walk.submit("form.upload")
        assert "已收到并登记“工作台账.xlsx”" in walk.text("#receipt") and walk.text(quota) == "3"
        walk.checked("county-ledger-registered", "肥西县工作台")

        walk.sign_in("hefei", "/city")
        browser.find_element(By.LINK_TEXT, "肥西县").click()
        date = browser.find_element(By.CSS_SELECTOR, "form.visit input[name=visited_on]")
        browser.execute_script("arguments[0].value = '2027-04-20'", date)
        by = browser.find_element(By.CSS_SELECTOR, "form.visit input[name=by]")
        by.clear()
        by.send_keys("合肥市总工会 张三")
        notes = browser.find_element(By.CSS_SELECTOR, "form.visit textarea[name=notes]")
        notes.send_keys("调研台账与一函两书办理情况")
        walk.submit("form.visit")
        assert "已登记督导：合肥市总工会 → 肥西县，2027-04-20" in walk.text("#visit")
        walk.checked("city-visit", "肥西县工作台")

        walk.sign_in("eval", "/evaluator")
        browser.find_element(By.LINK_TEXT, "打开全省评估材料包索引").click()
        browser.find_element(By.LINK_TEXT, "肥西县").click()
        assert "/evaluator/packets/340123/index.html" in browser.current_url and "肥西县" in browser.title
        walk.checked("evaluator-packet", None)
        browser.get(f"{base}/evaluator/units/{FEIXI.code}")
        browser.find_element(By.CSS_SELECTOR, "form.verdict select[name=verdict] option[value=pass]").click()
        browser.find_element(By.CSS_SELECTOR, "form.verdict textarea[name=notes]").send_keys("材料齐全")
        walk.submit("form.verdict")
        assert "已记录评定：肥西县 合格，2027-05-10" in walk.text("p.notice")
        walk.checked("evaluator-verdict", "肥西县总结评估")

        province_walks(walk)
    finally:
        browser.quit()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABLE_SECONDS = 300     # the province table's first computation, on a busy machine


def units_shown(browser) -> list[str]:
    """The unit codes of the province table's rows, top to bottom."""
    from selenium.webdriver.common.by import By

    return [tr.get_attribute("data-unit") for tr in browser.find_elements(By.CSS_SELECTOR, "tr.unit-row")]


def table_computed(browser) -> bool:
    """The stored rows are shown; else (正在计算…) reload the page and look again."""
    if len(units_shown(browser)) == 2:
        return True
    browser.refresh()
    return False


def download(browser, url: str) -> tuple[int, str, bytes]:
    """GET `url` with the browser's session cookie (127.0.0.1): status, content type, body."""
    from urllib.request import Request, urlopen

    cookie = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    with urlopen(Request(url, headers={"Cookie": cookie}), timeout=120) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


def province_walks(walk: Walk) -> None:
    """The province: its table once computed (sorted by 预评分 both ways), 湾沚区's review approved, and
    全省年度统计 with tables, inline SVG charts and the .xlsx export."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser = walk.browser
    walk.sign_in("prov", "/province")
    WebDriverWait(browser, TABLE_SECONDS, poll_frequency=2).until(table_computed)
    assert units_shown(browser) == [FEIXI.code, WANZHI.code]            # by city: 合肥市, 芜湖市
    browser.find_element(By.PARTIAL_LINK_TEXT, "预评分").click()
    assert "sort=score&order=asc" in browser.current_url
    assert units_shown(browser) == [WANZHI.code, FEIXI.code]            # 湾沚区 has no score yet
    assert walk.text("th.sorted-asc") == "预评分 ▲"
    browser.find_element(By.PARTIAL_LINK_TEXT, "预评分").click()
    assert units_shown(browser) == [FEIXI.code, WANZHI.code] and walk.text("th.sorted-desc") == "预评分 ▼"
    walk.checked("province-table", "省总工会工作台")

    browser.find_element(By.LINK_TEXT, "待审核备案").click()
    pending = f"form[action='/province/reviews/{WANZHI.code}']"
    assert "湾沚区" in walk.text("table.wide tbody") and browser.find_elements(By.CSS_SELECTOR, pending)
    walk.submit(pending)
    assert walk.text("p.notice") == f"{WANZHI.code}：已通过审核备案"
    assert not browser.find_elements(By.CSS_SELECTOR, pending)
    walk.checked("province-review", "待审核备案")

    browser.find_element(By.LINK_TEXT, "全省年度统计").click()
    titles = {h2.text for h2 in browser.find_elements(By.CSS_SELECTOR, "section.stats h2")}
    assert titles == {"按市", "按类别", "按月份", "按五进场所"}
    assert len(browser.find_elements(By.CSS_SELECTOR, "section.stats figure svg")) == 4
    assert browser.find_elements(By.CSS_SELECTOR, "section.stats table tbody tr")
    assert "合肥市" in walk.text("section.stats table")
    link = browser.find_element(By.LINK_TEXT, "下载 .xlsx").get_attribute("href")
    status, kind, body = download(browser, link)
    assert (status, kind) == (200, XLSX) and body[:2] == b"PK"
    walk.checked("province-statistics", "全省年度统计")
