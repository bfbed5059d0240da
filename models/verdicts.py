"""The province's verdicts as plain facts: the one that stands on a date, and a rectification's state.

A unit's standing verdict is its latest (by decision date, then record order). A rectification
(整改) stays open until a re-check is recorded: a passed re-check closes it (the unit counts as
passed); a failed re-check closes that row and records a new rectification with a new due date,
so the standing verdict is again an open rectification.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from models.enums import RECHECK_LABELS, VERDICT_LABELS, RecheckState, VerdictKind

__all__ = ["RECHECK_LABELS", "VERDICTS", "VERDICT_LABELS", "VerdictFact", "as_known_on", "effective_verdict",
           "is_open_rectification", "open_rectification_due", "recheck_state", "standing_verdicts"]

VERDICTS = tuple(VerdictKind)


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
    passed = recheck_passed and rechecked_on is not None and rechecked_on <= as_of
    if verdict == VerdictKind.rectify and passed:
        return VerdictKind.pass_
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


def open_rectification_due(fact: VerdictFact | None) -> dt.date | None:
    """The due date of an open rectification (one with a due date and no re-check yet); else None."""
    if fact is None or fact.verdict != VerdictKind.rectify or fact.recheck_passed is not None:
        return None
    return fact.due_on


def is_open_rectification(fact: VerdictFact | None) -> bool:
    """A rectification with a due date and no re-check yet."""
    return open_rectification_due(fact) is not None


def recheck_state(fact: VerdictFact | None, as_of: dt.date) -> RecheckState:
    """none (not a rectification), open, overdue, passed or failed."""
    if fact is None or fact.verdict != VerdictKind.rectify:
        return RecheckState.none
    if fact.recheck_passed is None:
        return RecheckState.overdue if fact.due_on is not None and as_of > fact.due_on else RecheckState.open
    return RecheckState.passed if fact.recheck_passed else RecheckState.failed
