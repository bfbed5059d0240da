"""The procurement dossier workbook of one unit (遴选、合同、团队、坐班、任务清单): template and reader."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from config.divisions import anhui_counties
from config.intake import NOTICE_MAILBOX
from models.dossier_values import (
    DUTY_LABELS,
    MAX_SCORE,
    NO,
    YES,
    filled,
    optional_description,
    optional_text,
    parse_category,
    parse_contract_fen,
    parse_credit_code,
    parse_date,
    parse_description,
    parse_duty_kind,
    parse_method,
    parse_score,
    parse_target,
    parse_weekdays,
    parse_winner,
    required_text,
    weekdays_text,
)
from models.enums import METHOD_LABELS, DutyKind, ProcurementMethod
from models.errors import InputError, Problem
from models.forms import SCORE_DIMENSIONS, Candidate, ProcurementDossier, TaskRow, TeamMemberRow
from models.gates import MIN_TEAM
from models.ledger_schema import CATEGORY_LABELS
from models.send_instructions import template_send_section
from models.values import CellError, cell_error, cell_text, date_formats_text, parse_division_code
from tasks.forms.xlsx_read import (
    guard_reader,
    header_columns,
    match_sheets,
    read_workbook,
    shown,
)
from tasks.forms.xlsx_write import workbook_formats, write_help_sheet

HELP_SHEET = "填写说明"
INFO_SHEET = "遴选信息"
CANDIDATE_SHEET = "候选机构"
TEAM_SHEET = "服务团队"
TASK_SHEET = "任务清单"
DATA_SHEETS = (INFO_SHEET, CANDIDATE_SHEET, TEAM_SHEET, TASK_SHEET)

# 遴选信息: (key, label) in row order, from row 2 (row 1 is the header 项目 / 填写内容 / 说明).
INFO_ROWS = (
    ("unit_code", "单位代码"),
    ("method", "遴选方式"),
    ("decided_on", "遴选日期"),
    ("contract_amount", "合同金额（元）"),
    ("subsidy", "省补助（元）"),
    ("signed_on", "合同签订日期"),
    ("service_start", "服务开始日期"),
    ("service_end", "服务结束日期"),
    ("duty_kind", "坐班方式"),
    ("duty_weekdays", "固定坐班日"),
    ("method_note", "其他方式说明"),
    ("selection_reason", "择优说明"),
)
OPTIONAL_INFO = ("method_note", "selection_reason")   # files made before these rows existed still import
INFO_LABEL = dict(INFO_ROWS)
INFO_HEADERS = ("项目", "填写内容", "说明")
INFO_NOTES = {
    "unit_code": "县（区）行政区划代码，6 位数字，如 340123",
    "method": "下拉选择：比价 / 议标 / 竞争性谈判 / 询价比选 / 其他合规方式",
    "decided_on": "确定中选机构的日期，格式 yyyy-mm-dd",
    "contract_amount": "服务合同总金额，单位：元，最多两位小数",
    "subsidy": "省总工会补助金额，单位：元；不得超过合同金额，超出部分由单位自行承担",
    "signed_on": "服务合同签订日期，格式 yyyy-mm-dd",
    "service_start": "合同约定的服务开始日期",
    "service_end": "合同约定的服务结束日期，不得早于服务开始日期",
    "duty_kind": "下拉选择：工作日轮流 / 每周固定",
    "duty_weekdays": "仅“每周固定”时填写，如：周二、周四（只能是周一至周五）",
    "method_note": "遴选方式为“其他合规方式”时必填：写明具体方式及依据",
    "selection_reason": "候选机构少于 3 家，或中选机构不是总分最高者时填写理由（竞争择优）",
}
DATE_KEYS = ("decided_on", "signed_on", "service_start", "service_end")
MONEY_KEYS = ("contract_amount", "subsidy")

NAME, CODE, TOTAL, WINNER = "机构名称", "统一社会信用代码", "总分", "是否中选"
CANDIDATE_HEADERS = (NAME, CODE, *SCORE_DIMENSIONS.values(), TOTAL, WINNER)
MEMBER_NAME, ROLE, QUALIFICATION = "姓名", "角色", "执业资格"
TEAM_HEADERS = (MEMBER_NAME, ROLE, QUALIFICATION)
CATEGORY, DESCRIPTION, TARGET = "类别", "任务内容", "目标数量"
TASK_HEADERS = (CATEGORY, DESCRIPTION, TARGET)

ROLE_SUGGESTIONS = ("团队负责人", "执业律师", "法律助理", "调解员")

TEMPLATE_ROWS = {CANDIDATE_SHEET: 10, TEAM_SHEET: 10, TASK_SHEET: 20}  # formatted rows in a blank file
VALIDATED_ROWS = 200  # dropdowns and checks reach this far down each list sheet

TEAM_NOTE = "姓名和角色必填。按项目要求团队应不少于 {minimum} 人（进入实施阶段前检查）。"
HELP_TEXT = (
    ("本工作簿用途", [
        "记录本单位遴选法律服务社会组织的全过程：遴选方式与评审、服务合同、服务团队、坐班安排和任务清单。",
        "每个项目实施单位填写一个文件。请勿修改工作表名称和第 1 行表头；灰色表头下逐行填写。",
        "导入时会检查全部内容，并一次列出所有问题（工作表、行号、列名和原因）；有任何问题时不导入任何内容。",
    ]),
    (f"工作表“{INFO_SHEET}”", [
        "A 列为项目名称（请勿修改），B 列填写内容，C 列为说明。",
        "单位代码：县（区）行政区划代码，6 位数字。",
        "遴选方式：比价、议标、竞争性谈判、询价比选，或其他合规方式（下拉选择）；选“其他合规方式”时须在"
        "“其他方式说明”写明具体方式。",
        "竞争择优：候选机构少于 3 家，或中选机构不是总分最高者时，须在“择优说明”写明理由；"
        "未写明的，筹备部署关口“以合规方式遴选社会组织”一项不满足。",
        date_formats_text() + "服务结束日期不得早于服务开始日期。",
        "金额单位为元，最多两位小数；省补助不得超过合同金额。",
        "坐班方式：工作日轮流，或每周固定；选“每周固定”时在“固定坐班日”填写周一至周五中的一天或几天，"
        "如“周二、周四”，也可写“星期二,星期四”或“2,4”。周六、周日不能作为固定坐班日。",
    ]),
    (f"工作表“{CANDIDATE_SHEET}”", [
        "每家参加遴选的机构填一行，至少一家。",
        "统一社会信用代码为 18 位，由数字和大写字母组成（不使用 I、O、Z、S、V），"
        "第 18 位是按 GB 32100—2015 计算的校验位；导入时逐行校验，填错会指出应为哪个字符。",
        "按通知规定的五个维度评分：" + "；".join(SCORE_DIMENSIONS.values()) + "。",
        f"每个维度 0–{MAX_SCORE} 分（可有小数），总分满分 100 分。",
        "“总分”列由公式自动求和，仅供查看；导入时按五项得分重新计算，不读取该列。",
        "“是否中选”下拉选择是/否，有且只有一家为“是”；留空视为“否”。",
    ]),
    (f"工作表“{TEAM_SHEET}”", [
        "中选机构派出的服务团队，每人一行：姓名、角色（如团队负责人、执业律师、法律助理）、执业资格（如律师执业证号）。",
        TEAM_NOTE,
    ]),
    (f"工作表“{TASK_SHEET}”", [
        "细化后的任务清单，每项任务一行。",
        "类别下拉选择：" + "、".join(CATEGORY_LABELS.values()) + "。",
        "任务内容必填；目标数量填不小于 0 的整数（如 10 场、10 件写 10），无数量目标填 0。",
    ]),
)


# ---------------------------------------------------------------- writing


def write_procurement_xlsx(path: Path, dossier: ProcurementDossier | None = None, *,
                           team_minimum: int = MIN_TEAM, mailbox: str = NOTICE_MAILBOX) -> None:
    """Write the dossier workbook (a blank template, or filled in from `dossier`); help names team_minimum."""
    book = xlsxwriter.Workbook(str(path))
    fmt = workbook_formats(book)
    _write_help(book, fmt, team_minimum, mailbox)
    _write_info(book, fmt, dossier)
    _write_candidates(book, fmt, dossier.candidates if dossier else ())
    _write_team(book, fmt, dossier.team if dossier else ())
    _write_tasks(book, fmt, dossier.tasks if dossier else ())
    book.close()


def _header(sheet: Any, headers: tuple[str, ...], widths: tuple[int, ...], fmt: dict[str, Any]) -> None:
    """Bold header row, column widths and a frozen first row."""
    for col, (text, width) in enumerate(zip(headers, widths, strict=True)):
        sheet.write_string(0, col, text, fmt["header"])
        sheet.set_column(col, col, width)
    sheet.set_row(0, 32)
    sheet.freeze_panes(1, 0)


def _dropdown(sheet: Any, cells: tuple[int, int, int, int], choices: list[str], *,
              strict: bool = True) -> None:
    """A list dropdown on a range (first_row, first_col, last_row, last_col); strict refuses other values."""
    sheet.data_validation(*cells, {
        "validate": "list", "source": choices, "show_error": strict,
        "error_title": "请从下拉列表选择", "error_message": "可选：" + "、".join(choices),
    })


def _write_help(book: Any, fmt: dict[str, Any], team_minimum: int, mailbox: str) -> None:
    """The 填写说明 sheet: one paragraph per line, a bold title per sheet, then where to send it."""
    sections = (*help_text(team_minimum), template_send_section("preparation", mailbox))
    write_help_sheet(book, fmt, HELP_SHEET, "法律服务社会组织遴选档案 填写说明", sections, width=110)


def help_text(team_minimum: int) -> tuple[tuple[str, list[str]], ...]:
    """The 填写说明 with the programme's team minimum written in."""
    return tuple((title, [line.format(minimum=team_minimum) if line is TEAM_NOTE else line for line in lines])
                 for title, lines in HELP_TEXT)


