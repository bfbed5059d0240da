"""Gate preparation → implementation: every criterion, met with evidence or unmet with why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from models.enums import (
    ARCHIVE_LABELS,
    METHOD_LABELS,
    ArchiveKind,
    Decision,
    DutyKind,
    Gate,
    ProcurementMethod,
)
from models.facts import Evidence, Selection, SlotFacts
from models.selection_fairness import fairness_gaps
from models.workplan_count import WORK_PLAN_LIMIT, length_note

MIN_TEAM = 3   # the default of the programme config's team_minimum
METHOD_BY_CODE: dict[str, str] = {method.value: label for method, label in METHOD_LABELS.items()}


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    met: bool
    met_on: dt.date | None
    evidence: tuple[Evidence, ...] = ()
    missing: str = ""
    flags: tuple[str, ...] = ()   # for the reviewer's attention; never makes a criterion unmet

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "label": self.label,
            "met": self.met,
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "evidence": [e.as_dict() for e in self.evidence],
            "missing": self.missing or None,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class GateResult:
    gate: str
    criteria: tuple[Criterion, ...]

    @property
    def met(self) -> bool:
        return all(c.met for c in self.criteria)

    @property
    def met_on(self) -> dt.date | None:
        """The day the last criterion was met: the day the unit passes the gate."""
        if not self.met:
            return None
        return max(c.met_on for c in self.criteria if c.met_on)

    @property
    def unmet(self) -> list[str]:
        return [c.code for c in self.criteria if not c.met]

    @property
    def flags(self) -> list[str]:
        """Everything flagged for the reviewer's attention, criterion by criterion."""
        return [flag for c in self.criteria for flag in c.flags]


def _met(code: str, label: str, evidence: Sequence[Evidence]) -> Criterion:
    dates = [e.date for e in evidence if e.date]
    return Criterion(code, label, True, max(dates) if dates else None, tuple(evidence))


def _unmet(code: str, label: str, missing: str, evidence: Sequence[Evidence] = ()) -> Criterion:
    return Criterion(code, label, False, None, tuple(evidence), missing)


def workplan_flags(f: SlotFacts, soft_limit: int = WORK_PLAN_LIMIT) -> tuple[str, ...]:
    """The reviewer's note when the latest work plan is over the notice's 原则上 limit."""
    note = length_note(f.work_plan_chars, soft_limit) if f.work_plan_chars is not None else None
    return (note,) if note else ()


def lacking_documents(f: SlotFacts) -> list[str]:
    """Which of the two phase-1 documents have not arrived."""
    docs = (("推荐表（附件1）", f.recommendation), ("工作方案（附件2）", f.work_plan))
    return [name for name, evidence in docs if evidence is None]


def materials_criterion(f: SlotFacts, deadline: dt.date, soft_limit: int = WORK_PLAN_LIMIT) -> Criterion:
    code, label = "materials_submitted", "推荐表与工作方案已报送"
    parts = [e for e in (f.recommendation, f.work_plan) if e]
    if f.recommendation and f.work_plan:
        filing = f.filing if f.filing and f.filing.decision == Decision.return_ else None
        sent = [e.date for e in parts if e.date]
        if filing and (not sent or max(sent) <= filing.decided_on):  # as chases.awaiting_resubmission
            return _unmet(code, label, f"已退回（{filing.reason}），待市总工会重新报送", parts)
        return replace(_met(code, label, parts), flags=workplan_flags(f, soft_limit))
    lacking = lacking_documents(f)
    return _unmet(code, label, f"未收到{'、'.join(lacking)}（截止 {deadline.isoformat()}）", parts)


def filing_criterion(f: SlotFacts) -> Criterion:
    code, label = "filed", "省总工会审核备案"
    if f.filing and f.filing.decision == Decision.approve:
        ev = Evidence("审核通过并备案", f.filing.decided_on, by=f.filing.decided_by)
        return _met(code, label, [ev])
    if f.filing and f.filing.decision == Decision.return_:
        ev = Evidence(f"退回：{f.filing.reason}", f.filing.decided_on, by=f.filing.decided_by)
        return _unmet(code, label, "材料被退回，待市总工会重新报送", [ev])
    return _unmet(code, label, "待省总工会审核备案")


