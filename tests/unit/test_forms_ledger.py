"""The 工作台账 workbook: template, round trip, every refusal with its place, identity and rejects."""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from models.errors import InputError, Problem
from models.id_number import id_check_character
from models.ledger_schema import SHEETS, sheet_for
from tasks.forms.ledger_xlsx import (
    HELP_SHEET,
    PROBLEM_HEADER,
    LedgerRow,
    read_ledger,
    rejects_path,
    row_fingerprint,
    write_ledger_template,
    write_rejects,
)

D = dt.date
WINDOW = (D(2026, 5, 1), D(2027, 4, 30))
AS_OF = D(2026, 12, 31)
UNITS = {"340123", "340202"}
ID_BODY = "34012319850612123"
ID = ID_BODY + id_check_character(ID_BODY)
ID_X = "11010519491231002X"

ROWS = {
    "publicity": [
        {"ledger_id": "XC-001", "occurred_on": D(2026, 6, 12), "title": "劳动合同法进企业专题讲座",
         "venue": "enterprise", "format": "lecture", "participants": 86, "notes": "安徽某机械公司"},
        {"occurred_on": D(2026, 7, 3), "title": "建筑工地农民工欠薪维权宣讲", "venue": "construction_site",
         "format": "talk"},
    ],
    "labour_supervision": [
        {"occurred_on": D(2026, 8, 1), "title": "某电子公司拖欠加班费", "case_no": "JD-2026-01",
         "employer": "肥西某电子有限公司", "topic": "overtime", "document": "opinion",
         "reply_due": D(2026, 8, 21), "replied_on": D(2026, 8, 18), "worker_name": "王建国",
         "phone": "13912345678", "id_number": ID},
    ],
    "legal_aid": [
        {"occurred_on": D(2026, 9, 9), "title": "工伤赔偿协商", "service": "mediation",
         "worker_name": "李秀英", "phone": "0551-62345678", "id_number": ID_X,
         "address": "合肥市肥西县上派镇某小区",
         "amount": 52000.5, "result": "达成调解协议"},
    ],
    "collective_bargaining": [
        {"occurred_on": D(2026, 10, 10), "title": "指导建立工资集体协商制度", "mode": "guide",
         "enterprise": "肥西某食品有限公司"},
    ],
    "legality_review": [
        {"occurred_on": D(2026, 6, 30), "title": "审查物业服务合同", "subject": "contract"},
    ],
    "other": [
        {"occurred_on": D(2026, 11, 5), "title": "工会干部劳动法培训", "kind": "training"},
    ],
    "employment_health_check": [
        {"occurred_on": D(2026, 12, 1), "title": "某纺织公司用工体检", "enterprise": "肥西某纺织有限公司",
         "issues": 4},
    ],
}

EXPECTED = [
    LedgerRow("publicity", "法治宣传教育", 2, "340123", D(2026, 6, 12), "劳动合同法进企业专题讲座",
              subtype="lecture", venue="enterprise", fmt="lecture", participants=86, notes="安徽某机械公司",
              ledger_id="XC-001"),
    LedgerRow("publicity", "法治宣传教育", 3, "340123", D(2026, 7, 3), "建筑工地农民工欠薪维权宣讲",
              subtype="talk", venue="construction_site", fmt="talk"),
    LedgerRow("labour_supervision", "劳动法律监督", 2, "340123", D(2026, 8, 1), "某电子公司拖欠加班费",
              subtype="opinion", topic="overtime",
              fields={"case_no": "JD-2026-01", "employer": "肥西某电子有限公司", "reply_due": "2026-08-21",
                      "replied_on": "2026-08-18"},
              personal={"worker_name": "王建国", "phone": "13912345678", "id_number": ID}),
    LedgerRow("legal_aid", "职工法律援助", 2, "340123", D(2026, 9, 9), "工伤赔偿协商", subtype="mediation",
              amount_fen=5_200_050, fields={"result": "达成调解协议"},
              personal={"worker_name": "李秀英", "phone": "0551-62345678", "id_number": ID_X,
                        "address": "合肥市肥西县上派镇某小区"}),
    LedgerRow("collective_bargaining", "参与集体协商", 2, "340123", D(2026, 10, 10),
              "指导建立工资集体协商制度", subtype="guide", fields={"enterprise": "肥西某食品有限公司"}),
    LedgerRow("legality_review", "合法性审查", 2, "340123", D(2026, 6, 30), "审查物业服务合同",
              subtype="contract"),
    LedgerRow("other", "其他法律工作", 2, "340123", D(2026, 11, 5), "工会干部劳动法培训", subtype="training"),
    LedgerRow("employment_health_check", "企业用工体检", 2, "340123", D(2026, 12, 1), "某纺织公司用工体检",
              fields={"enterprise": "肥西某纺织有限公司", "issues": "4"}),
]