def _label(labels: dict[Any, str], code: str) -> str:
    """The Chinese label of an enum code (the code itself when unknown)."""
    return next((label for key, label in labels.items() if key == code), code)


def _info_values(dossier: ProcurementDossier | None) -> dict[str, Any]:
    """The 遴选信息 values to show (empty without a dossier)."""
    if dossier is None:
        return {}
    return {
        "unit_code": dossier.unit_code,
        "method": _label(METHOD_LABELS, dossier.method),
        "decided_on": dossier.decided_on,
        "contract_amount": dossier.contract_amount_fen / 100,
        "subsidy": dossier.subsidy_fen / 100,
        "signed_on": dossier.signed_on,
        "service_start": dossier.service_start,
        "service_end": dossier.service_end,
        "duty_kind": _label(DUTY_LABELS, dossier.duty_kind),
        "duty_weekdays": weekdays_text(dossier.duty_weekdays),
        "method_note": dossier.method_note,
        "selection_reason": dossier.selection_reason,
    }


def _write_info(book: Any, fmt: dict[str, Any], dossier: ProcurementDossier | None) -> None:
    """The 遴选信息 sheet: label in A, value in B, note in C."""
    sheet = book.add_worksheet(INFO_SHEET)
    _header(sheet, INFO_HEADERS, (18, 28, 70), fmt)
    values = _info_values(dossier)
    for offset, (key, label) in enumerate(INFO_ROWS):
        row = offset + 1
        sheet.write_string(row, 0, label, fmt["label"])
        sheet.write_string(row, 2, INFO_NOTES[key], fmt["note"])
        _write_info_value(sheet, fmt, row, key, values.get(key))
    _info_validations(sheet)


