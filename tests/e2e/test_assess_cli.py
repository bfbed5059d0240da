"""`legalcap verdict assess` and `verdict assessments` through the console script (LEGALCAP_TODAY in May)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from config.divisions import county_by_name
from tasks.demo.documents import demo_recommendation
from tasks.forms.recommendation_docx import write_recommendation_docx
from tests.e2e.conftest import run_cli

MAY_20 = {"LEGALCAP_TODAY": "2027-05-20"}


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("assess")
    assert run_cli(home, "programme", "start", "--year", "2026").returncode == 0
    rec = home / "推荐表.docx"
    feixi = county_by_name("340100", "肥西县")
    write_recommendation_docx(rec, demo_recommendation(feixi, dt.date(2026, 5, 8)))
    assert run_cli(home, "recommendations", "import", str(rec), "--on", "2026-05-08").returncode == 0
    return home


def _assess(home, *args: str):
    return run_cli(home, "verdict", "assess", "--unit", "340123", *args, env=MAY_20)


def test_an_assessment_is_confirmed_in_chinese_and_listed_as_the_latest(home):
    first = _assess(home, "--effect", "70", "--notes", "资料审核：台账完整", "--method", "document_review",
                    "--on", "2027-05-06", "--by", "评估组 李四")
    again = _assess(home, "--effect", "86.5", "--notes", "座谈职工 12 名，满意度高", "--method", "site_visit",
                    "--method", "interview")
    assert first.returncode == 0, first.stderr
    assert again.returncode == 0, again.stderr
    assert ("已登记实际成效评估：肥西县（340123）86.5 分，2027-05-20，评估人 省总工会评估组"
            "（实地调研、座谈访谈）") in again.stdout
    listed = run_cli(home, "verdict", "assessments", "--as-of", "2027-05-31", "--format", "json")
    early = run_cli(home, "verdict", "assessments", "--as-of", "2027-05-10", "--format", "json")
    table = run_cli(home, "verdict", "assessments", "--as-of", "2027-05-01")
    [unit] = json.loads(listed.stdout)["units"]
    assert (unit["unit_code"], unit["effect"]) == ("340123", 86.5)
    assert unit["methods"] == ["site_visit", "interview"]
    assert json.loads(early.stdout)["units"][0]["effect"] == 70.0
    assert table.returncode == 0 and "待评审" in table.stdout


@pytest.mark.parametrize("args, message", [
    (("--effect", "101", "--notes", "好"), "--effect 101：实际成效评分须在 0 至 100 之间"),
    (("--effect", "很好", "--notes", "好"), "--effect 很好：须为 0 至 100 之间的数字"),
    (("--effect", "80", "--notes", " "), "--notes：须填写评估意见"),
    (("--effect", "80", "--notes", "好", "--method", "phone"), "--method phone：不是评估方式"),
    (("--effect", "80", "--notes", "好", "--on", "2027-05-21"), "--on 2027-05-21：晚于今天 2027-05-20"),
    (("--effect", "80", "--notes", "好", "--on", "2027-04-30"), "早于总结评估阶段开始日期 2027-05-01"),
])
def test_bad_input_exits_2_with_a_chinese_line_and_no_traceback(home, args, message):
    done = _assess(home, *args)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert message in done.stderr


def test_a_unit_that_is_not_implementing_is_refused(home):
    done = run_cli(home, "verdict", "assess", "--unit", "340124", "--effect", "80", "--notes", "好",
                   env=MAY_20)
    assert done.returncode == 2 and "--unit 340124：不是 2026 年度的项目实施单位" in done.stderr
