"""附件2 实施项目工作方案: the Word template, and reading a plan from .docx, .txt or .md.

A plan is three sections under the headings 一、目标任务 / 二、工作基础 / 三、具体方案. The title,
the notice's 注意事项 line and the 实施单位/申报日期 lines are not part of any section nor of the count.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from docx.shared import Pt

from models.errors import Problem, fail
from models.forms import WorkPlanText
from models.text_clean import visible_text
from models.workplan_count import COUNT_RULE, WORK_PLAN_LIMIT, count_characters
from tasks.forms.docx_text import block_lines
from tasks.forms.read_guard import reading
from tasks.forms.recommendation import raise_if
from tasks.forms.recommendation_docx import (
    TITLE_FONT,
    add_title,
    as_date_text,
    chinese_document,
    open_docx,
    styled,
)
from tasks.forms.text_decode import MAX_TEXT_BYTES, decode_text

TITLE = "实施项目工作方案"
HEADINGS = ("一、目标任务", "二、工作基础", "三、具体方案")
NAMES = ("目标任务", "工作基础", "具体方案")
TRADITIONAL = {"目標任務": "目标任务", "工作基礎": "工作基础", "具體方案": "具体方案"}   # a Big5 plan
ORDINALS = ("一", "二", "三")
GUIDANCE = (
    "重点描述此项任务实施后一年内达成的目标，注重工作数据，不用穿靴戴帽。",
    "重点描述本地、本单位开展此项工作的优势和特点，以及人员、机制上的保障，用事实和数字说话。",
    "时间进度、阶段性任务、细化目标和落实举措等。任务推进中可能会存在的问题和应对举措。",
)


def notice_note(soft_limit: int = WORK_PLAN_LIMIT) -> str:
    """The notice's 注意事项 under the plan, with the programme's configured character guidance."""
    return (f"（注意事项：方案应简短精练，原则上不超过 {soft_limit} 字，重点讲述目标、计划、举措，"
            "充分结合基层工作实际。）")


NOTICE_NOTE = notice_note()
SUFFIXES = (".docx", ".txt", ".md")
# “一、目标任务”, “一. 目标任务”, “（一）目标任务”, “1、目标任务”, “目标任务：…”; text may follow a colon.
_HEADING = re.compile(
    r"^(?:[（(]?\s*(?P<num>[一二三123])\s*[)）]?\s*[、.．,，]?)?\s*(?P<name>目标任务|工作基础|具体方案|目標任務|工作基礎|具體方案)"
    r"\s*(?:[:：]\s*(?P<rest>.*))?$")
# Matched against a line with its blanks removed.
_SKIPPED = re.compile(r"^(?:[（(]?注意事项|(?:实施单位|申报日期)[:：]|附件2$|实施项目工作方案$)")
_BLANKS = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")


def write_workplan_docx(path: Path, plan: WorkPlanText | None = None, *, unit_name: str = "",
                        submitted_on: dt.date | None = None, soft_limit: int = WORK_PLAN_LIMIT) -> None:
    """The 附件2 plan as .docx: grey guidance under each heading when `plan` is None, else its text."""
    document = chinese_document()
    document.add_paragraph().add_run("附件2")
    add_title(document, TITLE)
    texts = (plan.targets, plan.foundation, plan.plan) if plan else (None,) * 3
    for heading, guide, text in zip(HEADINGS, GUIDANCE, texts, strict=True):
        styled(document.add_paragraph().add_run(heading), TITLE_FONT, 14)
        for line in (text or guide).split("\n"):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(24)
            styled(paragraph.add_run(line), italic=text is None, grey=text is None)
    document.add_paragraph(notice_note(soft_limit))
    document.add_paragraph(f"实施单位：{unit_name}")
    document.add_paragraph(f"申报日期：{as_date_text(submitted_on) or '    年  月  日'}")
    document.save(str(path))


def read_workplan(path: Path) -> WorkPlanText:
    """The three sections of a plan and their character count; all problems reported at once."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise fail(path.name, f"不支持的文件类型 {suffix or '（无扩展名）'}（请使用 .docx、.txt 或 .md）")
    with reading(path.name):
        lines = block_lines(open_docx(path).element.body) if suffix == ".docx" else _text_lines(path, suffix)
        sections = _sections([visible_text(line) for line in lines], path.name)
    targets, foundation, plan = sections
    return WorkPlanText(targets=targets, foundation=foundation, plan=plan,
                        char_count=count_characters(targets + foundation + plan), count_rule=COUNT_RULE)


