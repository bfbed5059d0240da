"""`legalcap intake FILE...` through the console script: receipts printed, held files listed, exit 2 on a
refusal with the database unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from config.divisions import county_by_name
from models.db import make_engine
from tasks.demo.documents import demo_recommendation
from tasks.forms.recommendation_docx import write_recommendation_docx
from tests.e2e.conftest import run_cli
from tests.support.database import database_fingerprint

MAY_8 = dt.date(2026, 5, 8)


@pytest.fixture(scope="module")
def started(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("intake")
    result = run_cli(home, "programme", "start", "--year", "2026")
    assert result.returncode == 0, result.stderr
    return home


def _form(folder: Path, county: str, **changes) -> Path:
    path = folder / f"{county}推荐.docx"
    form = demo_recommendation(county_by_name("340100", county), MAY_8)
    write_recommendation_docx(path, dataclasses.replace(form, **changes))
    return path


def test_a_good_form_is_registered_and_an_unknown_file_held(started):
    note = started / "说明.txt"
    note.write_text("请查收。", encoding="utf-8")
    result = run_cli(started, "intake", str(_form(started, "肥西县")), str(note), "--on", "2026-05-08",
                     "--from", "clerk@example.cn")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "已收到并登记“肥西县推荐.docx”：推荐表（附件1），肥西县（340123）。" in out
    assert "登记情况：新增 1 条" in out
    assert "待确认（未登记）：说明.txt" in out
    assert "共 2 个文件：已登记 1 个，未能登记 0 个，待确认 1 个" in out


def test_a_refused_form_exits_2_with_its_located_problems_and_changes_nothing(started):
    engine = make_engine(f"sqlite:///{started / 'legalcap.db'}")
    before = database_fingerprint(engine)
    bad = _form(started, "长丰县", basic_situation="")
    result = run_cli(started, "intake", str(bad), "--on", "2026-05-09")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "未能登记“长丰县推荐.docx”（推荐表（附件1）），原因如下：" in result.stdout
    assert "1. 文件 长丰县推荐.docx，“单位基本情况”" in result.stdout
    assert database_fingerprint(engine) == before
    engine.dispose()
