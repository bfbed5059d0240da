"""The verdict list as data: per unit its phase, pre-score, suggestion, recorded verdict and re-check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.enums import PHASE_LABELS, Phase, RecheckState
from models.rubric import RubricScore
from models.status import UnitStatus
from models.verdicts import RECHECK_LABELS, VerdictFact, recheck_state


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class VerdictCell:
    """The standing verdict with its due date and re-check state."""

    fact: VerdictFact
    recheck: RecheckState

    def as_dict(self) -> dict:
        v = self.fact
        return {"verdict": v.verdict, "label": v.label, "decided_on": v.decided_on.isoformat(),
                "decided_by": v.decided_by, "due_on": _iso(v.due_on), "notes": v.notes,
                "recheck": {"state": self.recheck, "label": RECHECK_LABELS[self.recheck],
                            "rechecked_on": _iso(v.rechecked_on), "rechecked_by": v.rechecked_by or None,
                            "passed": v.recheck_passed}}


@dataclass(frozen=True)
class VerdictRow:
    """One recommended unit in the verdict list."""

    city_code: str
    city_name: str
    unit_code: str
    unit_name: str | None
    phase: Phase
    score: RubricScore | None
    verdict: VerdictCell | None

    def as_dict(self) -> dict:
        return {"city_code": self.city_code, "city_name": self.city_name, "unit_code": self.unit_code,
                "unit_name": self.unit_name, "phase": self.phase.value,
                "phase_label": PHASE_LABELS[self.phase],
                "score": self.score.as_dict() if self.score else None,
                "verdict": self.verdict.as_dict() if self.verdict else None}


def standing_cell(v: VerdictFact | None, as_of: dt.date) -> VerdictCell | None:
    """The standing verdict's cell (None: not yet decided)."""
    return None if v is None else VerdictCell(v, recheck_state(v, as_of))


def verdict_cell(v: VerdictFact | None, as_of: dt.date) -> dict | None:
    """The standing verdict with its due date and re-check state, as a dict (None: not yet decided)."""
    cell = standing_cell(v, as_of)
    return cell.as_dict() if cell else None


def verdict_records(statuses: list[UnitStatus], scores: dict[str, RubricScore],
                    verdicts: dict[str, VerdictFact], as_of: dt.date) -> list[VerdictRow]:
    """One row per recommended unit, in city order."""
    return [VerdictRow(st.slot.city_code, st.slot.city_name, unit, st.slot.unit_name, st.phase.phase,
                       scores.get(unit), standing_cell(verdicts.get(unit), as_of))
            for st in statuses if (unit := st.slot.unit_code) is not None]


def verdict_rows(statuses: list[UnitStatus], scores: dict[str, RubricScore],
                 verdicts: dict[str, VerdictFact], as_of: dt.date) -> list[dict]:
    """verdict_records as dicts (the JSON of `legalcap verdict list`)."""
    return [row.as_dict() for row in verdict_records(statuses, scores, verdicts, as_of)]