def _write_info_value(sheet: Any, fmt: dict[str, Any], row: int, key: str, value: Any) -> None:
    """One 遴选信息 value in column B, formatted for its kind (blank when None)."""
    cell_format = fmt["date"] if key in DATE_KEYS else fmt["money"] if key in MONEY_KEYS else fmt["text"]
    if value is None or value == "":
        sheet.write_blank(row, 1, None, cell_format)
    elif key in DATE_KEYS:
        sheet.write_datetime(row, 1, value, cell_format)
    elif key in MONEY_KEYS:
        sheet.write_number(row, 1, value, cell_format)
    else:
        sheet.write_string(row, 1, str(value), cell_format)


def _info_row(key: str) -> int:
    """0-based row of an 遴选信息 key in the written template."""
    return [k for k, _ in INFO_ROWS].index(key) + 1


def _info_validations(sheet: Any) -> None:
    """Dropdowns and checks on the 遴选信息 values."""
    _dropdown(sheet, (_info_row("method"), 1, _info_row("method"), 1), list(METHOD_LABELS.values()))
    _dropdown(sheet, (_info_row("duty_kind"), 1, _info_row("duty_kind"), 1), list(DUTY_LABELS.values()))
    code_row = _info_row("unit_code")
    sheet.data_validation(code_row, 1, code_row, 1, {
        "validate": "length", "criteria": "==", "value": 6,
        "error_title": "单位代码", "error_message": "单位代码为 6 位数字，如 340123",
    })
    for key in MONEY_KEYS:
        sheet.data_validation(_info_row(key), 1, _info_row(key), 1, {
            "validate": "decimal", "criteria": ">=", "value": 0,
            "error_title": "金额", "error_message": "金额以元为单位，不小于 0，最多两位小数",
        })
    for key in DATE_KEYS:
        sheet.data_validation(_info_row(key), 1, _info_row(key), 1, {
            "validate": "date", "criteria": ">", "value": dt.date(2000, 1, 1),
            "error_title": "日期", "error_message": "请按 yyyy-mm-dd 填写日期，如 2026-06-01",
        })


