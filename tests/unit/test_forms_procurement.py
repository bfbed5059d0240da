"""The procurement dossier workbook: template, round trip, and every refusal with its place."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from models.credit_code import CHARSET, check_character
from models.dossier_values import parse_weekdays
from models.enums import Category, DutyKind, ProcurementMethod
from models.errors import InputError, Problem
from models.forms import SCORE_DIMENSIONS, Candidate, ProcurementDossier, TaskRow, TeamMemberRow
from models.values import date_formats_text, parse_fen
from tasks.forms.procurement_xlsx import (
    CANDIDATE_SHEET,
    HELP_SHEET,
    INFO_SHEET,
    TASK_SHEET,
    TEAM_SHEET,
    read_procurement_xlsx,
    write_procurement_xlsx,
)

D = dt.date


def code(body: str) -> str:
    """A valid 统一社会信用代码 from its first 17 characters."""
    return body + check_character(body)


def candidate(name: str, body: str, scores: tuple[float, ...], winner: bool = False) -> Candidate:
    by_dimension = dict(zip(SCORE_DIMENSIONS, scores, strict=True))
    return Candidate(name, code(body), by_dimension, round(sum(scores), 2), winner)


CANDIDATES = (
    candidate("安徽皖法律师事务所", "31340000MD0123456", (18.5, 17.0, 16.5, 18.0, 19.0), winner=True),
    candidate("合肥天平法律服务所", "52340100MJ8765432", (16.0, 15.5, 17.0, 19.5, 16.0)),
    candidate("肥西县和信调解服务中心", "52340123MJ1234500", (14.25, 16.0, 15.0, 17.5, 15.0)),
)
DOSSIER = ProcurementDossier(
    unit_code="340123",
    method=ProcurementMethod.competitive_negotiation.value,
    decided_on=D(2026, 5, 28),
    candidates=CANDIDATES,
    contract_amount_fen=6_000_050,
    subsidy_fen=5_000_000,
    signed_on=D(2026, 6, 3),
    service_start=D(2026, 6, 5),
    service_end=D(2027, 4, 30),
    team=(
        TeamMemberRow("王建国", "团队负责人", "律师执业证 13401200910123456"),
        TeamMemberRow("李秀英", "执业律师", "律师执业证 13401201810654321"),
        TeamMemberRow("陈晓", "法律助理"),
    ),
    duty_kind=DutyKind.fixed_weekdays.value,
    duty_weekdays=(2, 4),
    tasks=(
        TaskRow(Category.publicity.value, "法治宣传“五进”活动，进企业、园区、社区、工地、校园", 12),
        TaskRow(Category.labour_supervision.value, "劳动法律监督一函两书", 10),
        TaskRow(Category.legal_aid.value, "劳动争议协商调解", 5),
        TaskRow(Category.employment_health_check.value, "企业用工体检", 8),
        TaskRow(Category.other.value, "典型案例汇编", 0),
    ),
)
ROTATION = replace(DOSSIER, duty_kind=DutyKind.rotation.value, duty_weekdays=(),
                   method=ProcurementMethod.price_comparison.value, tasks=())


def written(tmp_path: Path, dossier: ProcurementDossier | None = DOSSIER, **edits: object) -> Path:
    """The dossier written to a file, then cells changed as a person would (key 'sheet!A1')."""
    path = tmp_path / "340123-遴选档案.xlsx"
    write_procurement_xlsx(path, dossier)
    if edits:
        book = openpyxl.load_workbook(path)
        for where, value in edits.items():
            sheet, cell = where.split("!")
            book[sheet][cell] = value
        book.save(path)
    return path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        read_procurement_xlsx(path)
    return caught.value.problems


def places(problems: list[Problem]) -> set[tuple[str, int | None, str]]:
    return {(p.sheet, p.row, p.column) for p in problems}


# ---------------------------------------------------------------- template and round trip


@pytest.mark.parametrize("dossier", [DOSSIER, ROTATION], ids=["fixed weekdays", "rotation without tasks"])
def test_a_filled_dossier_reads_back_equal_to_what_was_written(tmp_path, dossier):
    assert read_procurement_xlsx(written(tmp_path, dossier)) == dossier


def test_the_read_dossier_names_the_winner_and_totals_out_of_100(tmp_path):
    dossier = read_procurement_xlsx(written(tmp_path))
    assert dossier.winner.name == "安徽皖法律师事务所"
    assert dossier.winner.total == 89.0
    assert dossier.candidates[2].total == 77.75


def test_a_blank_template_reads_as_problems_not_a_crash(tmp_path):
    problems = problems_of(written(tmp_path, None))
    assert (INFO_SHEET, 2, "单位代码") in places(problems)
    assert (INFO_SHEET, 3, "遴选方式") in places(problems)
    assert (CANDIDATE_SHEET, None, "机构名称") in places(problems)
    assert all(p.file == "340123-遴选档案.xlsx" for p in problems)


def test_the_template_has_the_instructions_first_then_the_four_sheets(tmp_path):
    book = openpyxl.load_workbook(written(tmp_path, None))
    assert book.sheetnames == [HELP_SHEET, INFO_SHEET, CANDIDATE_SHEET, TEAM_SHEET, TASK_SHEET]
    headers = [c.value for c in book[CANDIDATE_SHEET][1]]
    assert headers == ["机构名称", "统一社会信用代码", *SCORE_DIMENSIONS.values(), "总分", "是否中选"]
    assert all(book[name]["A1"].font.b for name in (INFO_SHEET, CANDIDATE_SHEET, TEAM_SHEET, TASK_SHEET))


def _dropdowns(sheet) -> dict[str, str]:
    return {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"}


@pytest.mark.parametrize(
    ("sheet", "cells", "choices"),
    [
        (INFO_SHEET, "B3", '"比价,议标,竞争性谈判,询价比选,其他合规方式"'),
        (INFO_SHEET, "B10", '"工作日轮流,每周固定"'),
        (CANDIDATE_SHEET, "I2:I201", '"是,否"'),
        (TASK_SHEET, "A2:A201",
         '"法治宣传教育,劳动法律监督,职工法律援助,参与集体协商,合法性审查,其他法律工作,企业用工体检"'),
    ],
)
def test_fixed_values_are_offered_as_dropdowns(tmp_path, sheet, cells, choices):
    book = openpyxl.load_workbook(written(tmp_path, None))
    assert _dropdowns(book[sheet])[cells] == choices


def test_date_cells_show_as_year_month_day_and_amounts_in_yuan(tmp_path):
    info = openpyxl.load_workbook(written(tmp_path))[INFO_SHEET]
    assert info["B4"].value == dt.datetime(2026, 5, 28)
    assert {info[c].number_format for c in ("B4", "B7", "B8", "B9")} == {"yyyy-mm-dd"}
    assert info["B5"].value == 60000.5
    assert info["B11"].value == "周二、周四"


def test_the_instructions_explain_credit_codes_scores_and_yuan(tmp_path):
    sheet = openpyxl.load_workbook(written(tmp_path, None))[HELP_SHEET]
    text = "\n".join(str(c.value) for c in sheet["A"] if c.value)
    for needed in ("18 位", "GB 32100", "0–20 分", "满分 100 分", "单位为元", INFO_SHEET, CANDIDATE_SHEET,
                   TEAM_SHEET, TASK_SHEET, "周二、周四"):
        assert needed in text


def test_the_total_cell_is_recomputed_not_trusted(tmp_path):
    dossier = read_procurement_xlsx(written(tmp_path, **{f"{CANDIDATE_SHEET}!H2": 99}))
    assert dossier.candidates[0].total == 89.0


@pytest.mark.parametrize(
    ("edits", "field", "expected"),
    [
        ({f"{INFO_SHEET}!B3": "negotiated_bid"}, "method", "negotiated_bid"),
        ({f"{INFO_SHEET}!B3": "询价比选"}, "method", "inquiry_selection"),
        ({f"{INFO_SHEET}!B5": "60,000.50元"}, "contract_amount_fen", 6_000_050),
        ({f"{INFO_SHEET}!B2": 340123}, "unit_code", "340123"),
        ({f"{INFO_SHEET}!B4": "2026/05/29"}, "decided_on", D(2026, 5, 29)),
        ({f"{INFO_SHEET}!B11": "星期四,星期二"}, "duty_weekdays", (2, 4)),
        ({f"{TASK_SHEET}!A2": "publicity"}, "tasks", DOSSIER.tasks),
        ({f"{CANDIDATE_SHEET}!B2": CANDIDATES[0].credit_code.lower()}, "candidates", CANDIDATES),
        ({f"{TEAM_SHEET}!A3": None, f"{TEAM_SHEET}!B3": None, f"{TEAM_SHEET}!C3": None}, "team",
         (DOSSIER.team[0], DOSSIER.team[2])),
    ],
    ids=["english method code", "chinese method label", "amount as text with comma and 元",
         "unit code as number", "date as slashed text", "weekdays as 星期 with comma, any order",
         "category as code", "lower-case credit code", "two team members are not refused here"],
)
def test_reasonable_variants_of_a_value_are_accepted(tmp_path, edits, field, expected):
    assert getattr(read_procurement_xlsx(written(tmp_path, **edits)), field) == expected


# ---------------------------------------------------------------- refusals, each with its place

WRONG_CHECK = CANDIDATES[1].credit_code[:17] + next(
    c for c in CHARSET if c != CANDIDATES[1].credit_code[17])

REFUSALS = [
    ("wrong check character", {f"{CANDIDATE_SHEET}!B3": WRONG_CHECK},
     CANDIDATE_SHEET, 3, "统一社会信用代码", f"应为 {CANDIDATES[1].credit_code[17]}"),
    ("credit code with letter O", {f"{CANDIDATE_SHEET}!B4": "52340123MJ12345O00"},
     CANDIDATE_SHEET, 4, "统一社会信用代码", "不允许的字符：O"),
    ("method 公开招标", {f"{INFO_SHEET}!B3": "公开招标"}, INFO_SHEET, 3, "遴选方式", "公开招标"),
    ("two winners", {f"{CANDIDATE_SHEET}!I4": "是"}, CANDIDATE_SHEET, None, "是否中选", "第 2、4 行"),
    ("no winner", {f"{CANDIDATE_SHEET}!I2": "否"}, CANDIDATE_SHEET, None, "是否中选", "没有中选机构"),
    ("winner neither 是 nor 否", {f"{CANDIDATE_SHEET}!I3": "Y"},
     CANDIDATE_SHEET, 3, "是否中选", "“是”或“否”"),
    ("score 25", {f"{CANDIDATE_SHEET}!D3": 25}, CANDIDATE_SHEET, 3, SCORE_DIMENSIONS["team"], "0–20"),
    ("negative score", {f"{CANDIDATE_SHEET}!F2": -1}, CANDIDATE_SHEET, 2, SCORE_DIMENSIONS["price"], "0–20"),
    ("score not a number", {f"{CANDIDATE_SHEET}!C4": "优"}, CANDIDATE_SHEET, 4, SCORE_DIMENSIONS["fit"],
     "不是数字"),
    ("missing score", {f"{CANDIDATE_SHEET}!G2": None}, CANDIDATE_SHEET, 2, SCORE_DIMENSIONS["commitment"],
     "未填写"),
    ("candidate without a name", {f"{CANDIDATE_SHEET}!A3": None}, CANDIDATE_SHEET, 3, "机构名称", "未填写"),
    ("same credit code twice", {f"{CANDIDATE_SHEET}!B4": CANDIDATES[0].credit_code},
     CANDIDATE_SHEET, 4, "统一社会信用代码", "第 2 行重复"),
    ("end before start", {f"{INFO_SHEET}!B9": D(2026, 6, 1)}, INFO_SHEET, 9, "服务结束日期", "早于"),
    ("subsidy above amount", {f"{INFO_SHEET}!B6": 70000}, INFO_SHEET, 6, "省补助（元）", "超过合同金额"),
    ("amount with three decimals", {f"{INFO_SHEET}!B5": 60000.125},
     INFO_SHEET, 5, "合同金额（元）", "两位小数"),
    ("negative subsidy", {f"{INFO_SHEET}!B6": -1}, INFO_SHEET, 6, "省补助（元）", "负数"),
    ("amount not a number", {f"{INFO_SHEET}!B5": "六万"}, INFO_SHEET, 5, "合同金额（元）", "不是数字"),
    ("unit code of five digits", {f"{INFO_SHEET}!B2": "34012"}, INFO_SHEET, 2, "单位代码", "6 位数字"),
    ("date that is not a date", {f"{INFO_SHEET}!B7": "2026-02-30"},
     INFO_SHEET, 7, "合同签订日期", "不是有效日期"),
    ("bad weekday 周六", {f"{INFO_SHEET}!B11": "周二、周六"}, INFO_SHEET, 11, "固定坐班日", "周六"),
    ("unreadable weekday", {f"{INFO_SHEET}!B11": "周八"}, INFO_SHEET, 11, "固定坐班日", "周八"),
    ("fixed without weekdays", {f"{INFO_SHEET}!B11": None}, INFO_SHEET, 11, "固定坐班日", "须填写"),
    ("rotation with weekdays", {f"{INFO_SHEET}!B10": "工作日轮流"}, INFO_SHEET, 11, "固定坐班日", "不填"),
    ("unknown duty kind", {f"{INFO_SHEET}!B10": "随叫随到"}, INFO_SHEET, 10, "坐班方式", "随叫随到"),
    ("team member without role", {f"{TEAM_SHEET}!B3": None}, TEAM_SHEET, 3, "角色", "未填写"),
    ("team member without name", {f"{TEAM_SHEET}!A4": None}, TEAM_SHEET, 4, "姓名", "未填写"),
    ("unknown task category", {f"{TASK_SHEET}!A3": "普法活动"}, TASK_SHEET, 3, "类别", "普法活动"),
    ("task without description", {f"{TASK_SHEET}!B2": None}, TASK_SHEET, 2, "任务内容", "未填写"),
    ("fractional target", {f"{TASK_SHEET}!C4": 2.5}, TASK_SHEET, 4, "目标数量", "整数"),
    ("negative target", {f"{TASK_SHEET}!C5": -3}, TASK_SHEET, 5, "目标数量", "整数"),
    ("missing target", {f"{TASK_SHEET}!C6": None}, TASK_SHEET, 6, "目标数量", "填 0"),
]


@pytest.mark.parametrize(("edits", "sheet", "row", "column", "fragment"), [r[1:] for r in REFUSALS],
                         ids=[r[0] for r in REFUSALS])
def test_each_refusal_names_its_sheet_row_and_column(tmp_path, edits, sheet, row, column, fragment):
    [problem] = problems_of(written(tmp_path, **edits))
    assert (problem.sheet, problem.row, problem.column) == (sheet, row, column)
    assert fragment in problem.reason


def test_several_problems_are_reported_at_once_and_nothing_is_read(tmp_path):
    path = written(tmp_path, **{
        f"{INFO_SHEET}!B3": "公开招标",
        f"{CANDIDATE_SHEET}!B3": WRONG_CHECK,
        f"{CANDIDATE_SHEET}!E2": 21,
        f"{TEAM_SHEET}!B2": None,
        f"{TASK_SHEET}!A4": "普法活动",
    })
    assert places(problems_of(path)) == {
        (INFO_SHEET, 3, "遴选方式"),
        (CANDIDATE_SHEET, 3, "统一社会信用代码"),
        (CANDIDATE_SHEET, 2, SCORE_DIMENSIONS["quality"]),
        (TEAM_SHEET, 2, "角色"),
        (TASK_SHEET, 4, "类别"),
    }


def test_missing_sheets_are_each_named(tmp_path):
    path = written(tmp_path)
    book = openpyxl.load_workbook(path)
    del book[TEAM_SHEET], book[TASK_SHEET]
    book.save(path)
    assert [(p.sheet, p.reason.startswith(f"缺少工作表“{p.sheet}”")) for p in problems_of(path)] == [
        (TEAM_SHEET, True), (TASK_SHEET, True)]


def test_a_renamed_header_is_named_with_its_sheet(tmp_path):
    [problem] = problems_of(written(tmp_path, **{f"{TASK_SHEET}!C1": "数量"}))
    assert (problem.sheet, problem.row) == (TASK_SHEET, 1)
    assert "目标数量" in problem.reason


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"PK\x03\x04 not really a zip", "无法读取"), (b"", "文件为空"), (None, "文件不存在")],
    ids=["corrupt bytes", "empty file", "missing file"],
)
def test_a_file_that_is_not_a_workbook_is_one_clear_problem(tmp_path, content, fragment):
    path = tmp_path / "遴选档案.xlsx"
    if content is not None:
        path.write_bytes(content)
    [problem] = problems_of(path)
    assert problem.file == "遴选档案.xlsx"
    assert fragment in problem.reason


# ---------------------------------------------------------------- single values


@pytest.mark.parametrize(
    ("text", "days"),
    [("周二、周四", (2, 4)), ("星期二,星期四", (2, 4)), ("2,4", (2, 4)), ("周五 周一", (1, 5)),
     ("礼拜三", (3,)), ("二、四、二", (2, 4)), (3.0, (3,)), ("", ())],
)
def test_fixed_weekdays_are_read_from_the_usual_ways_of_writing_them(text, days):
    assert parse_weekdays(text) == days


@pytest.mark.parametrize("text", ["周六", "周日", "星期天", "6,7", "8", "周二、下午"])
def test_weekends_and_unknown_days_are_refused(text):
    with pytest.raises(ValueError, match=r"周一至周五|无法识别"):
        parse_weekdays(text)


@pytest.mark.parametrize(
    ("value", "fen"),
    [(50000, 5_000_000), (50000.0, 5_000_000), (12345.67, 1_234_567), ("0.1", 10), ("50,000.00", 5_000_000),
     (0, 0)],
)
def test_amounts_in_yuan_become_whole_fen(value, fen):
    assert parse_fen(value) == fen


# ---------------------------------------------------------------- one vocabulary with the other readers

DATE_SPELLINGS = ["2026-5-29", "2026/5/29", "2026/05/29", "2026.5.29", "2026年5月29日", "2026 年 5 月 29 日",
                  "２０２６年５月２９日", "20260529"]


@pytest.mark.parametrize("text", DATE_SPELLINGS)
def test_a_date_is_read_in_every_spelling_the_other_readers_accept(tmp_path, text):
    assert read_procurement_xlsx(written(tmp_path, **{f"{INFO_SHEET}!B4": text})).decided_on == D(2026, 5, 29)


BEYOND = "超过合理上限 10,000,000 元"
BAD_AMOUNTS = [
    ("1e30 as text", "1e30", BEYOND),
    ("1e30 as a number", 1e30, BEYOND),
    ("1E+400 as text", "1E+400", BEYOND),
    ("9e15 as a number", 9e15, BEYOND),
    ("NaN", "NaN", "不是数字"),
    ("inf", "inf", "不是数字"),
    ("-Infinity", "-Infinity", "不是数字"),
    ("negative", "-0.01", "负数"),
    ("above the bound", 10_000_000.01, BEYOND),
]


@pytest.mark.parametrize(("value", "fragment"), [a[1:] for a in BAD_AMOUNTS], ids=[a[0] for a in BAD_AMOUNTS])
def test_an_impossible_amount_is_one_located_refusal_not_a_crash(tmp_path, value, fragment):
    [problem] = problems_of(written(tmp_path, **{f"{INFO_SHEET}!B5": value}))
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "340123-遴选档案.xlsx", INFO_SHEET, 5, "合同金额（元）")
    assert fragment in problem.reason


@pytest.mark.parametrize("value", [1e20, "1e300", 2**31])
def test_a_target_beyond_any_count_is_refused_before_it_reaches_an_integer_column(tmp_path, value):
    [problem] = problems_of(written(tmp_path, **{f"{TASK_SHEET}!C2": value}))
    assert (problem.sheet, problem.row, problem.column) == (TASK_SHEET, 2, "目标数量")


def test_the_instructions_list_every_accepted_date_form(tmp_path):
    sheet = openpyxl.load_workbook(written(tmp_path, None))[HELP_SHEET]
    text = "\n".join(str(c.value) for c in sheet["A"] if c.value)
    assert date_formats_text() in text
    assert "yyyy-mm-dd 填写" not in text


@pytest.mark.parametrize(("edits", "field", "expected"), [
    ({f"{INFO_SHEET}!B2": "３４０１２３"}, "unit_code", "340123"),
    ({f"{CANDIDATE_SHEET}!B2": "３１３４００００ＭＤ０１２３４５６" + CANDIDATES[0].credit_code[17]},
     "candidates", CANDIDATES),
], ids=["full-width unit code", "full-width credit code"])
def test_codes_in_full_width_digits_are_read_as_the_other_readers_read_them(tmp_path, edits, field, expected):
    assert getattr(read_procurement_xlsx(written(tmp_path, **edits)), field) == expected


@pytest.mark.parametrize(("edits", "sheet", "row", "column", "fragment"), [
    ({f"{INFO_SHEET}!B2": "110105"}, INFO_SHEET, 2, "单位代码", "不是本项目的实施单位"),
    ({f"{TEAM_SHEET}!C2": "#N/A"}, TEAM_SHEET, 2, "执业资格", "错误值 #N/A"),
    ({f"{TEAM_SHEET}!A2": "王" * 201}, TEAM_SHEET, 2, "姓名", "最多 200 字"),
    ({f"{TASK_SHEET}!B2": "宣" * 501}, TASK_SHEET, 2, "任务内容", "最多 500 字"),
], ids=["unit code outside Anhui", "error value as qualification", "overlong name", "overlong task"])
def test_values_the_shared_vocabulary_refuses_are_refused_at_their_cell(tmp_path, edits, sheet, row, column,
                                                                         fragment):
    [problem] = problems_of(written(tmp_path, **edits))
    assert (problem.sheet, problem.row, problem.column) == (sheet, row, column)
    assert fragment in problem.reason
