"""Intake tells a file's kind by its content (sheets, headers, title), then its name, then the subject."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter

from config.divisions import county_by_name
from models.enums import ArchiveKind
from models.intake import IntakeKind
from models.intake_keywords import named_kind
from tasks.demo.documents import demo_recommendation
from tasks.forms.funds_xlsx import write_funds_template
from tasks.forms.ledger_xlsx import write_ledger_template
from tasks.forms.procurement_xlsx import write_procurement_xlsx
from tasks.forms.recommendation_docx import write_recommendation_docx
from tasks.forms.recommendation_xlsx import write_recommendation_xlsx
from tasks.forms.workplan import write_workplan_docx
from tasks.intake.classify import classify, header_kind, workbook_kind

FEIXI = county_by_name("340100", "肥西县")
WRITERS = {
    "附件1.docx": (lambda p: write_recommendation_docx(p), IntakeKind.recommendation),
    "附件1.xlsx": (lambda p: write_recommendation_xlsx(p), IntakeKind.recommendation),
    "附件2.docx": (lambda p: write_workplan_docx(p), IntakeKind.workplan),
    "遴选.xlsx": (write_procurement_xlsx, IntakeKind.procurement),
    "台账.xlsx": (lambda p: write_ledger_template(p), IntakeKind.ledger),
    "经费.xlsx": (lambda p: write_funds_template(p), IntakeKind.funds),
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_every_template_is_recognised_by_its_content_under_any_name(name, tmp_path):
    write, kind = WRITERS[name]
    path = tmp_path / "新建文件（3）.xlsx"
    path = path.with_suffix(Path(name).suffix)
    write(path)
    sniffed = classify(path, path.name)
    assert (sniffed.kind, sniffed.by) == (kind, "content")


def test_content_wins_over_a_misleading_file_name_and_subject(tmp_path):
    path = tmp_path / "工作总结.xlsx"
    write_ledger_template(path)
    assert classify(path, path.name, "采购公告").kind == IntakeKind.ledger


def _book(path: Path, sheets: dict[str, list[str]]) -> Path:
    with xlsxwriter.Workbook(str(path)) as book:
        for name, header in sheets.items():
            book.add_worksheet(name).write_row(0, 0, header)
    return path


def test_a_renamed_sheet_is_recognised_by_its_header_row(tmp_path):
    path = _book(tmp_path / "x.xlsx", {"Sheet1": ["单位代码", "支出日期", "金额(元)", "用途", "凭证号"]})
    assert classify(path, path.name).kind == IntakeKind.funds


def test_sheets_of_two_templates_in_one_book_are_held(tmp_path):
    path = _book(tmp_path / "合并.xlsx", {"经费支出": ["单位代码"], "法治宣传教育": ["台账编号"]})
    sniffed = classify(path, path.name)
    assert sniffed.kind is None and sniffed.reason


def test_an_unknown_workbook_is_named_by_its_file_name_else_held(tmp_path):
    path = _book(tmp_path / "肥西县服务合同.xlsx", {"Sheet1": ["甲方", "乙方"]})
    sniffed = classify(path, path.name)
    assert (sniffed.kind, sniffed.archive_kind, sniffed.by) == (IntakeKind.archive,
                                                                 ArchiveKind.service_contract, "name")
    other = _book(tmp_path / "新建 Microsoft Excel 工作表.xlsx", {"Sheet1": ["甲方", "乙方"]})
    assert classify(other, other.name).kind is None


def test_the_workplan_names_its_unit(tmp_path):
    path = tmp_path / "方案.docx"
    write_workplan_docx(path, unit_name="合肥市肥西县总工会")
    sniffed = classify(path, path.name)
    assert (sniffed.kind, sniffed.unit) == (IntakeKind.workplan, "340123")


def test_a_filled_recommendation_docx_is_recognised(tmp_path):
    path = tmp_path / "扫描件.docx"
    write_recommendation_docx(path, demo_recommendation(FEIXI, dt.date(2026, 5, 8)))
    assert classify(path, path.name).kind == IntakeKind.recommendation


def test_a_report_is_told_by_its_title_and_its_unit_by_the_county_it_names(tmp_path):
    path = tmp_path / "材料.md"
    path.write_text("# 肥西县总工会法律能力提升项目工作总结\n\n一、基本情况：……\n", encoding="utf-8")
    sniffed = classify(path, path.name)
    assert (sniffed.kind, sniffed.unit, sniffed.by) == (IntakeKind.summary, "340123", "content")


def test_a_pdf_is_told_by_its_name_else_by_the_subject_else_held(tmp_path):
    path = tmp_path / "扫描0001.pdf"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n")
    assert classify(path, path.name).kind is None
    by_subject = classify(path, path.name, "回复：肥西县中标公示")
    assert (by_subject.kind, by_subject.archive_kind, by_subject.by) == (
        IntakeKind.archive, ArchiveKind.award_notice, "subject")
    named = tmp_path / "成果报告（定稿）.pdf"
    path.rename(named)
    assert classify(named, named.name, "采购公告").kind == IntakeKind.results


@pytest.mark.parametrize(("text", "kind"), [
    ("关于落实工作方案情况的工作总结", IntakeKind.summary),
    ("法律服务合同", IntakeKind.archive),
    ("比价纪要", IntakeKind.archive),
    ("Re: 回复：2026年度工作台账", IntakeKind.ledger),
    ("肥西县 经费 支出 登记", IntakeKind.funds),
    ("通知", None),
    ("督导纪要", None),
    ("劳动合同法专题讲座", None),
    ("经费使用情况说明", None),
])
def test_the_keyword_ending_last_names_the_kind(text, kind):
    named = named_kind(text)
    assert (named[0] if named else None) == kind


def test_header_kind_needs_three_shared_headers_and_a_clear_winner():
    assert header_kind(["台账编号", "单位代码", "日期", "事项名称", "五进场所"]) == IntakeKind.ledger
    assert header_kind(["单位代码", "日期"]) is None
    assert workbook_kind({}) is None


def test_an_encrypted_file_of_no_known_kind_is_refused_with_what_to_do_not_held(tmp_path):
    from models.intake import ReceivedFile
    from tasks.file_kinds import ENCRYPTED_MARK, OLE_MAGIC
    from tasks.intake.route import route

    path = tmp_path / "材料.xlsx"
    path.write_bytes(OLE_MAGIC + b"\0" * 512 + ENCRYPTED_MARK + b"\0" * 512)
    assert classify(path, "附件.dat").unreadable.startswith("文件设有打开密码")
    got = route(ReceivedFile(name="附件.dat", path=path, received_on=dt.date(2026, 5, 8),
                             registered_at=dt.datetime(2026, 5, 8, 9), registered_by="测试"), None)
    assert got.refused and "请取消密码" in got.problems[0].reason


@pytest.mark.parametrize(("text", "kind", "archive"), [
    ("summary", IntakeKind.summary, None), ("工作总结", IntakeKind.summary, None),
    ("award_notice", IntakeKind.archive, ArchiveKind.award_notice),
    ("中标公示", IntakeKind.archive, ArchiveKind.award_notice), ("archive", None, None), ("随便", None, None),
])
def test_the_kind_a_person_decides_is_a_code_or_a_chinese_name(text, kind, archive):
    from models.intake_keywords import decided_kind

    assert decided_kind(text) == ((kind, archive) if kind else None)


def test_an_unknown_decided_kind_is_refused_naming_the_choices(tmp_path):
    from models.intake import ReceivedFile
    from tasks.intake.route import route

    path = tmp_path / "扫描.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    got = route(ReceivedFile(name=path.name, path=path, received_on=dt.date(2026, 5, 8), kind="照片",
                             registered_at=dt.datetime(2026, 5, 8, 9), registered_by="测试"), None)
    reason = got.problems[0].reason
    assert got.refused and "未知的材料类别“照片”" in reason and "中标公示" in reason


def test_a_workbook_too_big_unpacked_is_not_opened_for_its_headers(tmp_path, monkeypatch):
    import tasks.intake.classify as classify_module

    path = _book(tmp_path / "x.xlsx", {"Sheet1": ["单位代码", "支出日期", "金额(元)", "用途", "凭证号"]})
    monkeypatch.setattr(classify_module, "MAX_UNPACKED_FOR_HEADERS", 100)
    monkeypatch.setattr(classify_module, "_first_row", lambda *_: pytest.fail("opened"))
    assert classify(path, path.name).kind is None
