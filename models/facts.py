"""Plain data the rules read: one snapshot of each city's slot in the programme."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models.supervision import CaseFacts


@dataclass(frozen=True)
class Evidence:
    """What proves a fact: a file with its hash, a decision with who and when."""

    description: str
    date: dt.date | None = None
    file: str = ""
    sha256: str = ""
    by: str = ""

    def as_dict(self) -> dict:
        return {
            "description": self.description,
            "date": self.date.isoformat() if self.date else None,
            "file": self.file or None,
            "sha256": self.sha256 or None,
            "by": self.by or None,
        }


@dataclass(frozen=True)
class Filing:
    decision: str
    decided_on: dt.date
    decided_by: str
    reason: str = ""


@dataclass(frozen=True)
class Selection:
    method: str
    decided_on: dt.date
    provider_name: str
    file: str = ""
    sha256: str = ""
    totals: tuple[float, ...] | None = None  # every candidate's total score (None: not known, not checked)
    winner_total: float | None = None
    method_note: str = ""                 # 其他方式说明
    reason: str = ""                      # 择优说明


@dataclass(frozen=True)
class Duty:
    kind: str
    weekdays: str
    set_on: dt.date


@dataclass(frozen=True)
class ContractFact:
    signed_on: dt.date
    amount_fen: int
    provider_name: str


@dataclass
class SlotFacts:
    """Everything known as of a date about one city's slot (its recommended unit)."""

    city_code: str
    city_name: str
    unit_code: str | None = None
    unit_name: str | None = None
    recommendation: Evidence | None = None
    work_plan: Evidence | None = None
    work_plan_chars: int | None = None  # the latest plan's character count (see models/workplan_count.py)
    first_submitted_on: dt.date | None = None
    filing: Filing | None = None
    selection: Selection | None = None
    archive: dict[str, Evidence] = field(default_factory=dict)
    team: list[Evidence] = field(default_factory=list)
    duty: Duty | None = None
    contract: ContractFact | None = None
    task_items: list[Evidence] = field(default_factory=list)
    verdict: str | None = None
    quota_counts: dict[str, int] = field(default_factory=dict)
    venues_reached: frozenset[str] = frozenset()
    last_entry_on: dt.date | None = None
    last_import_on: dt.date | None = None
    cases: tuple[CaseFacts, ...] = ()  # 一函两书 cases awaiting the employer's reply