def _write_candidates(book: Any, fmt: dict[str, Any], candidates: tuple[Candidate, ...]) -> None:
    """The 候选机构 sheet: name, code, five scores, SUM formula, winner dropdown."""
    sheet = book.add_worksheet(CANDIDATE_SHEET)
    score_cols = range(2, 2 + len(SCORE_DIMENSIONS))
    total_col, winner_col = 2 + len(SCORE_DIMENSIONS), 3 + len(SCORE_DIMENSIONS)
    _header(sheet, CANDIDATE_HEADERS, (30, 22, *(16 for _ in score_cols), 10, 10), fmt)
    for index in range(max(len(candidates), TEMPLATE_ROWS[CANDIDATE_SHEET])):
        row = index + 1
        candidate = candidates[index] if index < len(candidates) else None
        _write_candidate(sheet, fmt, row, candidate, score_cols)
        first, last = xl_rowcol_to_cell(row, score_cols[0]), xl_rowcol_to_cell(row, score_cols[-1])
        sheet.write_formula(row, total_col, f"=SUM({first}:{last})", fmt["total"],
                            candidate.total if candidate else 0)
    last_row = VALIDATED_ROWS
    sheet.data_validation(1, score_cols[0], last_row, score_cols[-1], {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": MAX_SCORE,
        "input_title": "评分", "input_message": f"每个维度 0–{MAX_SCORE} 分",
        "error_title": "评分超出范围", "error_message": f"每个维度的得分应在 0–{MAX_SCORE} 分之间",
    })
    sheet.data_validation(1, 1, last_row, 1, {
        "validate": "length", "criteria": "==", "value": 18,
        "error_title": "统一社会信用代码", "error_message": "统一社会信用代码为 18 位",
    })
    _dropdown(sheet, (1, winner_col, last_row, winner_col), [YES, NO])


def _write_candidate(sheet: Any, fmt: dict[str, Any], row: int, candidate: Candidate | None,
                     score_cols: range) -> None:
    """One candidate row (formatted blanks without a candidate)."""
    winner_col = score_cols[-1] + 2
    if candidate is None:
        sheet.write_blank(row, 0, None, fmt["text"])
        sheet.write_blank(row, 1, None, fmt["text"])
        return
    sheet.write_string(row, 0, candidate.name, fmt["text"])
    sheet.write_string(row, 1, candidate.credit_code, fmt["text"])
    for col, dimension in zip(score_cols, SCORE_DIMENSIONS, strict=True):
        sheet.write_number(row, col, candidate.scores[dimension], fmt["score"])
    sheet.write_string(row, winner_col, YES if candidate.winner else NO, fmt["text"])


def _write_team(book: Any, fmt: dict[str, Any], team: tuple[TeamMemberRow, ...]) -> None:
    """The 服务团队 sheet: name, role (suggested roles, free text allowed), qualification."""
    sheet = book.add_worksheet(TEAM_SHEET)
    _header(sheet, TEAM_HEADERS, (14, 16, 36), fmt)
    for index, member in enumerate(team):
        for col, value in enumerate((member.name, member.role, member.qualification)):
            sheet.write_string(index + 1, col, value, fmt["text"])
    _dropdown(sheet, (1, 1, VALIDATED_ROWS, 1), list(ROLE_SUGGESTIONS), strict=False)