def _text_lines(path: Path, suffix: str) -> list[str]:
    """Lines of a .txt (UTF-8/UTF-16/GB18030/Big5, as an editor decodes it) or .md (UTF only) file;
    Markdown marks removed."""
    if not path.is_file():
        raise fail(path.name, "文件不存在")
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise fail(path.name, f"文件过大（{path.stat().st_size / (1 << 20):.1f} MB），文本文件上限为 1 MB")
    data = path.read_bytes()
    if not data.strip():
        raise fail(path.name, "文件为空")
    text = decode_text(data, path.name, legacy=suffix == ".txt")
    if not text.strip("\ufeff \t\r\n\x00"):
        raise fail(path.name, "文件为空")
    lines = text.splitlines()
    return [_unmark(line) for line in lines] if suffix == ".md" else lines


def _unmark(line: str) -> str:
    """A Markdown line without heading, quote, list and emphasis marks, or '' for a rule (---)."""
    if re.fullmatch(r"\s*([-*_])(\s*\1){2,}\s*", line):
        return ""
    line = re.sub(r"^\s{0,3}(?:#{1,6}\s*|>\s?|[-*+]\s+)", "", line)
    return re.sub(r"\*\*|__", "", line).rstrip("# ")


def _sections(lines: list[str], file: str) -> tuple[str, str, str]:
    """The text under each of the three headings; missing, misordered or unfilled ones are Problems."""
    starts = _heading_lines(lines)
    problems = [Problem(file, f"缺少小标题“{HEADINGS[k]}”（三个小标题应依次为 {'、'.join(HEADINGS)}）",
                        column=HEADINGS[k]) for k in range(3) if k not in starts]
    found = sorted(starts, key=lambda k: starts[k][0])
    if found != sorted(found):
        problems.append(Problem(file, f"小标题顺序不对，应依次为 {'、'.join(HEADINGS)}"))
    raise_if(problems)
    ends = [starts[k][0] for k in found[1:]] + [len(lines)]
    texts = [_section_text(starts[k][1], lines[starts[k][0] + 1:end])
             for k, end in zip(found, ends, strict=True)]
    problems = [p for k, text in enumerate(texts) if (p := _unfilled(file, k, text))]
    raise_if(problems)
    return texts[0], texts[1], texts[2]


def _heading_lines(lines: list[str]) -> dict[int, tuple[int, str]]:
    """Section index -> (line index, text after the heading's colon): the first numbered heading of
    each section, else its first bare one (“目标任务：…”)."""
    best: dict[int, tuple[bool, int, str]] = {}
    for i, line in enumerate(lines):
        match = _HEADING.match(_BLANKS.sub(" ", line).strip())
        if match:
            name = TRADITIONAL.get(match["name"], match["name"])
            k, candidate = NAMES.index(name), (match["num"] is None, i, match["rest"] or "")
            best[k] = min(best.get(k, candidate), candidate)
    return {k: (i, rest) for k, (_, i, rest) in best.items()}


def _section_text(first: str, lines: list[str]) -> str:
    """A section's lines, trimmed, without blank lines and without the note/footer lines."""
    kept = (line.strip() for line in [first, *lines])
    return "\n".join(line for line in kept if line and not _SKIPPED.match(_BLANKS.sub("", line)))


def _unfilled(file: str, k: int, text: str) -> Problem | None:
    """A Problem when section `k` is empty or still holds the template's guidance sentence."""
    where = f"第{ORDINALS[k]}部分“{NAMES[k]}”"
    flat, guide = _BLANKS.sub("", text), _BLANKS.sub("", GUIDANCE[k])
    if not flat:
        reason = f"{where}没有内容"
    elif flat == guide:
        reason = f"第{ORDINALS[k]}部分仍是模板说明文字，请填写实际内容"
    elif guide in flat:
        reason = f"{where}仍保留模板说明文字“{GUIDANCE[k]}”，请删除后再提交"
    else:
        return None
    return Problem(file, reason, column=HEADINGS[k])
