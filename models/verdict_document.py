"""The verdict list as data: per unit its phase, pre-score, suggestion, recorded verdict and re-check."""

from __future__ import annotations

import datetime as dt

from models.enums import PHASE_LABELS
from models.rubric import RubricScore
from models.status import UnitStatus
from models.verdicts import RECHECK_LABELS, VerdictFact, recheck_state


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def verdict_cell(v: VerdictFact | None, as_of: dt.date) -> dict | None:
    """The standing verdict with its due date and re-check state (None: not yet decided)."""
    if v is None:
        return None
    state = recheck_state(v, as_of)
    return {"verdict": v.verdict, "label": v.label, "decided_on": v.decided_on.isoformat(),
            "decided_by": v.decided_by, "due_on": _iso(v.due_on), "notes": v.notes,
            "recheck": {"state": state, "label": RECHECK_LABELS[state], "rechecked_on": _iso(v.rechecked_on),
                        "rechecked_by": v.rechecked_by or None, "passed": v.recheck_passed}}


def verdict_rows(statuses: list[UnitStatus], scores: dict[str, RubricScore],
                 verdicts: dict[str, VerdictFact], as_of: dt.date) -> list[dict]:
    """One row per recommended unit, in city order."""
    rows = []
    for st in statuses:
        unit = st.slot.unit_code
        if unit is None:
            continue
        score = scores.get(unit)
        rows.append({"city_code": st.slot.city_code, "city_name": st.slot.city_name, "unit_code": unit,
                     "unit_name": st.slot.unit_name, "phase": st.phase.phase.value,
                     "phase_label": PHASE_LABELS[st.phase.phase],
                     "score": score.as_dict() if score else None,
                     "verdict": verdict_cell(verdicts.get(unit), as_of)})
    return rows