def _write_tasks(book: Any, fmt: dict[str, Any], tasks: tuple[TaskRow, ...]) -> None:
    """The 任务清单 sheet: category dropdown, description, integer target."""
    sheet = book.add_worksheet(TASK_SHEET)
    _header(sheet, TASK_HEADERS, (16, 60, 10), fmt)
    for index, task in enumerate(tasks):
        sheet.write_string(index + 1, 0, _label(CATEGORY_LABELS, task.category), fmt["text"])
        sheet.write_string(index + 1, 1, task.description, fmt["wrap"])
        sheet.write_number(index + 1, 2, task.target, fmt["int"])
    _dropdown(sheet, (1, 0, VALIDATED_ROWS, 0), list(CATEGORY_LABELS.values()))
    sheet.data_validation(1, 2, VALIDATED_ROWS, 2, {
        "validate": "integer", "criteria": ">=", "value": 0,
        "error_title": "目标数量", "error_message": "目标数量为不小于 0 的整数",
    })


# ------------------------------------------------------------ unit code (other values: models.dossier_values)


def parse_unit_code(value: object) -> str:
    """Six digits naming an Anhui county (县区行政区划代码); 未填写 when empty."""
    return filled(parse_division_code(value, {county.code for county in anhui_counties()}))


# ---------------------------------------------------------------- reading the workbook


@dataclass
class _Report:
    """Every problem found in one file, and the parsed value of each checked cell."""

    path: Path
    problems: list[Problem] = field(default_factory=list)

    def add(self, reason: str, sheet: str, row: int | None = None, column: str = "") -> None:
        """Record one problem."""
        self.problems.append(Problem(shown(self.path), reason, sheet=sheet, row=row, column=column))

    def check(self, parse: Callable[[object], Any], value: object, sheet: str, row: int | None,
              column: str) -> Any:
        """parse(value), or None with a problem recorded at (sheet, row, column)."""
        if value.__class__ is CellError:
            self.add(cell_error(value), sheet, row, column)
            return None
        try:
            return parse(value)
        except ValueError as error:
            self.add(str(error), sheet, row, column)
            return None


@guard_reader
def read_procurement_xlsx(path: Path) -> ProcurementDossier:
    """Read and check a dossier workbook; every problem at once as an InputError, nothing partial."""
    found = read_workbook(path)
    report = _Report(path)
    taken, report.problems = match_sheets(found, DATA_SHEETS, path, ignored=(HELP_SHEET,), headers={
        CANDIDATE_SHEET: [h for h in CANDIDATE_HEADERS if h != TOTAL], TEAM_SHEET: TEAM_HEADERS,
        TASK_SHEET: TASK_HEADERS})
    book = {name: found[actual] for name, actual in taken.items()}
    for name in DATA_SHEETS:
        if name not in book:
            report.add(f"缺少工作表“{name}”（现有：{'、'.join(found) or '无'}）", name)
    info = _read_info(book[INFO_SHEET], report) if INFO_SHEET in book else None
    candidates = _read_candidates(book[CANDIDATE_SHEET], report) if CANDIDATE_SHEET in book else None
    team = _read_rows(book, TEAM_SHEET, TEAM_HEADERS, report, _team_member)
    tasks = _read_rows(book, TASK_SHEET, TASK_HEADERS, report, _task)
    if report.problems:
        raise InputError(report.problems)
    assert info is not None and candidates is not None and team is not None and tasks is not None
    return ProcurementDossier(candidates=candidates, team=team, tasks=tasks, **info)


def _cell(row: list, col: int) -> object:
    """The value at a 0-based column ('' beyond the row's end)."""
    return row[col] if col < len(row) else ""


def _label_key(text: str) -> str:
    """Normalise a label for matching: trimmed, full-width brackets, no spaces."""
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")


