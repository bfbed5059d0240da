"""The province's verdicts as plain facts: the one that stands on a date, and a rectification's state.

A unit's standing verdict is its latest (by decision date, then record order). A rectification
(整改) stays open until a re-check is recorded: a passed re-check closes it (the unit counts as
passed); a failed re-check closes that row and records a new rectification with a new due date,
so the standing verdict is again an open rectification.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

VERDICT_LABELS = {"promote": "推广", "pass": "合格", "rectify": "整改"}
VERDICTS = tuple(VERDICT_LABELS)
RECHECK_LABELS = {"": "—", "open": "待复查", "overdue": "逾期未复查", "passed": "复查通过",
                  "failed": "复查未通过"}


@dataclass(frozen=True)
class VerdictFact:
    row_id: int
    unit_code: str
    verdict: str
    decided_on: dt.date
    decided_by: str
    due_on: dt.date | None = None
    notes: str = ""
    rechecked_on: dt.date | None = None
    rechecked_by: str = ""
    recheck_passed: bool | None = None

    @property
    def label(self) -> str:
        return VERDICT_LABELS.get(self.verdict, self.verdict)


def effective_verdict(verdict: str, recheck_passed: bool | None, rechecked_on: dt.date | None,
                      as_of: dt.date) -> str:
    """A rectification whose re-check passed by as_of counts as "pass"; any other verdict is itself."""
    if verdict == "rectify" and recheck_passed and rechecked_on is not None and rechecked_on <= as_of:
        return "pass"
    return verdict


def as_known_on(fact: VerdictFact, as_of: dt.date) -> VerdictFact:
    """The fact without a re-check recorded after as_of."""
    if fact.rechecked_on is not None and fact.rechecked_on > as_of:
        return replace(fact, rechecked_on=None, rechecked_by="", recheck_passed=None)
    return fact


def standing_verdicts(facts: list[VerdictFact], as_of: dt.date) -> dict[str, VerdictFact]:
    """Per unit, the verdict that stands on as_of (re-checks after as_of not yet known)."""
    out: dict[str, VerdictFact] = {}
    for fact in sorted(facts, key=lambda f: (f.decided_on, f.row_id)):
        if fact.decided_on <= as_of:
            out[fact.unit_code] = as_known_on(fact, as_of)
    return out


def is_open_rectification(fact: VerdictFact | None) -> bool:
    """A rectification with a due date and no re-check yet."""
    return (fact is not None and fact.verdict == "rectify" and fact.due_on is not None
            and fact.recheck_passed is None)


def recheck_state(fact: VerdictFact | None, as_of: dt.date) -> str:
    """'' (not a rectification), open, overdue, passed or failed."""
    if fact is None or fact.verdict != "rectify":
        return ""
    if fact.recheck_passed is None:
        return "overdue" if fact.due_on is not None and as_of > fact.due_on else "open"
    return "passed" if fact.recheck_passed else "failed"
