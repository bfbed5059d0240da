"""The ledger through the console script: template, refusal with exit 2, --skip-invalid, re-import."""

from __future__ import annotations

import datetime as dt

import pytest

from config.divisions import county_by_name
from tasks.demo.documents import demo_recommendation
from tasks.forms.ledger_xlsx import write_ledger_template
from tasks.forms.recommendation_docx import write_recommendation_docx
from tests.e2e.conftest import run_cli


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("ledger")
    assert run_cli(home, "programme", "start", "--year", "2026").returncode == 0
    rec = home / "推荐表.docx"
    feixi = county_by_name("340100", "肥西县")
    write_recommendation_docx(rec, demo_recommendation(feixi, dt.date(2026, 5, 8)))
    assert run_cli(home, "recommendations", "import", str(rec), "--on", "2026-05-08").returncode == 0
    return home


def _rows(n: int, bad: int | None) -> list[dict]:
    rows = [{"ledger_id": f"P{i}", "unit_code": "340123", "occurred_on": dt.date(2026, 6, 1),
             "title": f"普法 {i}", "venue": "campus", "format": "talk", "participants": 10}
            for i in range(n)]
    if bad is not None:
        rows[bad]["unit_code"] = "340999"
    return rows


def test_the_ledger_template_is_written(home):
    out = home / "台账模板.xlsx"
    result = run_cli(home, "template", "ledger", "--out", str(out), "--unit", "340123")
    assert result.returncode == 0 and out.stat().st_size > 5000


def test_a_file_with_a_bad_row_is_refused_whole_and_skip_invalid_takes_the_rest(home):
    path = home / "台账.xlsx"
    write_ledger_template(path, rows={"publicity": _rows(20, bad=4)})
    refused = run_cli(home, "ledger", "import", str(path), "--as-of", "2026-12-31")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "法治宣传教育" in refused.stderr and "第 6 行" in refused.stderr and "单位代码" in refused.stderr

    taken = run_cli(home, "ledger", "import", str(path), "--as-of", "2026-12-31", "--skip-invalid")
    assert taken.returncode == 0, taken.stderr
    assert "新增 19 条" in taken.stdout and (home / "台账.rejects.xlsx").exists()

    again = run_cli(home, "ledger", "import", str(path), "--as-of", "2026-12-31", "--skip-invalid")
    assert "新增 0 条" in again.stdout and "未变 19 条" in again.stdout
