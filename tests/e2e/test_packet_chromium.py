"""Open the sample packet's index.html in headless Chromium: it draws the charts, in Chinese, offline.

Needs `chromium` and a CJK font (`.ci/install-chromium.sh` installs both). Without Chromium the
tests skip; under CI (env CI set) they fail instead, so CI never skips them silently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from tasks.packets import svg
from tasks.packets.html import render_unit_index
from tests.support.packet_sample import TITLE, sample_unit_packet

WINDOW = (1280, 2000)
TIMEOUT = 120
UNIT_CHARTS = 5
# Drawn inside the first 2000 pixels of the page: the quota bars (all four statuses) and the venue tiles.
CHART_COLOURS = {
    "进度正常（绿）": svg.STATUS_COLOURS["on_track"],
    "进度落后（橙）": svg.STATUS_COLOURS["behind"],
    "有风险（红）": svg.STATUS_COLOURS["at_risk"],
    "已完成（蓝）": svg.STATUS_COLOURS["done"],
}
MIN_PIXELS = 500
TOLERANCE = 8
INSTALL_HINT = "install them with `bash .ci/install-chromium.sh` (apt: chromium fonts-wqy-zenhei)"


def in_ci() -> bool:
    """True when the environment variable CI is set to anything but an explicit no."""
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def unavailable(reason: str) -> None:
    """Skip locally with the reason; under CI fail, so CI never skips the browser check silently."""
    if in_ci():
        pytest.fail(f"Chromium packet test cannot run and CI forbids skipping it: {reason}; {INSTALL_HINT}",
                    pytrace=False)
    pytest.skip(f"Chromium packet test skipped: {reason}; {INSTALL_HINT}")


def find_chromium() -> str | None:
    """$LEGALCAP_CHROMIUM, else chromium / chromium-browser on PATH, else /usr/bin/chromium."""
    explicit = os.environ.get("LEGALCAP_CHROMIUM", "")
    if explicit and os.access(explicit, os.X_OK):
        return explicit
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


@dataclass(frozen=True)
class BrowserRun:
    """What Chromium made of the page: the screenshot file and the serialised DOM."""

    page: Path
    screenshot: Path
    dom: str


def chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium once with a private profile; a timeout or a failure fails the test."""
    command = [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               f"--window-size={WINDOW[0]},{WINDOW[1]}", "--no-first-run", f"--user-data-dir={profile}",
               *args]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium did not finish within {TIMEOUT} s: {' '.join(command)}", pytrace=False)
    assert result.returncode == 0, f"chromium exited {result.returncode}: {result.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def browser_run(tmp_path_factory: pytest.TempPathFactory) -> BrowserRun:
    """Render the sample packet to index.html and open it in Chromium twice: screenshot and DOM."""
    binary = find_chromium()
    if binary is None:
        unavailable("no `chromium` executable found")
    folder = tmp_path_factory.mktemp("packet-340123")
    page = folder / "index.html"
    page.write_text(render_unit_index(sample_unit_packet()), encoding="utf-8")
    screenshot = folder / "index.png"
    chromium(binary, folder / "profile-shot", f"--screenshot={screenshot}", page.as_uri())
    dom = chromium(binary, folder / "profile-dom", "--dump-dom", page.as_uri()).stdout
    return BrowserRun(page=page, screenshot=screenshot, dom=dom)


def near(colour: tuple[int, int, int], hex_colour: str) -> bool:
    """True when an RGB pixel is within TOLERANCE of '#rrggbb' on every channel."""
    target = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return all(abs(a - b) <= TOLERANCE for a, b in zip(colour, target, strict=True))


def colour_counts(path: Path) -> tuple[list[tuple[int, tuple[int, int, int]]], int]:
    """(count, rgb) for every colour in the PNG, and the number of pixels."""
    with Image.open(path) as image:
        rgb = image.convert("RGB")
        return rgb.getcolors(maxcolors=rgb.width * rgb.height) or [], rgb.width * rgb.height


def test_a_cjk_font_is_installed_so_chinese_is_not_drawn_as_boxes(browser_run: BrowserRun) -> None:
    fc_list = shutil.which("fc-list")
    assert fc_list, "fc-list (fontconfig) is missing: Chromium cannot find fonts"
    fonts = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=60).stdout
    assert fonts.strip(), f"no Chinese font (fc-list :lang=zh is empty), Chromium draws tofu; {INSTALL_HINT}"


def test_the_screenshot_is_a_full_window_and_mostly_not_blank(browser_run: BrowserRun) -> None:
    assert browser_run.screenshot.is_file(), "chromium wrote no screenshot"
    with Image.open(browser_run.screenshot) as image:
        assert image.format == "PNG" and image.size == WINDOW
    counts, total = colour_counts(browser_run.screenshot)
    white = sum(n for n, colour in counts if min(colour) >= 250)
    assert white / total < 0.97, f"the page is {white / total:.1%} white: nothing was drawn"
    assert len(counts) > 50, f"only {len(counts)} colours: the page looks empty"


def test_the_chart_colours_appear_in_the_pixels(browser_run: BrowserRun) -> None:
    counts, _ = colour_counts(browser_run.screenshot)
    for name, hex_colour in CHART_COLOURS.items():
        pixels = sum(n for n, colour in counts if near(colour, hex_colour))
        assert pixels >= MIN_PIXELS, f"{name} {hex_colour}: only {pixels} pixels in the screenshot"


def test_the_dom_has_the_chinese_title_and_every_chart(browser_run: BrowserRun) -> None:
    dom = browser_run.dom
    assert TITLE in dom and "肥西县总工会" in dom
    assert dom.count("<svg") == UNIT_CHARTS
    assert dom.count('role="img"') == UNIT_CHARTS
    assert "<script" not in dom.lower() and "&lt;script&gt;" in dom
