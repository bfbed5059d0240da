"""附件1 推荐表 in Word and Excel: templates, round trips, and every problem reported where it is."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

import docx
import openpyxl
import pytest

from models.errors import InputError, Problem
from models.forms import RecommendationForm
from tasks.forms.recommendation import read_recommendation_file, split_contact
from tasks.forms.recommendation_docx import (
    CODE,
    CONTACT,
    OPINION,
    REASON,
    read_recommendation_docx,
    write_recommendation_docx,
)
from tasks.forms.recommendation_xlsx import (
    HEADERS,
    SHEET,
    read_recommendation_xlsx,
    write_recommendation_xlsx,
)

FEIXI = RecommendationForm(
    unit_name="肥西县总工会", contact_name="张三", contact_phone="13912345678",
    basic_situation="肥西县总工会现有专职工会干部 12 人。\n建有职工法律一站式服务中心。",
    reason="劳动争议案件多发，2025 年受理职工法律咨询 860 余件。", city_opinion="同意推荐。",
    unit_code="340123", city_name="合肥市", stamped_by="合肥市总工会", stamped_on=dt.date(2026, 5, 8))
JINGHU = replace(FEIXI, unit_name="镜湖区总工会", contact_name="李四", contact_phone="0553-1234567",
                 unit_code="340202", city_name="芜湖市", stamped_by="芜湖市总工会", stamped_on=None)
NOTICE_LABELS = ("项目实施 单位名称", "联系人和 联系方式", "单位基本 情况", "推荐理由",
                 "各市总工\n会推荐意\n见（盖章）")


def word_form(path: Path, rows: list[tuple[str, str]]) -> Path:
    """A .docx holding one 2-column table of (label, value) rows, as a person might make it."""
    document = docx.Document()
    document.add_paragraph("实施项目单位推荐表")
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.save(str(path))
    return path


def notice_form(path: Path, **changes: str) -> Path:
    """The notice's own five-row form (labels broken by spaces/newlines), filled with FEIXI."""
    values = {"unit": "肥西县总工会", "contact": "张三 13912345678", "basic": FEIXI.basic_situation,
              "reason": FEIXI.reason, "opinion": "同意推荐。\n合肥市总工会\n2026年5月9日"} | changes
    return word_form(path, list(zip(NOTICE_LABELS, values.values(), strict=True)))


