"""What may be recorded as a verdict or a re-check, and when: the province's rules as pure checks.

A verdict needs a unit in the evaluation phase (or closed by an earlier verdict) on the decision
date; promote and pass need its preparation gate met, a gate-overdue unit can only be ordered to
rectify; a rectification needs a due date after the decision,
promote and pass take none; a verdict cannot precede the unit's latest one, nor follow an open
rectification (only a re-check closes it), nor repeat the standing promote or pass. A re-check
needs an open rectification decided by its date; a failed one needs a new due date after it.
"""

from __future__ import annotations

import datetime as dt

from models.enums import PHASE_LABELS, Phase, VerdictKind
from models.errors import Problem
from models.status import UnitStatus, gate_lacking
from models.verdicts import VerdictFact, is_open_rectification

CHOICES = "promote（推广）、pass（合格）、rectify（整改）"
FAILED_RECHECK_NOTE = "复查未通过，继续整改"


def verdict_kind(text: str) -> VerdictKind | None:
    """The verdict kind named by its code, else None."""
    return VerdictKind(text) if text in VerdictKind._value2member_map_ else None


def option_problems(verdict: str, on: dt.date, due: dt.date | None, by: str) -> list[Problem]:
    """The verdict kind, its due date (rectify only, after the decision) and who decided."""
    problems = []
    kind = verdict_kind(verdict)
    if kind is None:
        problems.append(Problem(f"--verdict {verdict}", f"不支持（可选：{CHOICES}）"))
    elif kind == VerdictKind.rectify and due is None:
        problems.append(Problem("--due", "整改须给出整改期限", hint="（--due YYYY-MM-DD）"))
    elif kind == VerdictKind.rectify and due is not None and due <= on:
        problems.append(Problem(f"--due {due}", f"整改期限须晚于决定日期 {on}"))
    elif kind != VerdictKind.rectify and due is not None:
        problems.append(Problem(f"--due {due}", "推广、合格不设整改期限"))
    if not by.strip():
        problems.append(Problem("--by", "须填写评定人"))
    return problems


def phase_problem(status: UnitStatus | None, unit_code: str, evaluation_start: dt.date,
                  as_of: dt.date, verdict: str | None = None) -> Problem | None:
    """None when the unit may be judged on as_of; else why not.

    Any recommended unit in evaluation may be ordered to rectify; promote and pass need its gate met.
    """
    where = f"--unit {unit_code}"
    if status is None:
        return Problem(where, f"截至 {as_of} 尚未被推荐，不能评定")
    lacking = "、".join(gate_lacking(status))
    if status.phase.phase in (Phase.evaluation, Phase.closed):
        if verdict in (VerdictKind.promote, VerdictKind.pass_) and not status.gate.met:
            return Problem(f"--verdict {verdict}", f"截至 {as_of} 未通过筹备部署关口（缺：{lacking}），"
                                                   "不能评定为推广或合格；可评定为整改并给出整改期限",
                           hint="（--verdict rectify --due YYYY-MM-DD）")
        return None
    if not status.gate.met:
        return Problem(where, f"截至 {as_of} 未通过筹备部署关口（缺：{lacking}），"
                              f"总结评估自 {evaluation_start} 起，不能评定")
    return Problem(where, f"截至 {as_of} 处于“{PHASE_LABELS[status.phase.phase]}”阶段，"
                          f"总结评估自 {evaluation_start} 起，不能评定")


def history_problem(latest: VerdictFact | None, verdict: str, on: dt.date) -> Problem | None:
    """None when the verdict may follow the unit's latest one; else why not."""
    if latest is None:
        return None
    if latest.decided_on > on:
        return Problem(f"--date {on}", f"早于该单位已记录的评定（{latest.decided_on}，{latest.label}）")
    if is_open_rectification(latest):
        return Problem(f"--unit {latest.unit_code}",
                       f"有待复查的整改（期限 {latest.due_on}）：请先登记复查结果",
                       hint="（legalcap verdict recheck）")
    if latest.verdict == verdict and verdict != VerdictKind.rectify:
        return Problem(f"--verdict {verdict}", f"已于 {latest.decided_on} 评定为“{latest.label}”，未重复记录")
    return None


def recheck_problems(latest: VerdictFact | None, unit_code: str, passed: bool, on: dt.date,
                     due: dt.date | None, by: str) -> list[Problem]:
    """A re-check closes an open rectification decided by its date; failed needs a later new due date."""
    problems = []
    if passed and due is not None:
        problems.append(Problem(f"--due {due}", "复查通过不设新的整改期限"))
    if not passed and due is None:
        problems.append(Problem("--due", "复查未通过须给出新的整改期限", hint="（--due YYYY-MM-DD）"))
    if not passed and due is not None and due <= on:
        problems.append(Problem(f"--due {due}", f"新的整改期限须晚于复查日期 {on}"))
    if not by.strip():
        problems.append(Problem("--by", "须填写复查人"))
    if latest is None or not is_open_rectification(latest):
        problems.append(Problem(f"--unit {unit_code}", "没有待复查的整改"))
    elif on < latest.decided_on:
        problems.append(Problem(f"--date {on}", f"早于整改决定日期 {latest.decided_on}"))
    return problems


def recheck_notes(notes: str, on: dt.date, remark: str) -> str:
    """The rectification's notes with the re-check's remark (if any) appended."""
    if not remark.strip():
        return notes
    return "；".join(filter(None, [notes, f"复查（{on}）：{remark.strip()}"]))


def failed_recheck_notes(remark: str) -> str:
    """The notes of the new rectification a failed re-check opens."""
    return "；".join(filter(None, [FAILED_RECHECK_NOTE, remark.strip()]))


def superseded(latest: VerdictFact | None) -> dict | None:
    """What a new verdict supersedes, for the audit trail."""
    if latest is None:
        return None
    return {"id": latest.row_id, "verdict": latest.verdict, "decided_on": latest.decided_on.isoformat()}
