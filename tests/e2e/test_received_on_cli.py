"""Deliver 11 through the console script: `--on` on imports, `--as-of` a deprecated alias with a warning."""

from __future__ import annotations

import datetime as dt

import pytest

from config.divisions import county_by_name
from tasks.demo.documents import demo_recommendation
from tasks.forms.ledger_xlsx import write_ledger_template
from tasks.forms.recommendation_docx import write_recommendation_docx
from tests.e2e.conftest import run_cli

WARNING = "--as-of 已停用，请改用 --on"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("received")
    assert run_cli(home, "programme", "start", "--year", "2026").returncode == 0
    rec = home / "推荐表.docx"
    feixi = county_by_name("340100", "肥西县")
    write_recommendation_docx(rec, demo_recommendation(feixi, dt.date(2026, 5, 8)))
    assert run_cli(home, "recommendations", "import", str(rec), "--on", "2026-05-08").returncode == 0
    return home


def _ledger(home, name: str, day: dt.date) -> list[str]:
    path = home / name
    write_ledger_template(path, rows={"publicity": [
        {"ledger_id": name, "unit_code": "340123", "occurred_on": day, "title": "普法讲座",
         "venue": "campus", "format": "talk", "participants": 10}]})
    return ["ledger", "import", str(path)]


def test_on_imports_the_ledger_without_a_warning(home):
    done = run_cli(home, *_ledger(home, "a.xlsx", dt.date(2026, 7, 1)), "--on", "2026-07-03")
    assert done.returncode == 0, done.stderr
    assert "新增 1 条" in done.stdout and WARNING not in done.stderr


def test_as_of_still_imports_with_a_chinese_warning(home):
    done = run_cli(home, *_ledger(home, "b.xlsx", dt.date(2026, 7, 2)), "--as-of", "2026-07-03")
    assert done.returncode == 0, done.stderr
    assert "新增 1 条" in done.stdout
    assert WARNING in done.stderr and "本次按收到日期 2026-07-03 处理" in done.stderr


def test_on_bounds_the_rows_dates_like_as_of_did(home):
    late = run_cli(home, *_ledger(home, "c.xlsx", dt.date(2026, 7, 10)), "--on", "2026-07-03")
    assert late.returncode == 2 and "Traceback" not in late.stderr


def test_on_and_a_different_as_of_are_refused(home):
    both = run_cli(home, "funds", "import", str(home / "none.xlsx"), "--on", "2026-07-03",
                   "--as-of", "2026-07-04")
    assert both.returncode == 2 and "Traceback" not in both.stderr
    assert "--on 2026-07-03 与已停用的 --as-of 2026-07-04 日期不同" in both.stderr


def test_oversight_record_on_is_the_day_the_record_was_received(home):
    args = ("oversight", "record", "--unit", "340123", "--by", "合肥市总工会 张三", "--notes", "查阅台账")
    refused = run_cli(home, *args, "--date", "2026-07-05", "--on", "2026-07-02")
    assert refused.returncode == 2 and "晚于登记日期 2026-07-02" in refused.stderr
    done = run_cli(home, *args, "--date", "2026-07-01", "--on", "2026-07-02")
    assert done.returncode == 0, done.stderr