def _info_rows(rows: list[list], report: _Report) -> dict[str, int]:
    """1-based row of each 遴选信息 label found in column A; missing labels reported."""
    found: dict[str, int] = {}
    keys = {_label_key(label): key for key, label in INFO_ROWS}
    for number, row in enumerate(rows, 1):
        key = keys.get(_label_key(cell_text(_cell(row, 0))))
        if key and key not in found:
            found[key] = number
    for key, label in INFO_ROWS:
        if key not in found and key not in OPTIONAL_INFO:
            report.add(f"缺少“{label}”一行（A 列为项目名称，B 列填写内容）", INFO_SHEET, column=label)
    return found


INFO_PARSERS: dict[str, Callable[[object], Any]] = {
    "unit_code": parse_unit_code, "method": parse_method,
    "decided_on": parse_date, "signed_on": parse_date, "service_start": parse_date, "service_end": parse_date,
    "contract_amount": parse_contract_fen, "subsidy": parse_contract_fen,
    "duty_kind": parse_duty_kind, "duty_weekdays": parse_weekdays,
    "method_note": optional_description, "selection_reason": optional_description,
}


def _read_info(rows: list[list], report: _Report) -> dict[str, Any] | None:
    """The 遴选信息 values as ProcurementDossier keyword arguments (None when any is bad)."""
    where = _info_rows(rows, report)
    before = len(report.problems)
    values = {key: report.check(INFO_PARSERS[key], _cell(rows[number - 1], 1), INFO_SHEET, number,
                                INFO_LABEL[key]) for key, number in where.items()}
    _check_info_together(values, where, report)
    required_missing = [key for key, _ in INFO_ROWS if key not in where and key not in OPTIONAL_INFO]
    if len(report.problems) > before or required_missing:
        return None
    return {
        "unit_code": values["unit_code"], "method": values["method"], "decided_on": values["decided_on"],
        "contract_amount_fen": values["contract_amount"], "subsidy_fen": values["subsidy"],
        "signed_on": values["signed_on"], "service_start": values["service_start"],
        "service_end": values["service_end"], "duty_kind": values["duty_kind"],
        "duty_weekdays": values["duty_weekdays"], "method_note": values.get("method_note", ""),
        "selection_reason": values.get("selection_reason", ""),
    }


def _check_info_together(values: dict[str, Any], where: dict[str, int], report: _Report) -> None:
    """Rules across 遴选信息 values: end ≥ start, subsidy ≤ amount, weekdays iff 每周固定."""
    def problem(key: str, reason: str) -> None:
        report.add(reason, INFO_SHEET, where[key], INFO_LABEL[key])

    start, end = values.get("service_start"), values.get("service_end")
    if start and end and end < start:
        problem("service_end", f"服务结束日期 {end} 早于服务开始日期 {start}")
    amount, subsidy = values.get("contract_amount"), values.get("subsidy")
    if amount is not None and subsidy is not None and subsidy > amount:
        problem("subsidy", f"省补助 {subsidy / 100:.2f} 元超过合同金额 {amount / 100:.2f} 元")
    if values.get("method") == ProcurementMethod.other and not values.get("method_note"):
        problem("method", "遴选方式为“其他合规方式”时须在“其他方式说明”一行写明具体方式")
    kind, days = values.get("duty_kind"), values.get("duty_weekdays")
    if kind == DutyKind.fixed_weekdays and days == ():
        problem("duty_weekdays", "坐班方式为“每周固定”时须填写固定坐班日，如“周二、周四”")
    if kind == DutyKind.rotation and days:
        problem("duty_weekdays", "坐班方式为“工作日轮流”时不填固定坐班日（或将坐班方式改为“每周固定”）")


def _columns(rows: list[list], headers: tuple[str, ...], sheet: str,
             report: _Report) -> dict[str, int] | None:
    """Header columns of a list sheet, or None with the missing headers reported."""
    try:
        return header_columns(rows, list(headers), report.path, sheet)
    except InputError as error:
        report.problems.extend(error.problems)
        return None


def _filled_rows(rows: list[list], columns: list[int]) -> list[tuple[int, list]]:
    """(1-based row number, row) of data rows with any of `columns` filled."""
    return [(number, row) for number, row in enumerate(rows[1:], 2)
            if any(cell_text(_cell(row, c)) for c in columns)]


