"""实际成效: the evaluators' structured assessment of a unit's real effect (plain data, no database).

The notice judges 完成情况、经费使用情况、实际成效; the third comes from people, not from the ledger: the
province's evaluators visit the unit (实地调研), read its materials (资料审核) and talk to workers and
employers (座谈访谈), then enter a score from 0 to 100 with their notes. Until they do, the pre-score's
实际成效 component is 待评审 and the total is provisional.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

EFFECT_MIN, EFFECT_MAX = 0.0, 100.0
METHOD_LABELS = {"site_visit": "实地调研", "document_review": "资料审核", "interview": "座谈访谈"}


@dataclass(frozen=True)
class EffectAssessment:
    """One unit's latest 实际成效 assessment as known on a date."""

    unit_code: str
    effect: float
    notes: str
    assessed_on: dt.date
    assessed_by: str
    methods: tuple[str, ...] = ()

    @property
    def methods_text(self) -> str:
        return "、".join(METHOD_LABELS.get(m, m) for m in self.methods)