def method_criterion(f: SlotFacts) -> Criterion:
    code, label = "compliant_method", "以合规方式遴选社会组织"
    s = f.selection
    if s is None:
        return _unmet(code, label, "未登记遴选结果（比价/议标/竞争性谈判/询价比选等合规方式）")
    method_label = METHOD_BY_CODE.get(s.method)
    if method_label is None:
        return _unmet(code, label, f"遴选方式“{s.method}”不在合规方式之列")
    shown = f"{method_label}（{s.method_note}）" if s.method_note else method_label
    ev = Evidence(f"{shown}，中选：{s.provider_name}", s.decided_on, s.file, s.sha256)
    gaps = fairness_gaps(s.totals, s.winner_total)
    if gaps and not s.reason:
        return _unmet(code, label, f"{'；'.join(gaps)}，遴选材料登记表未填写“择优说明”", [ev])
    return replace(_met(code, label, [ev]), flags=_method_flags(s, gaps))


def _method_flags(s: Selection, gaps: tuple[str, ...]) -> tuple[str, ...]:
    """For the reviewer: another compliant method (the notice's 等); a departure from 竞争择优 explained."""
    flags = []
    if s.method == ProcurementMethod.other:
        flags.append(f"其他合规方式：{s.method_note or '未说明'}，请确认其合规")
    if gaps:
        flags.append(f"{'；'.join(gaps)}；择优说明：{s.reason}")
    return tuple(flags)


def archive_criterion(f: SlotFacts) -> Criterion:
    code, label = "archive_complete", "采购档案七类齐全"
    present = [f.archive[k] for k in ArchiveKind if k in f.archive]
    missing = [ARCHIVE_LABELS[k] for k in ArchiveKind if k not in f.archive]
    if missing:
        return _unmet(code, label, f"缺少：{'、'.join(missing)}", present)
    return _met(code, label, present)


def team_criterion(f: SlotFacts, minimum: int = MIN_TEAM) -> Criterion:
    """The service team has at least the programme's team_minimum members."""
    code, label = "team", f"服务团队不少于 {minimum} 人"
    if len(f.team) >= minimum:
        return _met(code, label, list(f.team))
    return _unmet(code, label, f"团队现有 {len(f.team)} 人，至少需 {minimum} 人", list(f.team))


def duty_criterion(f: SlotFacts) -> Criterion:
    code, label = "duty_schedule", "坐班安排已确定"
    if f.duty is None:
        return _unmet(code, label, "未登记坐班安排（工作日轮流或每周固定日期）")
    text = "工作日轮流坐班" if f.duty.kind == DutyKind.rotation else f"每周固定坐班：周{f.duty.weekdays}"
    return _met(code, label, [Evidence(text, f.duty.set_on)])


def contract_criterion(f: SlotFacts) -> Criterion:
    code, label = "contract_signed", "服务合同已签订"
    c = f.contract
    if c is None:
        return _unmet(code, label, "未登记服务合同")
    text = f"与{c.provider_name}签订，金额 {c.amount_fen / 100:,.2f} 元"
    return _met(code, label, [Evidence(text, c.signed_on)])


def task_list_criterion(f: SlotFacts) -> Criterion:
    code, label = "task_list", "任务清单已细化"
    if f.task_items:
        return _met(code, label, list(f.task_items))
    return _unmet(code, label, "未登记任务清单")


def preparation_gate(facts: SlotFacts, recommendation_deadline: dt.date,
                     workplan_soft_limit: int = WORK_PLAN_LIMIT, team_minimum: int = MIN_TEAM) -> GateResult:
    """Evaluate every criterion of the preparation gate for one slot."""
    criteria = (
        materials_criterion(facts, recommendation_deadline, workplan_soft_limit),
        filing_criterion(facts),
        method_criterion(facts),
        archive_criterion(facts),
        team_criterion(facts, team_minimum),
        duty_criterion(facts),
        contract_criterion(facts),
        task_list_criterion(facts),
    )
    return GateResult(Gate.preparation, criteria)