def _read_candidates(rows: list[list], report: _Report) -> tuple[Candidate, ...] | None:
    """The 候选机构 rows; at least one, exactly one winner, distinct credit codes."""
    headers = tuple(h for h in CANDIDATE_HEADERS if h != TOTAL)
    columns = _columns(rows, headers, CANDIDATE_SHEET, report)
    if columns is None:
        return None
    before = len(report.problems)
    filled = _filled_rows(rows, list(columns.values()))
    parsed = [(number, _candidate(row, number, columns, report)) for number, row in filled]
    candidates = [(number, c) for number, c in parsed if c is not None]
    _check_candidates_together(candidates, len(filled), report)
    if len(report.problems) > before:
        return None
    return tuple(c for _, c in candidates)


def _candidate(row: list, number: int, columns: dict[str, int], report: _Report) -> Candidate | None:
    """One candidate row, or None with its problems reported."""
    def check(parse: Callable[[object], Any], header: str) -> Any:
        return report.check(parse, _cell(row, columns[header]), CANDIDATE_SHEET, number, header)

    name, code = check(required_text, NAME), check(parse_credit_code, CODE)
    winner = check(parse_winner, WINNER)
    scores = {dimension: check(parse_score, label) for dimension, label in SCORE_DIMENSIONS.items()}
    if name is None or code is None or winner is None or None in scores.values():
        return None
    return Candidate(name=name, credit_code=code, scores=scores, total=round(sum(scores.values()), 2),
                     winner=winner)


def _check_candidates_together(candidates: list[tuple[int, Candidate]], filled: int, report: _Report) -> None:
    """At least one candidate, exactly one winner, no credit code twice."""
    if filled == 0:
        report.add("至少填写一家候选机构", CANDIDATE_SHEET, column=NAME)
        return
    winners = [number for number, c in candidates if c.winner]
    if len(candidates) == filled and not winners:
        report.add(f"没有中选机构：须有一家的“{WINNER}”为“{YES}”", CANDIDATE_SHEET, column=WINNER)
    if len(winners) > 1:
        rows = "、".join(str(n) for n in winners)
        report.add(f"只能有一家中选机构，第 {rows} 行均为“{YES}”", CANDIDATE_SHEET, column=WINNER)
    seen: dict[str, int] = {}
    for number, candidate in candidates:
        if candidate.credit_code in seen:
            first = seen[candidate.credit_code]
            report.add(f"统一社会信用代码与第 {first} 行重复", CANDIDATE_SHEET, number, CODE)
        seen.setdefault(candidate.credit_code, number)


def _read_rows(book: dict[str, list[list]], sheet: str, headers: tuple[str, ...], report: _Report,
               parse_row: Callable[[list, int, dict[str, int], _Report], Any]) -> tuple | None:
    """Parse each filled row of a simple list sheet (服务团队, 任务清单); None when absent or bad."""
    if sheet not in book:
        return None
    rows = book[sheet]
    columns = _columns(rows, headers, sheet, report)
    if columns is None:
        return None
    filled = _filled_rows(rows, list(columns.values()))
    parsed = [parse_row(row, number, columns, report) for number, row in filled]
    return None if None in parsed else tuple(parsed)


def _team_member(row: list, number: int, columns: dict[str, int], report: _Report) -> TeamMemberRow | None:
    """One 服务团队 row: name and role required."""
    name = report.check(required_text, _cell(row, columns[MEMBER_NAME]), TEAM_SHEET, number, MEMBER_NAME)
    role = report.check(required_text, _cell(row, columns[ROLE]), TEAM_SHEET, number, ROLE)
    qualification = report.check(optional_text, _cell(row, columns[QUALIFICATION]), TEAM_SHEET, number,
                                 QUALIFICATION)
    if name is None or role is None or qualification is None:
        return None
    return TeamMemberRow(name=name, role=role, qualification=qualification)


def _task(row: list, number: int, columns: dict[str, int], report: _Report) -> TaskRow | None:
    """One 任务清单 row: known category, description, non-negative integer target."""
    category = report.check(parse_category, _cell(row, columns[CATEGORY]), TASK_SHEET, number, CATEGORY)
    description = report.check(parse_description, _cell(row, columns[DESCRIPTION]), TASK_SHEET, number,
                               DESCRIPTION)
    target = report.check(parse_target, _cell(row, columns[TARGET]), TASK_SHEET, number, TARGET)
    if category is None or description is None or target is None:
        return None
    return TaskRow(category=category, description=description, target=target)