def read(path: Path) -> tuple[list[LedgerRow], list[Problem]]:
    return read_ledger(path, as_of=AS_OF, window=WINDOW, known_units=UNITS)


def hand_made(path: Path, category: str, rows: list[dict[str, object]], *,
              headers: tuple[str, ...] | None = None) -> Path:
    """An .xlsx with one category sheet (plain headers, no ★), cells given by header (openpyxl)."""
    sheet = sheet_for(category)
    headers = headers or sheet.headers
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet.name
    ws.append(list(headers))
    for row in rows:
        ws.append([row.get(h) for h in headers])
    book.save(str(path))
    return path


BASE = {  # one valid row per category, by header
    "publicity": {"单位代码": "340123", "日期": D(2026, 6, 1), "事项名称": "普法讲座", "五进场所": "进企业",
                  "形式": "普法讲座", "参加人数": 30},
    "labour_supervision": {"单位代码": "340123", "日期": D(2026, 6, 1), "事项名称": "欠薪",
                           "案件编号": "JD-1", "用人单位": "某公司", "监督事项": "薪酬支付", "文书": "意见书",
                           "答复期限": D(2026, 6, 20), "企业答复日期": D(2026, 6, 15),
                           "联系电话": "13812345678", "身份证号": ID},
    "legal_aid": {"单位代码": "340123", "日期": D(2026, 6, 1), "事项名称": "咨询", "服务类型": "法律咨询",
                  "职工姓名": "张三", "涉及金额（元）": 1000},
    "employment_health_check": {"单位代码": "340123", "日期": D(2026, 6, 1), "事项名称": "体检",
                                "企业名称": "某公司", "发现问题数": 3},
}


def one_row(tmp_path: Path, category: str, **changes: object) -> tuple[list[LedgerRow], list[Problem]]:
    values = {**BASE[category], **changes}
    return read(hand_made(tmp_path / "ledger.xlsx", category, [values]))


# ---------------------------------------------------------------- template


