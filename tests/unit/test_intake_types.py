"""The intake data: a received file needs content or a path; a receipt reads as plain Chinese."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from models.errors import Problem
from models.intake import Counts, IntakeKind, Receipt, ReceivedFile

DAY = dt.date(2026, 9, 10)
AT = dt.datetime(2026, 9, 10, 9, 30)


def test_received_file_needs_exactly_one_of_content_or_path():
    with pytest.raises(ValueError):
        ReceivedFile(name="a.xlsx", received_on=DAY, registered_at=AT, registered_by="x")
    with pytest.raises(ValueError):
        ReceivedFile(name="a.xlsx", received_on=DAY, registered_at=AT, registered_by="x",
                     content=b"1", path=Path("a.xlsx"))
    assert ReceivedFile(name="a.xlsx", received_on=DAY, registered_at=AT, registered_by="x",
                        content=b"1").sender is None


def test_registered_receipt_names_kind_unit_counts_and_skipped_rows():
    bad = Problem("台账.xlsx", "日期不在项目期内", sheet="法治宣传", row=5, column="日期")
    r = Receipt(file="台账.xlsx", ok=True, kind=IntakeKind.ledger, unit="340123", unit_name="肥西县",
                counts=Counts(3, 1, 2), problems=(bad,), rejects=Path("/x/台账.rejects.xlsx"))
    text = "\n".join(r.lines())
    assert text.startswith("已收到并登记“台账.xlsx”：工作台账，肥西县（340123）")
    assert "新增 3 条，更新 1 条，未变 2 条" in text
    assert "工作表“法治宣传”，第 5 行，“日期”：日期不在项目期内" in text
    assert "台账.rejects.xlsx" in text and "legalcap" not in text


def test_refused_receipt_lists_every_problem_and_what_to_do():
    probs = (Problem("f.xlsx", "缺少金额", row=3), Problem("f.xlsx", "日期有误", row=4))
    r = Receipt(file="f.xlsx", ok=False, kind=IntakeKind.funds, problems=probs)
    lines = r.lines()
    assert r.refused and lines[0] == "未能登记“f.xlsx”（经费支出登记表），原因如下："
    assert lines[1].startswith("1. 文件 f.xlsx，第 3 行") and lines[2].startswith("2. ")
    assert lines[-1] == "请按上述问题修改后重新报送。"


def test_held_receipt_says_the_province_will_classify():
    r = Receipt(file="scan.pdf", ok=False, held=True, held_reason="无法确定材料类别")
    assert not r.refused
    assert r.lines() == ["已收到“scan.pdf”，无法确定材料类别，已转省总工会人工确认后登记，请勿重复报送。"]
