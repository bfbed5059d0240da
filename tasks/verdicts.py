"""The province's verdicts: record one (checked, with the rubric's pre-score, audited), record a re-check.

Only a unit through the preparation gate and in the evaluation phase on the decision date (or closed
by an earlier verdict, which a new one supersedes) can be given a verdict. A rectification needs a
due date after the decision; promote and pass take none. An open rectification is closed only by
`record_recheck`: passed closes it; failed closes that row and records a new rectification with the
new due date (decided on the re-check date, by the re-checker), so the history keeps every round.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from models.enums import PHASE_LABELS, Phase
from models.errors import Problem
from models.rubric import RubricScore
from models.status import evaluate_slots
from models.tables import Unit, Verdict
from models.verdicts import (
    VERDICT_LABELS,
    VerdictFact,
    is_open_rectification,
    standing_verdicts,
)
from tasks.audit import record_audit
from tasks.context import ProgrammeRef, TickContext
from tasks.refusals import Refused
from tasks.rubric import score_units
from tasks.snapshot import load_slots
from tasks.submissions import active_recommendation

NOT_RECORDED = "评定未记录"
NOT_RECHECKED = "复查结果未登记"
CHOICES = "promote（推广）、pass（合格）、rectify（整改）"


def fact_of(v: Verdict) -> VerdictFact:
    return VerdictFact(v.id, v.unit_code, v.verdict, v.decided_on, v.decided_by, v.due_on, v.notes,
                       v.rechecked_on, v.rechecked_by, v.recheck_passed)


def load_standing_verdicts(session: Session, programme_id: int, as_of: dt.date) -> dict[str, VerdictFact]:
    """unit → the verdict standing on as_of (one query)."""
    rows = session.exec(select(Verdict).where(Verdict.programme_id == programme_id,
                                              Verdict.decided_on <= as_of)).all()
    return standing_verdicts([fact_of(v) for v in rows], as_of)


def _latest_row(session: Session, programme_id: int, unit_code: str) -> Verdict | None:
    return session.exec(select(Verdict).where(Verdict.programme_id == programme_id,
                                              Verdict.unit_code == unit_code)
                        .order_by(Verdict.decided_on.desc(), Verdict.id.desc())).first()


def _unit_problems(session: Session, ref: ProgrammeRef, unit_code: str) -> list[Problem]:
    if session.get(Unit, unit_code) is None:
        return [Problem(f"--unit {unit_code}", "不是已知的县（区）行政区划代码")]
    if active_recommendation(session, ref.id, unit_code) is None:
        return [Problem(f"--unit {unit_code}", f"不是 {ref.year} 年度的项目实施单位")]
    return []


def _context(session: Session, ref: ProgrammeRef, on: dt.date) -> TickContext:
    slots = load_slots(session, ref.id, on)
    statuses = evaluate_slots(slots, ref.cfg, ref.calendar, on)
    return TickContext(ref.id, ref.year, ref.config_hash, ref.cfg, ref.calendar, on, slots, statuses)


def _phase_problem(ctx: TickContext, unit_code: str) -> Problem | None:
    """None when the unit is in evaluation (or closed) on the context's date; else why not."""
    st = next((s for s in ctx.statuses if s.slot.unit_code == unit_code), None)
    where, start = f"--unit {unit_code}", ctx.cfg.phases.evaluation.start
    if st is None:
        return Problem(where, f"截至 {ctx.as_of} 尚未被推荐，不能评定")
    if st.phase.phase in (Phase.evaluation, Phase.closed):
        return None
    if not st.gate.met:
        unmet = "、".join(c.label for c in st.gate.criteria if not c.met)
        return Problem(where, f"截至 {ctx.as_of} 未通过筹备部署关口（未满足：{unmet}），不能评定")
    return Problem(where, f"截至 {ctx.as_of} 处于“{PHASE_LABELS[st.phase.phase]}”阶段，"
                          f"总结评估自 {start} 起，不能评定")


def _option_problems(verdict: str, on: dt.date, due: dt.date | None, by: str) -> list[Problem]:
    problems = []
    if verdict not in VERDICT_LABELS:
        problems.append(Problem(f"--verdict {verdict}", f"不支持（可选：{CHOICES}）"))
    elif verdict == "rectify" and due is None:
        problems.append(Problem("--due", "整改须给出整改期限（--due YYYY-MM-DD）"))
    elif verdict == "rectify" and due <= on:
        problems.append(Problem(f"--due {due}", f"整改期限须晚于决定日期 {on}"))
    elif verdict != "rectify" and due is not None:
        problems.append(Problem(f"--due {due}", "推广、合格不设整改期限"))
    if not by.strip():
        problems.append(Problem("--by", "须填写评定人"))
    return problems


