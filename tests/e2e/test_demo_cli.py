"""The demo through the console script, then status and gates explain as a person runs them."""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import run_cli


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("demo-home")
    result = run_cli(home, "simulate", "--demo", "--to", "2026-07-10", timeout=600)
    assert result.returncode == 0, result.stderr
    return home, result


def test_the_demo_ends_with_a_16_unit_table_and_no_traceback(demo_home):
    _, result = demo_home
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "ERROR" not in output
    for city in ("合肥市", "阜阳市", "宣城市"):
        assert city in result.stdout
    assert "发件箱共" in result.stdout


def test_status_json_on_may_13_lists_16_units_and_the_late_city(demo_home):
    home, _ = demo_home
    result = run_cli(home, "status", "--as-of", "2026-05-13", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert len(doc["units"]) == 16
    by_city = {u["city_code"]: u for u in doc["units"]}
    late = by_city["341200"]
    assert late["submission"]["status"] == "missing"
    assert "materials_submitted" in late["unmet"]
    assert all(u["phase"] == "preparation" for u in doc["units"])
    on_time = by_city["340100"]
    assert on_time["submission"]["status"] == "submitted"
    assert "filed" in on_time["unmet"]


def test_gates_explain_shows_evidence_for_a_unit_through_the_gate(demo_home):
    home, _ = demo_home
    result = run_cli(home, "gates", "explain", "--unit", "340123", "--as-of", "2026-07-10",
                     "--format", "json")
    assert result.returncode == 0, result.stderr
    unit = json.loads(result.stdout)
    assert unit["phase"] == "implementation"
    assert unit["gate"]["met"] is True
    archive = next(c for c in unit["gate"]["criteria"] if c["code"] == "archive_complete")
    assert len(archive["evidence"]) == 7
    assert all(len(e["sha256"]) == 64 for e in archive["evidence"])


def test_gates_explain_names_what_an_incomplete_archive_lacks(demo_home):
    home, _ = demo_home
    result = run_cli(home, "gates", "explain", "--unit", "341021", "--as-of", "2026-07-10")
    assert result.returncode == 0, result.stderr
    assert "中标公示" in result.stdout and "过程沟通记录" in result.stdout
    assert "未满足" in result.stdout


def test_stats_export_counts_every_ledger_row_known_on_the_day(demo_home):
    import sqlite3

    from python_calamine import CalamineWorkbook

    home, _ = demo_home
    out = home / "统计.xlsx"
    result = run_cli(home, "stats", "export", "--as-of", "2026-07-10", "--out", str(out))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(home / "legalcap.db") as db:
        query = "select count(*) from ledgerentry where occurred_on <= '2026-07-10'"
        stored = db.execute(query).fetchone()[0]
    assert stored > 0
    assert f"台账记录 {stored} 条" in result.stdout
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["按市", "按类别", "按月份", "按五进场所", "说明"]
    by_city = book.get_sheet_by_name("按市").to_python()
    assert by_city[-1][0] == "合计" and by_city[-1][-1] == stored


def test_stats_export_refuses_an_output_that_is_not_xlsx(demo_home):
    home, _ = demo_home
    result = run_cli(home, "stats", "export", "--out", str(home / "统计.csv"))
    assert result.returncode == 2
    assert "须保存为 .xlsx" in result.stderr and "Traceback" not in result.stderr


def test_running_the_demo_again_starts_from_a_clean_slate(demo_home):
    home, _ = demo_home
    first = json.loads(run_cli(home, "status", "--as-of", "2026-07-10", "--format", "json").stdout)
    again = run_cli(home, "simulate", "--demo", "--to", "2026-07-10", timeout=600)
    assert again.returncode == 0, again.stderr
    second = json.loads(run_cli(home, "status", "--as-of", "2026-07-10", "--format", "json").stdout)
    assert [u["unmet"] for u in first["units"]] == [u["unmet"] for u in second["units"]]