def sheet_form(path: Path, rows: list[list[object]], headers: tuple[str, ...] = HEADERS) -> Path:
    """An .xlsx with a 推荐表 sheet of the given header and rows (openpyxl, like a hand-made file)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    book.save(str(path))
    return path


def row_of(form: RecommendationForm) -> list[object]:
    return [form.city_name, form.unit_code, form.unit_name, form.contact_name, form.contact_phone,
            form.basic_situation, form.reason, form.city_opinion, form.stamped_by, form.stamped_on]


def problems_of(call, *args) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        call(*args)
    return caught.value.problems


def where(problems: list[Problem]) -> list[tuple[int | None, str]]:
    return [(p.row, p.column) for p in problems]


# ---- Word ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", [FEIXI, JINGHU], ids=["mobile-and-date", "landline-no-date"])
def test_a_filled_word_form_reads_back_equal_to_what_was_written(tmp_path, form):
    path = tmp_path / "推荐表.docx"
    write_recommendation_docx(path, form)
    assert read_recommendation_docx(path) == form


def test_the_word_template_has_the_notice_rows_in_order_then_ours_and_a_note_on_the_code(tmp_path):
    path = tmp_path / "模板.docx"
    write_recommendation_docx(path)
    document = docx.Document(str(path))
    labels = [row.cells[0].text for row in document.tables[0].rows]
    assert labels == ["项目实施单位名称", "联系人和联系方式", "单位基本情况", "推荐理由",
                      "各市总工会推荐意见（盖章）", "盖章日期", "推荐城市", "县（区）行政区划代码"]
    assert "实施项目单位推荐表" in [p.text for p in document.paragraphs]
    assert any("GB/T 2260" in p.text and "留空" in p.text for p in document.paragraphs)
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "宋体"


def test_the_blank_word_template_reads_as_one_problem_per_missing_required_field(tmp_path):
    path = tmp_path / "模板.docx"
    write_recommendation_docx(path)
    problems = problems_of(read_recommendation_docx, path)
    assert [(p.column, p.reason.split("（")[0]) for p in problems] == [
        ("项目实施单位名称", "未填写项目实施单位名称"),
        (CONTACT, "未填写联系人"), (CONTACT, "未填写联系电话"),
        ("单位基本情况", "未填写单位基本情况"),
        (REASON, "未填写推荐理由"),
        (OPINION, "未填写市总工会推荐意见")]
    assert all(p.file == "模板.docx" for p in problems)


def test_the_notices_own_form_with_labels_broken_by_spaces_and_line_breaks_is_read(tmp_path):
    form = read_recommendation_docx(notice_form(tmp_path / "原表.docx"))
    assert (form.unit_name, form.contact_name, form.contact_phone) == ("肥西县总工会", "张三", "13912345678")
    assert form.city_opinion == "同意推荐。\n合肥市总工会\n2026年5月9日"


def test_without_city_and_date_rows_the_opinion_gives_the_stamping_union_its_city_and_the_date(tmp_path):
    form = read_recommendation_docx(notice_form(tmp_path / "原表.docx"))
    assert form.stamped_by == "合肥市总工会"
    assert (form.city_name, form.stamped_on) == ("合肥市", dt.date(2026, 5, 9))


def test_the_stamping_union_defaults_to_the_recommending_citys_union(tmp_path):
    values = ["肥西县总工会", "张三 13912345678", "情况", "理由", "同意推荐"]
    rows = list(zip(NOTICE_LABELS, values, strict=True))
    form = read_recommendation_docx(word_form(tmp_path / "a.docx", [*rows, ("推荐城市", "合肥")]))
    assert (form.city_name, form.stamped_by, form.stamped_on) == ("合肥市", "合肥市总工会", None)


@pytest.mark.parametrize(
    "written, stamped_on",
    [
        ("2026-05-08", dt.date(2026, 5, 8)),
        ("2026年5月8日", dt.date(2026, 5, 8)),
        ("2026 年 5 月 8 日", dt.date(2026, 5, 8)),
        ("2026/5/8", dt.date(2026, 5, 8)),
        ("２０２６年５月８日", dt.date(2026, 5, 8)),
        ("    年  月  日", dt.date(2026, 5, 9)),  # left as the template: the opinion's date is used
    ],
)
def test_the_stamp_date_is_read_in_each_usual_way_of_writing_it(tmp_path, written, stamped_on):
    values = ["肥西县总工会", "张三 13912345678", "情况", "理由", "同意推荐。2026年5月9日"]
    rows = [*zip(NOTICE_LABELS, values, strict=True), ("盖章日期", written)]
    path = word_form(tmp_path / "a.docx", rows)
    assert read_recommendation_docx(path).stamped_on == stamped_on


@pytest.mark.parametrize(
    "contact, name, phone",
    [
        ("张三 13912345678", "张三", "13912345678"),
        ("李四，电话：0551-12345678", "李四", "0551-12345678"),
        ("王五（办公室主任） 手机：139 1234 5678", "王五（办公室主任）", "13912345678"),
        ("赵六 ０５５１－６２３４５６７８", "赵六", "0551-62345678"),
        ("联系人：钱七\n联系电话：18655112233", "钱七", "18655112233"),
    ],
)
def test_the_contact_cell_is_split_into_name_and_phone(tmp_path, contact, name, phone):
    form = read_recommendation_docx(notice_form(tmp_path / "a.docx", contact=contact))
    assert (form.contact_name, form.contact_phone) == (name, phone)


@pytest.mark.parametrize(
    "contact, reason",
    [
        ("张三", "未填写联系电话"),
        ("张三 1391234567", "联系电话“1391234567”格式不对"),
        ("张三 23912345678", "联系电话“23912345678”格式不对"),
        ("13912345678", "未填写联系人"),
    ],
)
def test_a_contact_without_a_valid_phone_or_a_name_is_a_problem_on_that_row(tmp_path, contact, reason):
    [problem] = problems_of(read_recommendation_docx, notice_form(tmp_path / "a.docx", contact=contact))
    assert problem.column == CONTACT
    assert problem.reason.startswith(reason)


def test_a_missing_reason_is_the_only_problem_and_names_its_row(tmp_path):
    [problem] = problems_of(read_recommendation_docx, notice_form(tmp_path / "a.docx", reason=" \n "))
    assert (problem.column, problem.reason) == (REASON, "未填写推荐理由")
    assert str(problem) == "文件 a.docx，“推荐理由”：未填写推荐理由"


@pytest.mark.parametrize(
    "code, city, reason",
    [
        ("34012", "合肥市", "应为 6 位数字"),
        ("110101", "合肥市", "不是安徽省的县（区）行政区划代码"),
        ("340202", "合肥市", "代码 340202 是芜湖市镜湖区，与推荐城市“合肥市”不一致"),
    ],
)
def test_a_wrong_county_code_is_a_problem_saying_why(tmp_path, code, city, reason):
    write_recommendation_docx(tmp_path / "a.docx", replace(FEIXI, unit_code=code, city_name=city))
    [problem] = problems_of(read_recommendation_docx, tmp_path / "a.docx")
    assert problem.column == CODE
    assert reason in problem.reason


def test_several_problems_in_one_word_form_are_reported_together(tmp_path):
    form = replace(FEIXI, contact_phone="12345", reason="", city_name="北京市", unit_code="")
    write_recommendation_docx(tmp_path / "a.docx", form)
    problems = problems_of(read_recommendation_docx, tmp_path / "a.docx")
    assert [p.column for p in problems] == [CONTACT, REASON, "推荐城市"]   # in the form's order
    assert problems[0].reason.startswith("联系电话“12345”格式不对")


def test_a_word_file_without_a_table_says_no_form_was_found(tmp_path):
    document = docx.Document()
    document.add_paragraph("项目实施单位名称：肥西县总工会")
    document.save(str(tmp_path / "a.docx"))
    [problem] = problems_of(read_recommendation_docx, tmp_path / "a.docx")
    assert problem.reason.startswith("未找到推荐表表格")


# ---- Excel ---------------------------------------------------------------------------------------


def test_filled_spreadsheet_rows_read_back_equal_with_their_sheet_and_row(tmp_path):
    path = tmp_path / "推荐表.xlsx"
    write_recommendation_xlsx(path, [FEIXI, JINGHU])
    assert read_recommendation_xlsx(path) == [replace(FEIXI, sheet=SHEET, row=2),
                                              replace(JINGHU, sheet=SHEET, row=3)]


def test_the_spreadsheet_template_has_the_headers_a_city_dropdown_dates_and_instructions(tmp_path):
    path = tmp_path / "模板.xlsx"
    write_recommendation_xlsx(path, [FEIXI])
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    assert book.sheetnames == [SHEET, "填写说明"]
    assert tuple(c.value for c in sheet[1]) == HEADERS
    [city_list, _date] = sheet.data_validations.dataValidation
    assert str(city_list.sqref).startswith("A2:A") and city_list.formula1.count(",") == 15
    assert "合肥市" in city_list.formula1 and "宣城市" in city_list.formula1
    assert sheet["J2"].number_format == "yyyy-mm-dd" and sheet["J2"].value.date() == dt.date(2026, 5, 8)
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["A"].width
    assert any("行政区划代码" in (c.value or "") for c in book["填写说明"]["A"])


def test_the_empty_spreadsheet_template_says_no_unit_was_filled_in(tmp_path):
    write_recommendation_xlsx(tmp_path / "模板.xlsx")
    [problem] = problems_of(read_recommendation_xlsx, tmp_path / "模板.xlsx")
    assert (problem.sheet, problem.row) == (SHEET, 2)
    assert "没有填写任何推荐单位" in problem.reason


def test_a_renamed_column_is_named_with_the_header_row(tmp_path):
    headers = tuple("电话" if h == "联系电话" else h for h in HEADERS)
    path = sheet_form(tmp_path / "a.xlsx", [row_of(FEIXI)], headers)
    [problem] = problems_of(read_recommendation_xlsx, path)
    assert (problem.sheet, problem.row) == (SHEET, 1)
    assert problem.reason.startswith("缺少列“联系电话”")


def test_the_optional_columns_may_be_left_out(tmp_path):
    headers = tuple(h for h in HEADERS if h not in ("县（区）行政区划代码", "盖章单位", "盖章日期"))
    row = [FEIXI.city_name, *row_of(FEIXI)[2:8]]
    [form] = read_recommendation_xlsx(sheet_form(tmp_path / "a.xlsx", [row], headers))
    assert (form.unit_code, form.stamped_by, form.stamped_on) == ("", "合肥市总工会", None)


def test_a_sheet_with_another_name_is_reported_with_the_names_present(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.save(str(tmp_path / "a.xlsx"))
    [problem] = problems_of(read_recommendation_xlsx, tmp_path / "a.xlsx")
    assert problem.reason == "缺少工作表“推荐表”（现有：Sheet1）"


def test_phone_numbers_typed_as_numbers_and_dates_typed_as_text_are_accepted(tmp_path):
    row = row_of(FEIXI)
    row[4], row[9] = 13912345678, "2026年5月8日"
    second = [*row_of(JINGHU)[:4], "139-1234-5678", *row_of(JINGHU)[5:]]
    [form, hyphenated] = read_recommendation_xlsx(sheet_form(tmp_path / "a.xlsx", [row, second]))
    assert (form.contact_phone, form.stamped_on) == ("13912345678", dt.date(2026, 5, 8))
    assert hyphenated.contact_phone == "13912345678"


def test_every_bad_row_is_reported_at_once_with_its_row_and_column(tmp_path):
    bad_phone, no_reason, bad_date_city = row_of(FEIXI), row_of(JINGHU), row_of(FEIXI)
    bad_phone[4] = "139-1234"
    no_reason[6] = None
    bad_date_city[0], bad_date_city[9] = "北京市", "五月八日"
    rows = [row_of(FEIXI), bad_phone, no_reason, [None] * 10, bad_date_city]
    problems = problems_of(read_recommendation_xlsx, sheet_form(tmp_path / "a.xlsx", rows))
    assert where(problems) == [(3, "联系电话"), (4, "推荐理由"), (6, "推荐城市"), (6, "盖章日期")]
    assert all(p.sheet == SHEET for p in problems)
    assert "联系电话“139-1234”格式不对" in problems[0].reason


# ---- Both, and the dispatch ----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_random_bytes_are_reported_as_a_damaged_file(tmp_path, suffix):
    path = tmp_path / f"a{suffix}"
    path.write_bytes(b"\x00" + os.urandom(2047))  # a leading "<" would read as XML text
    [problem] = problems_of(read_recommendation_file, path)
    assert "已损坏" in problem.reason
    assert problem.file == path.name


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
@pytest.mark.parametrize("content, reason", [(b"", "文件为空"), (None, "文件不存在")])
def test_an_empty_or_missing_file_is_reported_as_such(tmp_path, suffix, content, reason):
    path = tmp_path / f"a{suffix}"
    if content is not None:
        path.write_bytes(content)
    [problem] = problems_of(read_recommendation_file, path)
    assert problem.reason == reason


def test_a_spreadsheet_named_docx_is_not_taken_for_a_word_file(tmp_path):
    write_recommendation_xlsx(tmp_path / "a.xlsx", [FEIXI])
    (tmp_path / "a.xlsx").rename(tmp_path / "a.docx")
    [problem] = problems_of(read_recommendation_file, tmp_path / "a.docx")
    assert "不是 Word（.docx）文件" in problem.reason


@pytest.mark.parametrize("name", ["推荐表.pdf", "推荐表.DOC", "推荐表"])
def test_other_file_types_are_refused_with_the_types_accepted(tmp_path, name):
    [problem] = problems_of(read_recommendation_file, tmp_path / name)
    suffix = Path(name).suffix.lower() or "（无扩展名）"
    assert problem.reason == f"不支持的文件类型 {suffix}（请使用 .docx 或 .xlsx）"


@pytest.mark.parametrize(
    "name, write, expected",
    [
        ("a.docx", lambda p: write_recommendation_docx(p, FEIXI), [FEIXI]),
        ("a.XLSX", lambda p: write_recommendation_xlsx(p, [FEIXI, JINGHU]),
         [replace(FEIXI, sheet=SHEET, row=2), replace(JINGHU, sheet=SHEET, row=3)]),
    ],
)
def test_the_file_type_picks_the_reader(tmp_path, name, write, expected):
    write(tmp_path / name)
    assert read_recommendation_file(tmp_path / name) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("张三13912345678", ("张三", "13912345678")),
        ("张三 +86 139 1234 5678", ("张三", "13912345678")),
        ("张三", ("张三", "")),
        ("", ("", "")),
    ],
)
def test_split_contact_finds_the_phone_wherever_it_is(text, expected):
    assert split_contact(text) == expected
