"""The province's review and filing (审核、备案) as pure rules: what may be decided, what a return sends."""

from __future__ import annotations

import datetime as dt

from models.enums import Decision
from models.errors import Problem
from models.findings import Finding
from models.tables import GateDecision, Recommendation

RETURN_RULE = "filing_returned"


def review_decision(text: str) -> Decision | None:
    """approve or return, else None."""
    return Decision(text) if text in (Decision.approve, Decision.return_) else None


def review_problem(decision: str, reason: str, has_plan: bool, latest: GateDecision | None,
                   on: dt.date, unit_code: str) -> Problem | None:
    """None when the decision may be recorded; else why not (in Chinese, the option as its location)."""
    kind = review_decision(decision)
    if kind is None:
        return Problem("", f"审核结论只能是通过备案或退回，不是“{decision}”", hint="（approve 或 return）")
    if kind == Decision.return_ and not reason.strip():
        return Problem("", "退回须说明理由", hint="：请加 --reason “…”")
    if latest is not None and latest.decision == Decision.approve:
        return Problem(f"--unit {unit_code}", f"已于 {latest.decided_on} 由 {latest.decided_by} 审核备案")
    if kind == Decision.approve and not has_plan:
        return Problem(f"--unit {unit_code}", "尚未收到工作方案（附件2），不能通过备案")
    if latest is not None and on < latest.decided_on:
        return Problem(f"--on {on}", f"早于上一次审核日期 {latest.decided_on}")
    return None


def return_finding(rec: Recommendation, reason: str, on: dt.date, due: dt.date, returns: int,
                   year: int) -> Finding:
    """The notice to the city that the unit's materials were returned (returns: this one included)."""
    context = {"city_name": rec.stamped_by.removesuffix("总工会") or rec.city_code,
               "unit_name": rec.unit_name, "unit_code": rec.unit_code, "reason": reason,
               "returned_on": on.isoformat(), "due": due.isoformat()}
    return Finding(RETURN_RULE, rec.unit_code, returns, str(year), f"city-{rec.city_code}",
                   True, RETURN_RULE, context)
