"""`oversight record --on`: a visit counts in `oversight list` from the day it was received, not before."""

from __future__ import annotations

import datetime as dt
import json

from config.divisions import county_by_name
from tasks.demo.documents import demo_recommendation
from tasks.forms.recommendation_docx import write_recommendation_docx
from tests.e2e.conftest import run_cli


def _visited_on(home, as_of: str) -> list[str]:
    done = run_cli(home, "oversight", "list", "--as-of", as_of, "--format", "json")
    assert done.returncode == 0, done.stderr
    periods = json.loads(done.stdout)["periods"]
    return [day for p in periods if p["unit_code"] == "340123" for day in p["visited_on"]]


def test_a_visit_of_july_1_received_on_august_3_is_listed_from_august_3(home):
    assert run_cli(home, "programme", "start", "--year", "2026").returncode == 0
    rec = home / "推荐表.docx"
    feixi = county_by_name("340100", "肥西县")
    write_recommendation_docx(rec, demo_recommendation(feixi, dt.date(2026, 5, 8)))
    assert run_cli(home, "recommendations", "import", str(rec), "--on", "2026-05-08").returncode == 0
    done = run_cli(home, "oversight", "record", "--unit", "340123", "--date", "2026-07-01",
                   "--on", "2026-08-03", "--by", "合肥市总工会 王督导", "--notes", "实地调研台账与坐班")
    assert done.returncode == 0, done.stderr
    assert _visited_on(home, "2026-07-15") == []
    assert _visited_on(home, "2026-08-03") == ["2026-07-01"]
