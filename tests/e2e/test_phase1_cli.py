"""Phase 1 through the console script: templates, imports, refusals with exit 2, review."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from config.divisions import county_by_name
from tasks.demo.apply import demo_credit_code
from tasks.demo.documents import demo_dossier, demo_recommendation
from tasks.demo.scenario import UNITS
from tasks.forms.procurement_xlsx import write_procurement_xlsx
from tasks.forms.recommendation_docx import write_recommendation_docx
from tests.e2e.conftest import run_cli

FEIXI = county_by_name("340100", "肥西县")
CHANGFENG = county_by_name("340100", "长丰县")


@pytest.fixture(scope="module")
def started(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("phase1")
    result = run_cli(home, "programme", "start", "--year", "2026")
    assert result.returncode == 0, result.stderr
    return home


def _ok(home: Path, *args: str) -> str:
    result = run_cli(home, *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def _refused(home: Path, *args: str) -> str:
    result = run_cli(home, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("错误：") and "Traceback" not in result.stderr
    return result.stderr


TEMPLATES = [("recommendation", "附件1.docx"), ("recommendation", "附件1.xlsx"),
             ("workplan", "附件2.docx"), ("procurement", "遴选.xlsx")]


@pytest.mark.parametrize(("kind", "name"), TEMPLATES)
def test_every_template_is_written_where_asked(started, kind, name):
    out = started / name
    assert "已生成" in _ok(started, "template", kind, "--out", str(out))
    assert out.stat().st_size > 1000


def test_a_template_with_the_wrong_suffix_is_refused(started):
    assert "--out" in _refused(started, "template", "workplan", "--out", str(started / "plan.pdf"))


def test_recommendations_work_plans_and_review_through_the_cli(started):
    rec = started / "肥西推荐表.docx"
    write_recommendation_docx(rec, demo_recommendation(FEIXI, dt.date(2026, 5, 8)))
    out = _ok(started, "recommendations", "import", str(rec), "--on", "2026-05-08")
    assert "肥西县总工会（340123）" in out and "按期" in out

    other = started / "长丰推荐表.docx"
    write_recommendation_docx(other, demo_recommendation(CHANGFENG, dt.date(2026, 5, 9)))
    assert "--replace" in _refused(started, "recommendations", "import", str(other), "--on", "2026-05-09")

    plan = started / "方案.txt"
    sections = "一、目标任务\n" + "目" * 1501 + "\n二、工作基础\n基础\n三、具体方案\n方案\n"
    plan.write_text(sections, encoding="utf-8")
    long = run_cli(started, "workplan", "import", "--unit", "340123", str(plan), "--on", "2026-05-08")
    assert long.returncode == 0 and "共 1505 字" in long.stdout and "Traceback" not in long.stderr
    # the over-long plan is registered with the receipt's note (stdout, as the mail receipt says it)
    assert "提示：工作方案共 1505 字" in long.stdout and "原则上不超过 1500 字" in long.stdout
    doc = json.loads(_ok(started, "gates", "explain", "--unit", "340123", "--as-of", "2026-05-08",
                         "--format", "json"))
    materials = next(c for c in doc["gate"]["criteria"] if c["code"] == "materials_submitted")
    assert materials["met"] and any("1505 字" in flag for flag in materials["flags"])

    short = "一、目标任务\n全年普法 12 场\n二、工作基础\n有中心\n三、具体方案\n按季度推进\n"
    plan.write_text(short, encoding="utf-8")
    assert "字" in _ok(started, "workplan", "import", "--unit", "340123", str(plan), "--on", "2026-05-08")
    assert "理由" in _refused(started, "review", "return", "--unit", "340123", "--by", "李审核")
    assert "审核通过" in _ok(started, "review", "approve", "--unit", "340123", "--by", "李审核",
                             "--on", "2026-05-14")

    doc = json.loads(_ok(started, "gates", "explain", "--unit", "340123", "--as-of", "2026-05-14",
                         "--format", "json"))
    filed = next(c for c in doc["gate"]["criteria"] if c["code"] == "filed")
    assert filed["met"] and filed["evidence"][0]["by"] == "李审核"
    materials = next(c for c in doc["gate"]["criteria"] if c["code"] == "materials_submitted")
    assert materials["flags"] == []   # the short plan replaced the long one


def test_a_provider_with_a_wrong_credit_check_digit_is_refused_naming_sheet_and_row(started, tmp_path):
    unit = next(u for u in UNITS if u.city_code == "340100")
    dossier = demo_dossier(FEIXI, unit, dt.date(2026, 5, 25), demo_credit_code)
    good = dossier.candidates[0].credit_code
    bad_code = good[:17] + ("0" if good[17] != "0" else "1")
    bad = dataclasses.replace(dossier, candidates=(
        dataclasses.replace(dossier.candidates[0], credit_code=bad_code), *dossier.candidates[1:]))
    path = tmp_path / "遴选.xlsx"
    write_procurement_xlsx(path, bad)
    error = _refused(started, "procurement", "import", str(path), "--on", "2026-05-26")
    assert "校验位错误" in error and "候选机构" in error and "第 2 行" in error


def test_an_unknown_archive_kind_and_a_missing_file_are_refused(started):
    doc = started / "公告.pdf"
    doc.write_bytes(b"%PDF-1.4")
    error = _refused(started, "archive", "add", "--unit", "340123", "--kind", "招标书", str(doc))
    assert "未知的档案类别" in error and "award_notice" in error
    error = _refused(started, "archive", "add", "--unit", "340123", "--kind", "announcement",
                     str(started / "nothing.pdf"))
    assert "文件不存在" in error
    assert "采购公告" in _ok(started, "archive", "add", "--unit", "340123", "--kind", "采购公告", str(doc),
                             "--on", "2026-05-20")
    error = _refused(started, "archive", "add", "--unit", "340123", "--kind", "中标公示", str(doc),
                     "--on", "2026-05-21")
    assert "已作为“采购公告”登记过" in error and "不能再登记为“中标公示”" in error