def _history_problem(latest: Verdict | None, verdict: str, on: dt.date) -> Problem | None:
    if latest is None:
        return None
    label = VERDICT_LABELS.get(latest.verdict, latest.verdict)
    if latest.decided_on > on:
        return Problem(f"--date {on}", f"早于该单位已记录的评定（{latest.decided_on}，{label}）")
    if is_open_rectification(fact_of(latest)):
        return Problem(f"--unit {latest.unit_code}", f"有待复查的整改（期限 {latest.due_on}）："
                                                      "请先用 legalcap verdict recheck 登记复查结果")
    if latest.verdict == verdict and verdict != "rectify":
        return Problem(f"--verdict {verdict}", f"已于 {latest.decided_on} 评定为“{label}”，未重复记录")
    return None


def record_verdict(
    session: Session, ref: ProgrammeRef, unit_code: str, *, verdict: str, by: str, on: dt.date,
    due: dt.date | None = None, notes: str = "", at: dt.datetime,
) -> tuple[Verdict, RubricScore | None]:
    """Store a verdict (and its pre-score in the audit trail), or nothing (Refused naming every problem)."""
    problems = _unit_problems(session, ref, unit_code) + _option_problems(verdict, on, due, by)
    ctx = latest = None
    if not problems:
        ctx = _context(session, ref, on)
        latest = _latest_row(session, ref.id, unit_code)
        problems += [p for p in (_phase_problem(ctx, unit_code), _history_problem(latest, verdict, on)) if p]
    if problems:
        raise Refused(problems, NOT_RECORDED)
    score = score_units(session, ctx).get(unit_code)
    row = Verdict(programme_id=ref.id, unit_code=unit_code, verdict=verdict, decided_on=on,
                  decided_by=by.strip(), due_on=due, notes=notes.strip())
    session.add(row)
    record_audit(session, at=at, actor=by.strip(), action="verdict.recorded", subject=unit_code,
                 programme_id=ref.id, details={
                     "verdict": verdict, "decided_on": on, "due_on": due, "notes": notes.strip(),
                     "pre_score": score.total if score else None,
                     "suggested": score.suggested if score else None,
                     "superseded": _superseded(latest)})
    return row, score


def _superseded(latest: Verdict | None) -> dict | None:
    if latest is None:
        return None
    return {"id": latest.id, "verdict": latest.verdict, "decided_on": latest.decided_on.isoformat()}


def _recheck_problems(latest: Verdict | None, unit_code: str, passed: bool, on: dt.date,
                      due: dt.date | None, by: str) -> list[Problem]:
    problems = []
    if passed and due is not None:
        problems.append(Problem(f"--due {due}", "复查通过不设新的整改期限"))
    if not passed and due is None:
        problems.append(Problem("--due", "复查未通过须给出新的整改期限（--due YYYY-MM-DD）"))
    if not passed and due is not None and due <= on:
        problems.append(Problem(f"--due {due}", f"新的整改期限须晚于复查日期 {on}"))
    if not by.strip():
        problems.append(Problem("--by", "须填写复查人"))
    if latest is None or not is_open_rectification(fact_of(latest)):
        problems.append(Problem(f"--unit {unit_code}", "没有待复查的整改"))
    elif on < latest.decided_on:
        problems.append(Problem(f"--date {on}", f"早于整改决定日期 {latest.decided_on}"))
    return problems


def record_recheck(
    session: Session, ref: ProgrammeRef, unit_code: str, *, passed: bool, by: str, on: dt.date,
    due: dt.date | None = None, notes: str = "", at: dt.datetime,
) -> tuple[Verdict, Verdict | None]:
    """Close the open rectification; when it failed, also the new rectification with the new due date."""
    problems = _unit_problems(session, ref, unit_code)
    latest = _latest_row(session, ref.id, unit_code) if not problems else None
    problems += [] if problems else _recheck_problems(latest, unit_code, passed, on, due, by)
    if problems:
        raise Refused(problems, NOT_RECHECKED)
    latest.rechecked_on, latest.rechecked_by, latest.recheck_passed = on, by.strip(), passed
    if notes.strip():
        latest.notes = "；".join(filter(None, [latest.notes, f"复查（{on}）：{notes.strip()}"]))
    session.add(latest)
    again = None
    if not passed:
        again = Verdict(programme_id=ref.id, unit_code=unit_code, verdict="rectify", decided_on=on,
                        decided_by=by.strip(), due_on=due,
                        notes="；".join(filter(None, ["复查未通过，继续整改", notes.strip()])))
        session.add(again)
    record_audit(session, at=at, actor=by.strip(), action="verdict.rechecked", subject=unit_code,
                 programme_id=ref.id, details={"verdict_id": latest.id, "passed": passed, "rechecked_on": on,
                                               "old_due_on": latest.due_on, "new_due_on": due,
                                               "notes": notes.strip()})
    return latest, again
