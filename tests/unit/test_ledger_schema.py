"""The ledger workbook's sheets and columns: complete, consistent with the notice and the config."""

from __future__ import annotations

import re

import pytest

from config.loader import default_config_path, load_programme_config
from models.enums import Category
from models.ledger_schema import CATEGORY_LABELS, KINDS, SHEETS, Column, sheet_for

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_there_is_one_sheet_per_category_named_as_the_task_list_names_it() -> None:
    assert [s.category for s in SHEETS] == list(Category)
    assert {s.category: s.name for s in SHEETS} == CATEGORY_LABELS


def test_every_sheet_starts_with_the_common_columns_and_ends_with_notes() -> None:
    for sheet in SHEETS:
        head = [(c.key, c.header, c.kind, c.required) for c in sheet.columns[:4]]
        assert head == [("ledger_id", "台账编号", "text", False), ("unit_code", "单位代码", "text", True),
                        ("occurred_on", "日期", "date", True), ("title", "事项名称", "text", True)], \
            sheet.name
        assert (sheet.columns[-1].header, sheet.columns[-1].required) == ("备注", False), sheet.name


def test_headers_and_keys_are_unique_within_each_sheet_and_kinds_are_known() -> None:
    for sheet in SHEETS:
        assert len(set(sheet.headers)) == len(sheet.columns), sheet.name
        assert len({c.key for c in sheet.columns}) == len(sheet.columns), sheet.name
        assert {c.kind for c in sheet.columns} <= KINDS


def test_exactly_the_workers_personal_data_is_flagged_personal() -> None:
    personal = {s.category: {c.header for c in s.columns if c.personal} for s in SHEETS}
    assert personal == {
        Category.publicity: set(),
        Category.labour_supervision: {"职工姓名", "联系电话", "身份证号"},
        Category.legal_aid: {"职工姓名", "联系电话", "身份证号", "住址"},
        Category.collective_bargaining: set(),
        Category.legality_review: set(),
        Category.other: set(),
        Category.employment_health_check: set(),
    }
    assert sheet_for("legal_aid").column("worker_name").required
    assert sheet_for("legal_aid").column("worker_name").shown_header == "职工姓名★"


def test_every_choice_has_a_unique_code_and_a_unique_chinese_label() -> None:
    choice_columns = [c for s in SHEETS for c in s.columns if c.kind == "choice"]
    assert len(choice_columns) == 8
    for column in choice_columns:
        codes = [code for code, _ in column.choices]
        labels = [label for _, label in column.choices]
        assert all(re.fullmatch(r"[a-z_]+", code) for code in codes), column.header
        assert all(CJK.search(label) for label in labels), column.header
        assert len(set(codes)) == len(codes) and len(set(labels)) == len(labels), column.header


def test_the_notice_wording_is_offered_as_choices() -> None:
    labels = {c.header: [label for _, label in c.choices] for s in SHEETS for c in s.columns if c.choices}
    assert labels["形式"] == ["普法讲座", "现场普法", "法治宣讲", "其他"]
    assert labels["文书"] == ["受理投诉举报", "实地调查", "提示函", "意见书", "建议书"]
    assert labels["监督事项"] == ["劳动合同", "薪酬支付", "加班加点", "社会保险", "劳动保护", "其他"]
    assert labels["服务类型"] == ["法律咨询", "代写法律文书", "协商调解", "代理仲裁", "代理诉讼"]


def test_the_five_venues_are_those_of_the_programme_config() -> None:
    config = load_programme_config(default_config_path(2026))
    venue = sheet_for(Category.publicity).column("venue")
    assert venue.choices == tuple((v.code, v.name) for v in config.venues)


def test_natural_keys_and_subtypes_are_as_specified() -> None:
    keys = {s.category: s.key_columns for s in SHEETS}
    assert keys[Category.publicity] == ("unit_code", "occurred_on", "title")
    assert keys[Category.labour_supervision] == ("unit_code", "case_no", "document")
    assert keys[Category.legal_aid] == ("unit_code", "occurred_on", "service", "worker_name")
    for category in (Category.collective_bargaining, Category.legality_review, Category.other,
                     Category.employment_health_check):
        assert keys[category] == ("unit_code", "occurred_on", "title")
    subtypes = {s.category: s.subtype for s in SHEETS}
    assert subtypes == {
        Category.publicity: "format", Category.labour_supervision: "document", Category.legal_aid: "service",
        Category.collective_bargaining: "mode", Category.legality_review: "subject", Category.other: "kind",
        Category.employment_health_check: "",
    }
    for sheet in SHEETS:
        assert all(sheet.column(k).required for k in sheet.key_columns), sheet.name
        if sheet.subtype:
            assert sheet.column(sheet.subtype).kind == "choice"


def test_counts_and_amounts_have_upper_limits() -> None:
    assert sheet_for("publicity").column("participants").maximum == 100_000
    assert sheet_for("employment_health_check").column("issues").maximum == 10_000
    assert sheet_for("legal_aid").column("amount").maximum == 10_000_000
    assert sheet_for("legal_aid").column("amount").maximum * 100 < 2**31  # fits amount_fen (int32)


def test_sheet_for_accepts_the_enum_or_its_value_and_refuses_others() -> None:
    assert sheet_for(Category.other) is sheet_for("other")
    with pytest.raises(ValueError):
        sheet_for("mediation")


def test_a_column_of_unknown_kind_or_with_misplaced_choices_is_refused() -> None:
    with pytest.raises(ValueError):
        Column("x", "某列", "number", False)
    with pytest.raises(ValueError):
        Column("x", "某列", "text", False, choices=(("a", "甲"),))
    with pytest.raises(ValueError):
        Column("x", "某列", "choice", False)
