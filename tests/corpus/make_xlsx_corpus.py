"""Write the spreadsheet corpus: odd, damaged and hostile .xlsx files and what each import must do.

    .venv/bin/python -m tests.corpus.make_xlsx_corpus      # rewrites tests/corpus/xlsx/ and cases.yaml

Each case names its file, the command (ledger, ledger-skip, funds, procurement, recommendations), the
exit code (0 taken, 2 refused with a located Chinese message, database unchanged), a fragment the output
must contain, the class of oddity, and how the release before this corpus handled it. The test
tests/e2e/test_corpus_xlsx.py runs every case. Keep it growing: add a builder and a CASES line.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import yaml

from config.divisions import county_by_name
from tasks.demo.apply import demo_credit_code
from tasks.demo.documents import demo_dossier, demo_recommendation
from tasks.demo.scenario import DemoUnit
from tasks.forms.procurement_xlsx import write_procurement_xlsx
from tasks.forms.recommendation_xlsx import write_recommendation_xlsx

HERE = Path(__file__).parent
OUT = HERE / "xlsx"
D = dt.date
UNIT = "340123"
PUBLICITY = ("台账编号", "单位代码", "日期", "事项名称", "五进场所", "形式", "参加人数", "备注")
LEGAL_AID = ("台账编号", "单位代码", "日期", "事项名称", "服务类型", "职工姓名★", "联系电话★", "身份证号★",
             "住址★", "涉及金额（元）", "办理结果", "备注")
SUPERVISION = ("台账编号", "单位代码", "日期", "事项名称", "案件编号", "用人单位", "监督事项", "文书",
               "答复期限", "企业答复日期", "职工姓名★", "联系电话★", "身份证号★", "备注")
RECOMMENDATION = ("推荐城市", "县（区）行政区划代码", "项目实施单位名称", "联系人", "联系电话",
                  "单位基本情况", "推荐理由", "推荐意见")
FUNDS = ("单位代码", "支出日期", "金额（元）", "用途", "凭证号", "备注")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def publicity_row(ledger_id: str, **changes: object) -> list[object]:
    """One valid 法治宣传教育 row; `changes` by header."""
    values = (ledger_id, UNIT, D(2026, 6, 1), f"普法讲座 {ledger_id}", "进企业", "普法讲座", 30, "")
    row = dict(zip(PUBLICITY, values, strict=True))
    row.update(changes)
    return [row[h] for h in PUBLICITY]


def aid_row(ledger_id: str, **changes: object) -> list[object]:
    """One valid 职工法律援助 row."""
    values = (ledger_id, UNIT, D(2026, 7, 1), "欠薪调解", "协商调解", "张三", "13812345678", "", "", 1200,
              "", "")
    row = dict(zip(LEGAL_AID, values, strict=True))
    row.update(changes)
    return [row[h] for h in LEGAL_AID]


def funds_row(voucher: str, **changes: object) -> list[object]:
    """One valid 经费支出 row (after the setup contract of 2026-06-01)."""
    row = dict(zip(FUNDS, (UNIT, D(2026, 6, 18), 16800, "法律服务费（合同首付）", voucher, ""), strict=True))
    row.update(changes)
    return [row[h] for h in FUNDS]


def book_with(path: Path, sheets: dict[str, list[list[object]]],
              edit: Callable[[openpyxl.Workbook], None] | None = None) -> None:
    """An .xlsx (openpyxl) with the given sheets, each a list of rows (the first is the header)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    if edit:
        edit(book)
    book.save(str(path))


def ledger(path: Path, *rows: list[object], name: str = "法治宣传教育",
           edit: Callable[[openpyxl.Workbook], None] | None = None) -> None:
    """A ledger with one publicity sheet."""
    book_with(path, {name: [list(PUBLICITY), *rows]}, edit)


def aid(path: Path, *rows: list[object]) -> None:
    book_with(path, {"职工法律援助": [list(LEGAL_AID), *rows]})


def funds(path: Path, *rows: list[object], name: str = "经费支出",
          edit: Callable[[openpyxl.Workbook], None] | None = None) -> None:
    book_with(path, {name: [list(FUNDS), *rows]}, edit)