def test_the_template_has_instructions_first_then_one_sheet_per_category(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    write_ledger_template(path, unit_code="340123")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [HELP_SHEET, *(s.name for s in SHEETS)]
    help_text = "\n".join(str(c.value) for c in book[HELP_SHEET]["A"] if c.value)
    for phrase in ("340123", "yyyy-mm-dd", "台账编号", "★", "不得外传", "身份证号", "下拉"):
        assert phrase in help_text, phrase


def test_template_headers_mark_personal_columns_and_are_frozen(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    write_ledger_template(path)
    ws = openpyxl.load_workbook(path)["职工法律援助"]
    headers = [c.value for c in ws[1]]
    assert headers == ["台账编号", "单位代码", "日期", "事项名称", "服务类型", "职工姓名★", "联系电话★",
                       "身份证号★", "住址★", "涉及金额（元）", "办理结果", "备注"]
    assert ws["A1"].font.b and ws["F1"].font.b
    assert ws["F1"].fill.fgColor.rgb != ws["A1"].fill.fgColor.rgb
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["H"].width > 20


def test_template_has_dropdowns_and_checks_down_to_row_5001(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    write_ledger_template(path)
    ws = openpyxl.load_workbook(path)["法治宣传教育"]
    by_range = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    venue = by_range["E2:E5001"]
    assert venue.type == "list" and venue.formula1 == '"进企业,进园区,进社区,进工地,进校园"'
    assert by_range["F2:F5001"].formula1 == '"普法讲座,现场普法,法治宣讲,其他"'
    assert by_range["C2:C5001"].type == "date"
    participants = by_range["G2:G5001"]
    assert (participants.type, participants.formula1, participants.formula2) == ("whole", "0", "100000")


def test_every_category_round_trips_through_the_template(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    write_ledger_template(path, unit_code="340123", rows=ROWS)
    rows, problems = read(path)
    assert problems == []
    assert rows == EXPECTED


def test_an_empty_template_reads_as_no_rows_and_no_problems(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    write_ledger_template(path)
    assert read(path) == ([], [])


# ---------------------------------------------------------------- many rows, one bad


def test_one_bad_row_among_500_is_the_only_problem_and_the_rest_are_read(tmp_path: Path) -> None:
    rows = [{**BASE["publicity"], "事项名称": f"讲座 {n}"} for n in range(500)]
    rows[321]["五进场所"] = "进农村"
    got, problems = read(hand_made(tmp_path / "big.xlsx", "publicity", rows))
    assert len(got) == 499
    assert [(p.sheet, p.row, p.column) for p in problems] == [("法治宣传教育", 323, "五进场所")]
    assert "进农村" in problems[0].reason and "进企业" in problems[0].reason
    assert 323 not in {r.row for r in got}
    assert problems[0].file == "big.xlsx"


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(("category", "header", "value", "fragment"), [
    ("publicity", "单位代码", "340999", "不是本项目的实施单位"),
    ("publicity", "单位代码", "34012", "6 位数字"),
    ("publicity", "单位代码", None, "未填写"),
    ("publicity", "五进场所", "进农村", "不是可选的五进场所"),
    ("publicity", "形式", None, "未填写"),
    ("publicity", "日期", "2026-13-01", "不是有效日期"),
    ("publicity", "日期", "下周二", "不是有效日期"),
    ("publicity", "日期", D(2026, 4, 30), "不在项目实施期"),
    ("publicity", "日期", D(2027, 5, 1), "不在项目实施期"),
    ("publicity", "日期", D(2027, 1, 4), "晚于导入日期"),
    ("publicity", "事项名称", "  ", "未填写"),
    ("publicity", "参加人数", -1, "负数"),
    ("publicity", "参加人数", 100_001, "合理上限"),
    ("publicity", "参加人数", 12.5, "整数"),
    ("publicity", "参加人数", "三十", "整数"),
    ("employment_health_check", "发现问题数", 10_001, "合理上限"),
    ("employment_health_check", "企业名称", None, "未填写"),
    ("legal_aid", "涉及金额（元）", 100_000_000.01, "合理上限"),
    ("legal_aid", "涉及金额（元）", -5, "负数"),
    ("legal_aid", "涉及金额（元）", 12.345, "两位小数"),
    ("legal_aid", "职工姓名", None, "未填写"),
    ("legal_aid", "服务类型", "代理仲裁（二审）", "不是可选的服务类型"),
    ("labour_supervision", "身份证号", ID[:17] + ("1" if ID[17] != "1" else "2"), "校验位"),
    ("labour_supervision", "身份证号", "340123199902301234", "出生日期"),
    ("labour_supervision", "身份证号", 340123198506121234, "被存成了数字"),
    ("labour_supervision", "联系电话", "12345", "手机号"),
    ("labour_supervision", "联系电话", "12812345678", "手机号"),
    ("labour_supervision", "企业答复日期", D(2027, 1, 2), "晚于导入日期"),
    ("labour_supervision", "答复期限", D(2026, 5, 20), "早于文书日期"),
    ("labour_supervision", "文书", "通知书", "不是可选的文书"),
    ("labour_supervision", "案件编号", None, "未填写"),
])
def test_each_bad_value_is_one_problem_at_its_column(tmp_path: Path, category: str, header: str,
                                                      value: object, fragment: str) -> None:
    rows, problems = one_row(tmp_path, category, **{header: value})
    assert rows == []
    assert [(p.sheet, p.row, p.column) for p in problems] == [(sheet_for(category).name, 2, header)]
    assert fragment in problems[0].reason


def test_the_base_rows_of_the_refusal_table_are_themselves_valid(tmp_path: Path) -> None:
    for category in BASE:
        rows, problems = one_row(tmp_path, category)
        assert (len(rows), problems) == (1, []), category


def test_every_problem_of_a_row_is_reported_not_only_the_first(tmp_path: Path) -> None:
    rows, problems = one_row(tmp_path, "publicity", 单位代码="999999", 日期="昨天", 形式="讲课")
    assert rows == []
    assert [p.column for p in problems] == ["单位代码", "日期", "形式"]


@pytest.mark.parametrize(("header", "value", "expected"), [
    ("五进场所", "campus", "campus"),
    ("五进场所", " 进校园 ", "campus"),
    ("日期", "2026/6/1", D(2026, 6, 1)),
    ("日期", "2026.6.1", D(2026, 6, 1)),
    ("日期", "2026年6月1日", D(2026, 6, 1)),
    ("日期", "20260601", D(2026, 6, 1)),
    ("日期", dt.datetime(2026, 6, 1, 9, 30), D(2026, 6, 1)),
    ("参加人数", "45", 45),
    ("参加人数", None, 0),
])
def test_accepted_spellings_of_publicity_values(tmp_path: Path, header: str, value: object,
                                                expected: object) -> None:
    rows, problems = one_row(tmp_path, "publicity", **{header: value})
    assert problems == []
    attribute = {"五进场所": "venue", "日期": "occurred_on", "参加人数": "participants"}[header]
    assert getattr(rows[0], attribute) == expected


@pytest.mark.parametrize(("phone", "stored"), [
    ("13812345678", "13812345678"),
    (13812345678, "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
    ("138-1234-5678", "13812345678"),
    ("0551-62345678", "0551-62345678"),
    ("(0551)62345678", "0551-62345678"),   # one canonical form for landlines (models.values.phones)
    ("055162345678", "0551-62345678"),
    ("010 1234 5678-801", "010-12345678-801"),
])
def test_mobile_and_landline_numbers_are_accepted(tmp_path: Path, phone: object, stored: str) -> None:
    rows, problems = one_row(tmp_path, "labour_supervision", 联系电话=phone)
    assert problems == []
    assert rows[0].personal["phone"] == stored


def test_a_lower_case_x_in_an_id_number_is_stored_upper_case(tmp_path: Path) -> None:
    rows, problems = one_row(tmp_path, "labour_supervision", 身份证号=ID_X.lower())
    assert problems == []
    assert rows[0].personal["id_number"] == ID_X


def test_a_deadline_after_the_import_date_is_fine(tmp_path: Path) -> None:
    rows, problems = one_row(tmp_path, "labour_supervision", 日期=D(2026, 12, 20), 答复期限=D(2027, 1, 12),
                             企业答复日期=None)
    assert problems == []
    assert rows[0].fields["reply_due"] == "2027-01-12" and "replied_on" not in rows[0].fields


# ---------------------------------------------------------------- headers and sheets


def test_headers_with_and_without_the_star_and_with_half_width_brackets_are_accepted(tmp_path: Path) -> None:
    starred = tuple(f"{c.header}★" if c.personal else c.header for c in sheet_for("legal_aid").columns)
    half_width = tuple(h.replace("（元）", "(元)") for h in starred)
    values = {h: BASE["legal_aid"].get(h.removesuffix("★").replace("(元)", "（元）")) for h in half_width}
    rows, problems = read(hand_made(tmp_path / "l.xlsx", "legal_aid", [values], headers=half_width))
    assert problems == []
    assert (rows[0].personal["worker_name"], rows[0].amount_fen) == ("张三", 100_000)


def test_columns_may_come_in_any_order_and_extra_columns_are_ignored(tmp_path: Path) -> None:
    headers = ("说明", *reversed(sheet_for("publicity").headers))
    row = {**BASE["publicity"], "说明": "随便写"}
    rows, problems = read(hand_made(tmp_path / "p.xlsx", "publicity", [row], headers=headers))
    assert problems == []
    assert (rows[0].title, rows[0].venue, rows[0].participants) == ("普法讲座", "enterprise", 30)


def test_a_missing_header_refuses_the_file_naming_sheet_and_column(tmp_path: Path) -> None:
    headers = tuple(h for h in sheet_for("publicity").headers if h != "形式")
    path = hand_made(tmp_path / "p.xlsx", "publicity", [BASE["publicity"]], headers=headers)
    with pytest.raises(InputError) as caught:
        read(path)
    [problem] = caught.value.problems
    assert problem.sheet == "法治宣传教育" and "缺少列“形式”" in problem.reason


def test_other_sheets_are_ignored_and_absent_categories_are_fine(tmp_path: Path) -> None:
    path = hand_made(tmp_path / "p.xlsx", "publicity", [BASE["publicity"]])
    book = openpyxl.load_workbook(path)
    book.create_sheet("统计").append(["乱写的内容", 1, 2])
    book.create_sheet(HELP_SHEET).append(["说明"])
    book.save(str(path))
    rows, problems = read(path)
    assert (len(rows), problems) == (1, [])


def test_a_file_without_any_category_sheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.save(str(path))
    with pytest.raises(InputError) as caught:
        read(path)
    assert "没有台账工作表" in str(caught.value) and "Sheet1" in str(caught.value)


def test_a_corrupt_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(InputError) as caught:
        read(path)
    assert "无法读取" in str(caught.value)


def test_blank_and_space_only_rows_are_skipped(tmp_path: Path) -> None:
    second = {**BASE["publicity"], "事项名称": "第二场"}
    rows = [BASE["publicity"], {}, {"事项名称": "   ", "备注": " "}, second]
    got, problems = read(hand_made(tmp_path / "p.xlsx", "publicity", rows))
    assert problems == []
    assert [(r.row, r.title) for r in got] == [(2, "普法讲座"), (5, "第二场")]


# ---------------------------------------------------------------- identity


def rows_of(tmp_path: Path, category: str, rows: list[dict], name: str = "p.xlsx") -> list[LedgerRow]:
    got, problems = read(hand_made(tmp_path / name, category, rows))
    assert problems == []
    return got


def test_the_fingerprint_is_a_sha256_and_ignores_non_key_fields(tmp_path: Path) -> None:
    [first] = rows_of(tmp_path, "publicity", [BASE["publicity"]], "a.xlsx")
    changed_row = {**BASE["publicity"], "参加人数": 99, "备注": "补录"}
    [changed] = rows_of(tmp_path, "publicity", [changed_row], "b.xlsx")
    assert len(row_fingerprint(first)) == 64 and int(row_fingerprint(first), 16) >= 0
    assert row_fingerprint(first) == row_fingerprint(changed)


def test_the_fingerprint_does_not_depend_on_the_row_position(tmp_path: Path) -> None:
    a, b = BASE["publicity"], {**BASE["publicity"], "事项名称": "另一场"}
    before = {r.title: row_fingerprint(r) for r in rows_of(tmp_path, "publicity", [a, b], "a.xlsx")}
    after = {r.title: row_fingerprint(r) for r in rows_of(tmp_path, "publicity", [{}, b, a], "b.xlsx")}
    assert before == after


@pytest.mark.parametrize(("category", "header", "value"), [
    ("publicity", "事项名称", "改了名称"),
    ("publicity", "日期", D(2026, 6, 2)),
    ("publicity", "单位代码", "340202"),
    ("labour_supervision", "文书", "建议书"),
    ("labour_supervision", "案件编号", "JD-2"),
    ("legal_aid", "职工姓名", "李四"),
    ("legal_aid", "服务类型", "代理仲裁"),
])
def test_the_fingerprint_changes_with_the_natural_key(tmp_path: Path, category: str, header: str,
                                                      value: object) -> None:
    [first] = rows_of(tmp_path, category, [BASE[category]], "a.xlsx")
    [second] = rows_of(tmp_path, category, [{**BASE[category], header: value}], "b.xlsx")
    assert row_fingerprint(first) != row_fingerprint(second)


def test_the_ledger_id_overrides_the_natural_key(tmp_path: Path) -> None:
    original = {**BASE["publicity"], "台账编号": "XC-7"}
    corrected = {**original, "事项名称": "更正后的名称", "日期": D(2026, 6, 3)}
    [a] = rows_of(tmp_path, "publicity", [original], "a.xlsx")
    [b] = rows_of(tmp_path, "publicity", [corrected], "b.xlsx")
    assert row_fingerprint(a) == row_fingerprint(b)
    assert row_fingerprint(a) != row_fingerprint(replace(a, ledger_id="XC-8"))
    assert row_fingerprint(a) != row_fingerprint(replace(a, ledger_id=""))


def test_equal_ledger_ids_of_two_units_or_two_categories_are_different_rows(tmp_path: Path) -> None:
    [a] = rows_of(tmp_path, "publicity", [{**BASE["publicity"], "台账编号": "1"}])
    assert row_fingerprint(a) != row_fingerprint(replace(a, unit_code="340202"))
    assert row_fingerprint(a) != row_fingerprint(replace(a, category="other"))


def test_rows_with_different_ledger_ids_may_share_the_natural_key(tmp_path: Path) -> None:
    rows = [{**BASE["publicity"], "台账编号": "A"}, {**BASE["publicity"], "台账编号": "B"}]
    got = rows_of(tmp_path, "publicity", rows)
    assert len({row_fingerprint(r) for r in got}) == 2


def test_a_row_repeated_in_the_file_is_reported_on_the_later_row(tmp_path: Path) -> None:
    base = BASE["publicity"]
    rows = [base, {**base, "事项名称": "别的"}, {**base, "参加人数": 5}]
    got, problems = read(hand_made(tmp_path / "p.xlsx", "publicity", rows))
    assert [r.row for r in got] == [2, 3]
    assert [(p.row, p.column) for p in problems] == [(4, "单位代码、日期、事项名称")]
    assert "与第 2 行重复" in problems[0].reason


@pytest.mark.parametrize("category", ["labour_supervision", "legal_aid", "employment_health_check"])
def test_repeats_are_found_in_every_sheet_as_the_fingerprint_sees_them(tmp_path: Path,
                                                                      category: str) -> None:
    got, problems = read(hand_made(tmp_path / "a.xlsx", category, [BASE[category], BASE[category]]))
    assert [r.row for r in got] == [2]
    assert [(p.row, p.column) for p in problems] == [(3, "、".join(
        sheet_for(category).column(k).header for k in sheet_for(category).key_columns))]
    [again] = rows_of(tmp_path, category, [BASE[category]], "b.xlsx")
    assert row_fingerprint(got[0]) == row_fingerprint(again)


def test_spacing_inside_key_text_does_not_make_a_new_row(tmp_path: Path) -> None:
    [a] = rows_of(tmp_path, "publicity", [{**BASE["publicity"], "事项名称": "劳动法 进企业"}], "a.xlsx")
    spaced = {**BASE["publicity"], "事项名称": " 劳动法\u3000 进企业 "}
    [b] = rows_of(tmp_path, "publicity", [spaced], "b.xlsx")
    assert b.title == "劳动法 进企业"
    assert row_fingerprint(a) == row_fingerprint(b)


def test_a_ledger_id_repeated_in_the_file_is_reported(tmp_path: Path) -> None:
    base = BASE["publicity"]
    rows = [{**base, "台账编号": "A"}, {**base, "台账编号": "A", "事项名称": "别的"}]
    got, problems = read(hand_made(tmp_path / "p.xlsx", "publicity", rows))
    assert [r.row for r in got] == [2]
    assert [(p.row, p.column) for p in problems] == [(3, "台账编号")]


# ---------------------------------------------------------------- rejects file


def test_the_rejects_file_holds_the_refused_rows_and_their_reasons(tmp_path: Path) -> None:
    rows = [BASE["publicity"], {**BASE["publicity"], "事项名称": "坏行", "形式": "讲课", "参加人数": -3},
            {**BASE["publicity"], "事项名称": "好行"}]
    source = hand_made(tmp_path / "台账.xlsx", "publicity", rows)
    _, problems = read(source)
    target = write_rejects(source, source, problems)
    assert target == rejects_path(source) == tmp_path / "台账.rejects.xlsx"
    book = openpyxl.load_workbook(target)
    ws = book["法治宣传教育"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    headers = values[0]
    assert headers[-2:] == [PROBLEM_HEADER, "原行号"]
    assert len(values) == 2
    bad = dict(zip(headers, values[1], strict=True))
    assert (bad["事项名称"], bad["形式"], bad["参加人数"], bad["原行号"]) == ("坏行", "讲课", -3, 3)
    assert "“形式”" in bad[PROBLEM_HEADER] and "“参加人数”" in bad[PROBLEM_HEADER]
    assert book.sheetnames[-1] == "全部问题"


def test_a_corrected_rejects_file_can_be_imported_again(tmp_path: Path) -> None:
    rows = [BASE["publicity"], {**BASE["publicity"], "事项名称": "坏行", "形式": "讲课"}]
    source = hand_made(tmp_path / "台账.xlsx", "publicity", rows)
    _, problems = read(source)
    target = write_rejects(tmp_path, source, problems)
    assert read(target)[1][0].column == "形式"
    book = openpyxl.load_workbook(target)
    ws = book["法治宣传教育"]
    ws.cell(2, sheet_for("publicity").headers.index("形式") + 1).value = "现场普法"
    book.save(str(target))
    got, again = read(target)
    assert again == []
    assert [(r.title, r.fmt, r.occurred_on) for r in got] == [("坏行", "on_site", D(2026, 6, 1))]


def test_reading_leaves_the_garbage_collector_as_it_was(tmp_path: Path) -> None:
    path = hand_made(tmp_path / "p.xlsx", "publicity", [BASE["publicity"]])
    assert gc.isenabled()
    read(path)
    assert gc.isenabled()
    gc.disable()
    try:
        read(path)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_template_rows_of_an_unknown_category_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="mediation"):
        write_ledger_template(tmp_path / "x.xlsx", rows={"mediation": []})
