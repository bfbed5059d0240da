"""A real browser on the portal: Debian's chromium driven by Selenium through the system chromedriver.

`legalcap web` runs in a subprocess on 127.0.0.1 (a free port) over a prepared LEGALCAP_HOME; a county
clerk signs in and sees the Chinese title and the unit's phase; the screenshot goes to test-artifacts/;
the browser's console must stay free of errors. Nothing is downloaded: without chromium or chromedriver
the test skips, and under CI=true it fails (`.ci/install-chromium.sh` installs both).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.db import session_scope
from tasks.services.status import status_for
from tasks.web_users import add_user
from tests.e2e.conftest import LEGALCAP
from tests.support.database import migrated_engine, start_default_programme
from tests.support.processes import free_port, listening
from tests.web.conftest import FEIXI, PASSWORD, START, TODAY, recommend

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
