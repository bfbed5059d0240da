"""附件2 实施项目工作方案: the Word template, reading .docx/.txt/.md, and the exact character count."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from pathlib import Path

import docx
import pytest

from models.errors import InputError, Problem
from models.forms import WorkPlanText
from models.workplan_count import COUNT_RULE, WORK_PLAN_LIMIT, count_characters
from tasks.forms.workplan import GUIDANCE, HEADINGS, NOTICE_NOTE, read_workplan, write_workplan_docx

TARGETS = "到 2027 年 4 月，开展法治宣传教育不少于 12 场。\n参与劳动法律监督不少于 10 件。"
FOUNDATION = "已建成县职工法律一站式服务中心，专职人员 5 名。"
PLAN = "2026 年 5 月完成遴选；6 月起每周二、周四坐班。\n预计难点：企业配合度低，依托园区工会协调。"
FOOTER = (NOTICE_NOTE, "实施单位：肥西县总工会", "申报日期：2026年5月8日")


def plan_lines(targets: str = TARGETS, foundation: str = FOUNDATION, plan: str = PLAN,
               headings: tuple[str, ...] = HEADINGS) -> list[str]:
    """A plan as a person types it: 附件2, the title, the three sections, the note and the footer."""
    body = [line for heading, text in zip(headings, (targets, foundation, plan), strict=True)
            for line in (heading, text)]
    return ["附件2", "实施项目工作方案", "", *body, *FOOTER]


def text_file(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def docx_file(path: Path, lines: list[str]) -> Path:
    """A plain Word file, one paragraph per line (no template styles)."""
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        read_workplan(path)
    return caught.value.problems


def filler(n: int) -> str:
    """`n` visible characters (汉字, punctuation, digits, letters) with blanks of every kind between."""
    visible = itertools.cycle("职工法律援助，。2026ABcd（）“”、；：")
    out = []
    for i in range(1, n + 1):
        out.append(next(visible))
        out.append("\n" if i % 50 == 0 else "\u3000" if i % 11 == 0 else " " if i % 7 == 0 else "")
    return "".join(out)


# ---- reading ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, make",
    [
        ("方案.txt", lambda p: text_file(p, plan_lines())),
        ("方案-gbk.txt", lambda p: text_file(p, plan_lines(), "gbk")),
        ("方案-gb18030.txt", lambda p: text_file(p, plan_lines(), "gb18030")),
        ("方案-bom.txt", lambda p: text_file(p, plan_lines(), "utf-8-sig")),
        ("方案.docx", lambda p: docx_file(p, plan_lines())),
        ("方案.md", lambda p: text_file(p, ["# 实施项目工作方案", "", "## 一、目标任务", "",
                                            "- 到 2027 年 4 月，开展法治宣传教育不少于 12 场。",
                                            "- 参与劳动法律监督不少于 **10** 件。", "", "---",
                                            "## 二、工作基础", FOUNDATION, "### 三、具体方案 ##", PLAN,
                                            "", "> " + NOTICE_NOTE])),
    ],
)
def test_each_kind_of_file_gives_the_same_three_sections(tmp_path, name, make):
    plan = read_workplan(make(tmp_path / name))
    assert (plan.targets, plan.foundation, plan.plan) == (TARGETS, FOUNDATION, PLAN)
    assert plan.count_rule == COUNT_RULE


def test_the_filled_word_template_reads_back_the_plan_it_was_written_with(tmp_path):
    count = count_characters(TARGETS + FOUNDATION + PLAN)
    written = WorkPlanText(TARGETS, FOUNDATION, PLAN, count, COUNT_RULE)
    path = tmp_path / "方案.docx"
    write_workplan_docx(path, written, unit_name="肥西县总工会", submitted_on=dt.date(2026, 5, 8))
    assert read_workplan(path) == written


@pytest.mark.parametrize(
    "heading",
    ["一、目标任务", "一.目标任务", "一．目标任务", "（一）目标任务", "(一) 目标任务", "一、 目标任务",
     "一、\u3000目标任务", "\u3000\u3000一、目标任务", "1、目标任务", "一、目标任务：", "目标任务"],
)
def test_the_usual_ways_of_numbering_a_heading_are_recognised(tmp_path, heading):
    path = text_file(tmp_path / "a.txt", plan_lines(headings=(heading, *HEADINGS[1:])))
    assert read_workplan(path).targets == TARGETS


def test_text_after_a_headings_colon_belongs_to_its_section(tmp_path):
    lines = plan_lines(headings=(f"一、目标任务：{TARGETS.splitlines()[0]}", *HEADINGS[1:]),
                       targets=TARGETS.splitlines()[1])
    assert read_workplan(text_file(tmp_path / "a.txt", lines)).targets == TARGETS


def test_the_note_and_the_unit_and_date_lines_are_not_part_of_the_last_section(tmp_path):
    plan = read_workplan(text_file(tmp_path / "a.txt", plan_lines()))
    assert plan.plan == PLAN
    assert plan.char_count == count_characters(TARGETS + FOUNDATION + PLAN)


def test_a_numbered_heading_wins_over_a_bare_mention_earlier_in_the_text(tmp_path):
    lines = plan_lines(targets="具体方案：见第三部分")
    plan = read_workplan(text_file(tmp_path / "a.txt", lines))
    assert (plan.targets, plan.plan) == ("具体方案：见第三部分", PLAN)


# ---- problems --------------------------------------------------------------------------------------


def test_a_missing_section_is_a_problem_naming_it(tmp_path):
    lines = [line for line in plan_lines() if line not in ("二、工作基础", FOUNDATION)]
    [problem] = problems_of(text_file(tmp_path / "a.txt", lines))
    assert problem.column == "二、工作基础"
    assert problem.reason.startswith("缺少小标题“二、工作基础”")


def test_a_file_without_any_heading_names_all_three(tmp_path):
    problems = problems_of(text_file(tmp_path / "a.txt", ["我们今年要把法律服务做好。"]))
    assert [p.column for p in problems] == list(HEADINGS)


def test_headings_out_of_order_are_a_problem(tmp_path):
    lines = plan_lines(headings=("一、目标任务", "三、具体方案", "二、工作基础"))
    [problem] = problems_of(text_file(tmp_path / "a.txt", lines))
    assert problem.reason.startswith("小标题顺序不对")


def test_an_empty_section_is_a_problem_naming_it(tmp_path):
    [problem] = problems_of(text_file(tmp_path / "a.txt", plan_lines(foundation=" \u3000 ")))
    assert (problem.column, problem.reason) == ("二、工作基础", "第二部分“工作基础”没有内容")


def test_the_blank_word_template_reports_each_section_as_still_the_guidance(tmp_path):
    write_workplan_docx(tmp_path / "模板.docx")
    problems = problems_of(tmp_path / "模板.docx")
    expected = [(heading, f"第{n}部分仍是模板说明文字，请填写实际内容")
                for heading, n in zip(HEADINGS, "一二三", strict=True)]
    assert [(p.column, p.reason) for p in problems] == expected


def test_guidance_left_unchanged_in_one_section_of_a_text_file_is_reported_for_that_section(tmp_path):
    [problem] = problems_of(text_file(tmp_path / "a.txt", plan_lines(plan=GUIDANCE[2])))
    assert (problem.column, problem.reason) == ("三、具体方案", "第三部分仍是模板说明文字，请填写实际内容")


def test_guidance_left_above_real_text_must_be_removed(tmp_path):
    [problem] = problems_of(text_file(tmp_path / "a.txt", plan_lines(targets=f"{GUIDANCE[0]}\n{TARGETS}")))
    assert problem.column == "一、目标任务"
    assert "仍保留模板说明文字" in problem.reason


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("a.pdf", b"%PDF-1.4", "不支持的文件类型 .pdf（请使用 .docx、.txt 或 .md）"),
        ("a.doc", b"\xd0\xcf\x11\xe0", "不支持的文件类型 .doc（请使用 .docx、.txt 或 .md）"),
        ("a.docx", os.urandom(1024), "已损坏"),
        ("a.docx", b"", "文件为空"),
        ("a.txt", b"", "文件为空"),
        ("a.txt", b" \r\n\n", "文件为空"),
        ("a.txt", b"\x00\x01binary", "不是文本文件"),
        ("a.md", "一、目标任务".encode("gbk"), "无法识别文件编码"),
        ("a.md", None, "文件不存在"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    [problem] = problems_of(path)
    assert reason in problem.reason
    assert problem.file == name


# ---- the count -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", 0),
        (" \t\r\n\u3000", 0),
        ("职工 法律\u3000援助", 6),
        ("ABC 123，。“”", 10),
        ("\u200b零宽\ufeff字符\u200d", 4),
    ],
)
def test_every_visible_character_counts_one_and_no_blank_counts(text, expected):
    assert count_characters(text) == expected


@pytest.mark.parametrize("total", [WORK_PLAN_LIMIT, WORK_PLAN_LIMIT + 1])
@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_the_count_is_exact_at_the_limit_and_one_over(tmp_path, total, kind):
    sizes = (400, 500, total - 900)
    lines = plan_lines(*(filler(n) for n in sizes))
    path = (text_file if kind == "txt" else docx_file)(tmp_path / f"a.{kind}", lines)
    plan = read_workplan(path)
    assert plan.char_count == total
    assert [count_characters(s) for s in (plan.targets, plan.foundation, plan.plan)] == list(sizes)
    assert count_characters("\n".join(lines)) > total   # headings, title, note, footer not counted


def test_the_limit_and_rule_are_the_notices():
    assert WORK_PLAN_LIMIT == 1500
    assert "不含三个小标题" in COUNT_RULE


# ---- the template ----------------------------------------------------------------------------------


def test_the_word_template_shows_headings_grey_guidance_the_note_and_the_footer(tmp_path):
    write_workplan_docx(tmp_path / "模板.docx")
    paragraphs = docx.Document(str(tmp_path / "模板.docx")).paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[1] == "实施项目工作方案"
    assert [t for t in texts if t in HEADINGS] == list(HEADINGS)
    guide = [p for p in paragraphs if p.text in GUIDANCE]
    assert len(guide) == 3
    assert all(r.italic and str(r.font.color.rgb) == "808080" for p in guide for r in p.runs)
    assert "原则上不超过 1500 字" in texts[-3]
    assert texts[-2:] == ["实施单位：", "申报日期：    年  月  日"]


def test_the_filled_word_template_names_the_unit_and_date_and_has_no_grey_text(tmp_path):
    plan = WorkPlanText(TARGETS, FOUNDATION, PLAN, 0, COUNT_RULE)
    write_workplan_docx(tmp_path / "a.docx", plan, unit_name="肥西县总工会", submitted_on=dt.date(2026, 5, 8))
    paragraphs = docx.Document(str(tmp_path / "a.docx")).paragraphs
    assert [p.text for p in paragraphs][-2:] == ["实施单位：肥西县总工会", "申报日期：2026年5月8日"]
    assert not any(r.italic for p in paragraphs for r in p.runs)