def replace_in_part(path: Path, part: str, old: bytes, new: bytes) -> None:
    """Edit one part of the zip in place (a raw edit no spreadsheet library would make)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    assert old in parts[part], (path, part, old)
    parts[part] = parts[part].replace(old, new)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def dossier_file(path: Path, edit: Callable[[openpyxl.Workbook], None] | None = None) -> None:
    """The demo dossier of 340123 (肥西县), then edited with openpyxl."""
    county = county_by_name("340100", "肥西县")
    unit = DemoUnit(city_code="340100", county="肥西县", submit_on=D(2026, 5, 8))
    write_procurement_xlsx(path, demo_dossier(county, unit, D(2026, 6, 1), demo_credit_code))
    if edit:
        book = openpyxl.load_workbook(path)
        edit(book)
        book.save(str(path))


def recommendation_file(path: Path, city: str, county: str, **changes: object) -> None:
    """A one-row 推荐表 workbook; `changes` by header replace cells after writing."""
    form = demo_recommendation(county_by_name(city, county), D(2026, 5, 8))
    write_recommendation_xlsx(path, [form])
    if changes:
        book = openpyxl.load_workbook(path)
        ws = book["推荐表"]
        header = [c.value for c in ws[1]]
        for title, value in changes.items():
            ws.cell(row=2, column=header.index(title) + 1, value=value)
        book.save(str(path))


def info_value(label: str, value: object) -> Callable[[openpyxl.Workbook], None]:
    """An edit setting one 遴选信息 value (column B of the row labelled `label`)."""
    def edit(book: openpyxl.Workbook) -> None:
        ws = book["遴选信息"]
        for row in ws.iter_rows(min_row=2):
            if row[0].value == label:
                row[1].value = value
    return edit


def candidate_cell(column: int, value: object) -> Callable[[openpyxl.Workbook], None]:
    def edit(book: openpyxl.Workbook) -> None:
        book["候选机构"].cell(row=2, column=column, value=value)
    return edit


# ---------------------------------------------------------------- the builders, one per file


def _stray(cell: str, value: object = "x") -> Callable[[openpyxl.Workbook], None]:
    def edit(book: openpyxl.Workbook) -> None:
        book.worksheets[0][cell] = value
    return edit


def _merged_dates(book: openpyxl.Workbook) -> None:
    book.worksheets[0].merge_cells("C2:C4")


def _hidden_row(book: openpyxl.Workbook) -> None:
    book.worksheets[0].row_dimensions[3].hidden = True


def _notes_sheet(book: openpyxl.Workbook) -> None:
    book.create_sheet("统计").append(["本季度合计", 3, "场"])


def _hidden_lookup_sheet(book: openpyxl.Workbook) -> None:
    ws = book.create_sheet("Sheet2")
    ws.append(["单位代码", "日期", "事项名称"])
    ws.sheet_state = "hidden"


def _team_sheet_copy_name(book: openpyxl.Workbook) -> None:
    book["服务团队"].title = "服务团队（2）"


def _noisy(path: Path, write: Callable[..., None], row: list[object], placeholder: bytes,
           noise: bytes) -> None:
    """A number as a formula or a float sum leaves it (28285.420000000002); openpyxl would round it."""
    write(path, row)
    sheet = "xl/worksheets/sheet1.xml"
    replace_in_part(path, sheet, b"<v>" + placeholder + b"</v>", b"<v>" + noise + b"</v>")


def _float_noise(path: Path) -> None:
    _noisy(path, funds, funds_row("NOISE-1", **{"金额（元）": 777.25}), b"777.25", b"28285.420000000002")


def _ole(path: Path, marker: str) -> None:
    path.write_bytes(OLE_MAGIC + b"\x00" * 504 + marker.encode("utf-16-le") + b"\x00" * 480)


def _zip(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _truncated(path: Path) -> None:
    ledger(path, publicity_row("TR-1"))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])


def _broken_sheet_xml(path: Path) -> None:
    ledger(path, publicity_row("BX-1"))
    replace_in_part(path, "xl/worksheets/sheet1.xml", b"</sheetData>", b"</sheetDta><row")


def _broken_workbook_xml(path: Path) -> None:
    ledger(path, publicity_row("BW-1"))
    replace_in_part(path, "xl/workbook.xml", b"<sheets>", b"<sheets><<")


def _header_only(path: Path) -> None:
    book_with(path, {"法治宣传教育": [list(PUBLICITY)], "职工法律援助": [list(LEGAL_AID)]})


def _row_beyond_limit(path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        ws = book.worksheets[0]
        for col, value in enumerate(publicity_row("FAR-2"), 1):
            ws.cell(row=250_000, column=col, value=value)
    ledger(path, publicity_row("FAR-1"), edit=edit)


def _two_copies(path: Path) -> None:
    book_with(path, {"法治宣传教育": [list(PUBLICITY), publicity_row("CP-1")],
                     "法治宣传教育 (2)": [list(PUBLICITY), publicity_row("CP-2")]})


def _renamed_beside_good(path: Path) -> None:
    book_with(path, {"普法宣传 ": [list(PUBLICITY), publicity_row("RN-1")],
                     "职工法律援助": [list(LEGAL_AID), aid_row("RN-2")]})


def _reply_due_9999(path: Path) -> None:
    values = ("RD-1", UNIT, D(2026, 6, 1), "欠薪提示", "JD-9", "某公司", "薪酬支付", "意见书",
              D(9999, 12, 31), None, None, None, None, None)
    row = dict(zip(SUPERVISION, values, strict=True))
    book_with(path, {"劳动法律监督": [list(SUPERVISION), [row[h] for h in SUPERVISION]]})


def _control_char_title(path: Path) -> None:
    """A title holding U+0001, as Excel stores it (_x0001_); openpyxl refuses to write one."""
    ledger(path, publicity_row("ZW-3", 事项名称="普法CTRL讲座 ZW-3"))
    replace_in_part(path, "xl/worksheets/sheet1.xml", b"CTRL", b"_x0001_")


def _docx_renamed(path: Path) -> None:
    _zip(path, {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


BUILDERS: dict[str, Callable[[Path], None]] = {
    # amounts far beyond any figure, float noise, negative zero, NaN
    "ledger_amount_1e30.xlsx": lambda p: aid(p, aid_row("AM-1", **{"涉及金额（元）": 1e30})),
    "ledger_amount_text_1e30.xlsx": lambda p: aid(p, aid_row("AM-2", **{"涉及金额（元）": "1e30"})),
    "ledger_amount_noise.xlsx": lambda p: _noisy(p, aid, aid_row("AM-3", **{"涉及金额（元）": 777.25}),
                                                 b"777.25", b"28285.420000000002"),
    "ledger_amount_negative_zero.xlsx": lambda p: aid(p, aid_row("AM-4", **{"涉及金额（元）": -0.0})),
    "ledger_participants_noise.xlsx": lambda p: _noisy(p, ledger, publicity_row("PN-1", 参加人数=777.25),
                                                       b"777.25", b"30.000000000000004"),
    "funds_amount_9e15.xlsx": lambda p: funds(p, funds_row("BIG-1", **{"金额（元）": 9e15})),
    "funds_amount_1e30_text.xlsx": lambda p: funds(p, funds_row("BIG-2", **{"金额（元）": "1e30"})),
    "funds_amount_nan_text.xlsx": lambda p: funds(p, funds_row("NAN-1", **{"金额（元）": "NaN"})),
    "funds_amount_noise.xlsx": _float_noise,
    "procurement_contract_9e15.xlsx": lambda p: dossier_file(p, info_value("合同金额（元）", 9e15)),
    "procurement_contract_2e7.xlsx": lambda p: dossier_file(p, info_value("合同金额（元）", 20_000_000)),
    "procurement_contract_1e30.xlsx": lambda p: dossier_file(p, info_value("合同金额（元）", 1e30)),
    # a stray value far from the data
    "ledger_stray_xfd1048576.xlsx": lambda p: ledger(p, publicity_row("ST-1"), edit=_stray("XFD1048576")),
    "ledger_stray_a1048576.xlsx": lambda p: ledger(p, publicity_row("ST-2"), edit=_stray("A1048576", UNIT)),
    "ledger_rows_beyond_limit.xlsx": _row_beyond_limit,
    "funds_stray_xfd1048576.xlsx": lambda p: funds(p, funds_row("ST-3"), edit=_stray("XFD1048576", 1)),
    "recommendation_stray_far_corner.xlsx": lambda p: (recommendation_file(p, "340200", "鸠江区"),
                                                       _stray_into(p, "推荐表", "XFD1048576")),
    # sheet names
    "ledger_sheet_trailing_space.xlsx": lambda p: ledger(p, publicity_row("SN-1"), name="法治宣传教育 "),
    "ledger_sheet_zero_width.xlsx": lambda p: ledger(p, publicity_row("SN-2"), name="法治宣传\u200b教育"),
    "ledger_sheet_copy_suffix.xlsx": lambda p: ledger(p, publicity_row("SN-3"), name="法治宣传教育 (2)"),
    "ledger_sheet_renamed.xlsx": _renamed_beside_good,
    "ledger_sheet_sheet1.xlsx": lambda p: ledger(p, publicity_row("SN-4"), name="Sheet1"),
    "ledger_two_copies.xlsx": _two_copies,
    "ledger_notes_sheet.xlsx": lambda p: ledger(p, publicity_row("SN-5"), edit=_notes_sheet),
    "ledger_hidden_lookup_sheet.xlsx": lambda p: ledger(p, publicity_row("SN-6"), edit=_hidden_lookup_sheet),
    "funds_sheet_renamed.xlsx": lambda p: funds(p, funds_row("SN-7"), name="Sheet1"),
    "procurement_sheet_fullwidth_copy.xlsx": lambda p: dossier_file(p, _team_sheet_copy_name),
    # the rejects file of --skip-invalid
    "ledger_skip_rejects_blocked.xlsx": lambda p: ledger(p, publicity_row("RJ-1"),
                                                         publicity_row("RJ-2", 参加人数=-5)),
    "ledger_skip_long_name.xlsx": lambda p: ledger(p, publicity_row("RJ-3"),
                                                   publicity_row("RJ-4", 参加人数=-5)),
    # error values where numbers, dates or text belong
    "ledger_div0_participants.xlsx": lambda p: ledger(p, publicity_row("ER-1", 参加人数="#DIV/0!")),
    "ledger_na_date.xlsx": lambda p: ledger(p, publicity_row("ER-2", 日期="#N/A")),
    "ledger_ref_title.xlsx": lambda p: ledger(p, publicity_row("ER-3", 事项名称="#REF!")),
    "ledger_na_notes.xlsx": lambda p: ledger(p, publicity_row("ER-4", 备注="#N/A")),
    "funds_value_error_amount.xlsx": lambda p: funds(p, funds_row("ER-5", **{"金额（元）": "#VALUE!"})),
    "procurement_div0_score.xlsx": lambda p: dossier_file(p, candidate_cell(3, "#DIV/0!")),
    "recommendation_na_name.xlsx": lambda p: recommendation_file(p, "340200", "鸠江区",
                                                                 项目实施单位名称="#N/A"),
    # control and zero-width characters
    "ledger_zero_width_code.xlsx": lambda p: ledger(p, publicity_row("ZW-1", 单位代码="340123\u200b")),
    "ledger_zero_width_choice.xlsx": lambda p: ledger(p, publicity_row("ZW-2", 五进场所="进企业\u200b")),
    "ledger_control_char_title.xlsx": _control_char_title,
    "ledger_invisible_blank_row.xlsx": lambda p: ledger(p, publicity_row("ZW-4"),
                                                        ["", "\u200b", "", "", "", "", "", ""]),
    "funds_bom_in_code.xlsx": lambda p: funds(p, funds_row("ZW-5", 单位代码="\ufeff340123")),
    "procurement_zero_width_credit_code.xlsx": lambda p: dossier_file(p, _credit_code_with_zero_width),
    # numbers and dates written as people write them
    "ledger_fullwidth_comma_int.xlsx": lambda p: ledger(p, publicity_row("NU-1", 参加人数="1，200")),
    "ledger_bool_participants.xlsx": lambda p: ledger(p, publicity_row("NU-2", 参加人数=True)),
    "ledger_serial_date.xlsx": lambda p: ledger(p, publicity_row("NU-3", 日期=46174)),
    "ledger_chinese_text_date.xlsx": lambda p: ledger(p, publicity_row("NU-4", 日期="2026年6月1日")),
    "ledger_date_1900.xlsx": lambda p: ledger(p, publicity_row("NU-5", 日期=D(1900, 1, 1))),
    "ledger_reply_due_9999.xlsx": _reply_due_9999,
    "funds_text_date_slashes.xlsx": lambda p: funds(p, funds_row("NU-6", 支出日期="2026/6/18")),
    "funds_thousands_text.xlsx": lambda p: funds(p, funds_row("NU-7", **{"金额（元）": "１６,８００.００元"})),  # noqa: E501
    "procurement_date_9999.xlsx": lambda p: dossier_file(p, info_value("合同签订日期", D(9999, 12, 31))),
    # merged and hidden rows
    "ledger_merged_dates.xlsx": lambda p: ledger(p, publicity_row("MG-1"), publicity_row("MG-2"),
                                                 publicity_row("MG-3"), edit=_merged_dates),
    "ledger_hidden_row.xlsx": lambda p: ledger(p, publicity_row("HR-1"), publicity_row("HR-2"),
                                               edit=_hidden_row),
    # not an .xlsx at all
    "really_xls.xlsx": lambda p: _ole(p, "Workbook"),
    "encrypted.xlsx": lambda p: _ole(p, "EncryptedPackage"),
    "really_csv.xlsx": lambda p: p.write_bytes("台账编号,单位代码,日期\nXC-1,340123,2026-06-01\n".encode()),
    "really_html.xlsx": lambda p: p.write_bytes(b"<html><body><table><tr><td>1</td></tr></table></html>"),
    "really_zip.xlsx": lambda p: _zip(p, {"readme.txt": b"hello"}),
    "really_docx.xlsx": _docx_renamed,
    "truncated.xlsx": _truncated,
    "broken_sheet_xml.xlsx": _broken_sheet_xml,
    "broken_workbook_xml.xlsx": _broken_workbook_xml,
    "empty_workbook.xlsx": lambda p: book_with(p, {"Sheet": []}),
    "ledger_header_only.xlsx": _header_only,
    "recommendation_header_only.xlsx": lambda p: book_with(p, {"推荐表": [list(RECOMMENDATION)]}),
}


def _stray_into(path: Path, sheet: str, cell: str) -> None:
    book = openpyxl.load_workbook(path)
    book[sheet][cell] = "x"
    book.save(str(path))


def _credit_code_with_zero_width(book: openpyxl.Workbook) -> None:
    ws = book["候选机构"]
    ws.cell(row=2, column=2, value=f"{ws.cell(row=2, column=2).value}\u200b")


# file, command, exit, fragment, class, before (how the release before this corpus handled it)
CASES: list[tuple[str, str, int, str, str, str]] = [
    ("ledger_amount_1e30.xlsx", "ledger", 2, "超过合理上限", "amount", "crash InvalidOperation"),
    ("ledger_amount_text_1e30.xlsx", "ledger", 2, "超过合理上限", "amount", "crash InvalidOperation"),
    ("ledger_amount_noise.xlsx", "ledger", 0, "新增 1 条", "amount", "ok"),
    ("ledger_amount_negative_zero.xlsx", "ledger", 0, "新增 1 条", "amount", "ok"),
    ("ledger_participants_noise.xlsx", "ledger", 0, "新增 1 条", "amount", "refused: 应为整数"),
    ("funds_amount_9e15.xlsx", "funds", 2, "超过合理上限 10,000,000 元", "amount", "ok (other message)"),
    ("funds_amount_1e30_text.xlsx", "funds", 2, "超过合理上限 10,000,000 元", "amount",
     "crash InvalidOperation"),
    ("funds_amount_nan_text.xlsx", "funds", 2, "不是数字", "amount", "ok"),
    ("funds_amount_noise.xlsx", "funds", 0, "新增 1 笔", "amount", "refused: 最多两位小数"),
    ("procurement_contract_9e15.xlsx", "procurement", 2, "超过合理上限 10,000,000 元", "amount",
     "silently stored"),
    ("procurement_contract_2e7.xlsx", "procurement", 2, "超过 10,000,000 元", "amount", "silently stored"),
    ("procurement_contract_1e30.xlsx", "procurement", 2, "超过合理上限 10,000,000 元", "amount",
     "crash InvalidOperation"),
    ("ledger_stray_xfd1048576.xlsx", "ledger", 0, "新增 1 条", "stray cell", "process abort (memory)"),
    ("ledger_stray_a1048576.xlsx", "ledger", 2, "A1048576", "stray cell", "ok (other message)"),
    ("ledger_rows_beyond_limit.xlsx", "ledger", 2, "最多 200,000 行", "row limit", "taken (no limit)"),
    ("funds_stray_xfd1048576.xlsx", "funds", 0, "新增 1 笔", "stray cell", "process abort (memory)"),
    ("recommendation_stray_far_corner.xlsx", "recommendations", 0, "鸠江区", "stray cell",
     "process abort (memory)"),
    ("ledger_sheet_trailing_space.xlsx", "ledger", 0, "新增 1 条", "sheet name", "ok"),
    ("ledger_sheet_zero_width.xlsx", "ledger", 0, "新增 1 条", "sheet name", "refused: 没有台账工作表"),
    ("ledger_sheet_copy_suffix.xlsx", "ledger", 0, "新增 1 条", "sheet name", "refused: 没有台账工作表"),
    ("ledger_sheet_renamed.xlsx", "ledger", 2, "请把工作表名称改回“法治宣传教育”", "sheet name",
     "silent: renamed sheet skipped"),
    ("ledger_sheet_sheet1.xlsx", "ledger", 2, "请把工作表名称改回“法治宣传教育”", "sheet name",
     "ok (other message)"),
    ("ledger_two_copies.xlsx", "ledger", 2, "请只保留一个", "sheet name", "silent: second copy skipped"),
    ("ledger_notes_sheet.xlsx", "ledger", 0, "新增 1 条", "sheet name", "ok"),
    ("ledger_hidden_lookup_sheet.xlsx", "ledger", 0, "新增 1 条", "sheet name", "ok"),
    ("funds_sheet_renamed.xlsx", "funds", 2, "请把工作表名称改回“经费支出”", "sheet name",
     "ok (other message)"),
    ("procurement_sheet_fullwidth_copy.xlsx", "procurement", 0, "中选机构", "sheet name",
     "refused: 缺少工作表"),
    ("ledger_skip_rejects_blocked.xlsx", "ledger-skip", 2, "无法写入问题行文件", "rejects file",
     "crash after the database changed"),
    ("ledger_skip_long_name.xlsx", "ledger-skip", 0, "新增 1 条", "rejects file",
     "crash after the database changed"),
    ("ledger_div0_participants.xlsx", "ledger", 2, "错误值 #DIV/0!", "error value", "silent: read as empty"),
    ("ledger_na_date.xlsx", "ledger", 2, "错误值 #N/A", "error value", "unclear: 未填写"),
    ("ledger_ref_title.xlsx", "ledger", 2, "错误值 #REF!", "error value", "unclear: 未填写"),
    ("ledger_na_notes.xlsx", "ledger", 2, "错误值 #N/A", "error value", "silent: read as empty"),
    ("funds_value_error_amount.xlsx", "funds", 2, "错误值 #VALUE!", "error value", "unclear: 未填写"),
    ("procurement_div0_score.xlsx", "procurement", 2, "错误值 #DIV/0!", "error value", "unclear: 未填写"),
    ("recommendation_na_name.xlsx", "recommendations", 2, "错误值 #N/A", "error value", "unclear: 未填写"),
    ("ledger_zero_width_code.xlsx", "ledger", 0, "新增 1 条", "invisible characters", "refused: 单位代码"),
    ("ledger_zero_width_choice.xlsx", "ledger", 0, "新增 1 条", "invisible characters", "refused: 五进场所"),
    ("ledger_control_char_title.xlsx", "ledger", 0, "新增 1 条", "invisible characters",
     "silent: control character stored"),
    ("ledger_invisible_blank_row.xlsx", "ledger", 0, "新增 1 条", "invisible characters",
     "refused: blank row read as filled"),
    ("funds_bom_in_code.xlsx", "funds", 0, "新增 1 笔", "invisible characters", "refused: 单位代码"),
    ("procurement_zero_width_credit_code.xlsx", "procurement", 0, "中选机构", "invisible characters",
     "refused: 统一社会信用代码"),
    ("ledger_fullwidth_comma_int.xlsx", "ledger", 0, "新增 1 条", "text number", "refused: 应为整数"),
    ("ledger_bool_participants.xlsx", "ledger", 2, "应为整数，实为“TRUE”", "boolean", "ok (实为“True”)"),
    ("ledger_serial_date.xlsx", "ledger", 0, "新增 1 条", "date serial", "refused: 不是有效日期"),
    ("ledger_chinese_text_date.xlsx", "ledger", 0, "新增 1 条", "text date", "ok"),
    ("ledger_date_1900.xlsx", "ledger", 2, "日期 1900-01-01 不在项目实施期", "date range", "ok"),
    ("ledger_reply_due_9999.xlsx", "ledger", 2, "日期 9999-12-31 不合理", "date range", "silently stored"),
    ("funds_text_date_slashes.xlsx", "funds", 0, "新增 1 笔", "text date", "refused: 不是有效日期"),
    ("funds_thousands_text.xlsx", "funds", 0, "新增 1 笔", "text number", "ok"),
    ("procurement_date_9999.xlsx", "procurement", 2, "日期 9999-12-31 不合理", "date range",
     "silently stored"),
    ("ledger_merged_dates.xlsx", "ledger", 0, "新增 3 条", "merged rows", "refused: 日期 未填写"),
    ("ledger_hidden_row.xlsx", "ledger", 0, "新增 2 条", "hidden rows", "ok"),
    ("really_xls.xlsx", "ledger", 2, "旧版 Excel 97-2003", "not xlsx", "unclear: 文件已损坏或不是 Excel"),
    ("encrypted.xlsx", "funds", 2, "打开密码", "encrypted", "unclear: 文件已损坏或不是 Excel"),
    ("really_csv.xlsx", "ledger", 2, "文本文件（如 CSV）", "not xlsx", "unclear: 文件已损坏或不是 Excel"),
    ("really_html.xlsx", "procurement", 2, "网页（HTML）", "not xlsx", "unclear: 文件已损坏或不是 Excel"),
    ("really_zip.xlsx", "ledger", 2, "ZIP 压缩包", "not xlsx", "unclear: 文件已损坏或不是 Excel"),
    ("really_docx.xlsx", "recommendations", 2, "Word 文档", "not xlsx", "unclear: 文件已损坏或不是 Excel"),
    ("truncated.xlsx", "ledger", 2, "文件已损坏或不是 Excel", "damaged", "ok"),
    ("broken_sheet_xml.xlsx", "ledger", 2, "文件已损坏或不是 Excel", "damaged", "ok"),
    ("broken_workbook_xml.xlsx", "funds", 2, "文件已损坏或不是 Excel", "damaged", "ok (other message)"),
    ("empty_workbook.xlsx", "ledger", 2, "没有台账工作表", "empty workbook", "ok"),
    ("ledger_header_only.xlsx", "ledger", 0, "新增 0 条", "header only", "ok"),
    ("recommendation_header_only.xlsx", "recommendations", 2, "没有填写任何推荐单位", "header only", "ok"),
]


# What the test does before running a case: put a folder where the rejects file goes; copy the file to
# a name of 250 bytes so the rejects name would pass the file-system limit of 255.
SETUP = {"ledger_skip_rejects_blocked.xlsx": "block-rejects", "ledger_skip_long_name.xlsx": "long-name"}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.xlsx"):
        old.unlink()
    for name, build in BUILDERS.items():
        build(OUT / name)
    missing = {file for file, *_ in CASES} ^ set(BUILDERS)
    assert not missing, f"files and cases differ: {sorted(missing)}"
    cases = [{"file": file, "command": command, "exit": code, "expect": expect, "class": kind,
              "before": before} | ({"setup": SETUP[file]} if file in SETUP else {})
             for file, command, code, expect, kind, before in CASES]
    header = ("# Generated by tests/corpus/make_xlsx_corpus.py: what each import must do with each file.\n"
              "# exit 0: taken (expect is in the output); exit 2: refused, expect is in the message.\n")
    text = yaml.safe_dump(cases, allow_unicode=True, sort_keys=False, width=200)
    (HERE / "cases.yaml").write_text(header + text, encoding="utf-8")
    print(f"wrote {len(BUILDERS)} files to {OUT}")


if __name__ == "__main__":
    main()
