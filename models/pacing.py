"""Quota pacing on working days: expected-by-date = target × share of the window elapsed."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar

QUOTA_CODES = ("publicity", "labour_supervision", "mediation_base")
PACE_LABELS = {"met": "已完成", "on_track": "正常", "behind": "滞后", "at_risk": "严重滞后",
               "missed": "未完成"}


@dataclass(frozen=True)
class QuotaProgress:
    code: str
    label: str
    unit: str
    count: int
    target: int
    expected: float
    projected: float
    status: str

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "label": self.label,
            "count": self.count,
            "target": self.target,
            "expected": round(self.expected, 1),
            "projected": round(self.projected, 1),
            "status": self.status,
            "unit": self.unit,
        }


def pace_start(cfg: ProgrammeConfig, gate_met_on: dt.date | None, contract_on: dt.date | None) -> dt.date:
    """The unit's real start: the later of the implementation start and its gate (or contract) day."""
    begun = gate_met_on or contract_on
    start = cfg.phases.implementation.start
    return max(start, begun) if begun else start


def elapsed_share(
    cfg: ProgrammeConfig, calendar: WorkCalendar, as_of: dt.date, start: dt.date | None = None
) -> float:
    """Share (0..1) of the working days from `start` (default the window's start) to the window's end."""
    window = cfg.phases.implementation
    begin = start or window.start
    total = calendar.workdays_in(begin, window.end)
    if as_of < begin or total == 0:
        return 0.0
    done = calendar.workdays_in(begin, min(as_of, window.end))
    return done / total


def in_grace(cfg: ProgrammeConfig, calendar: WorkCalendar, start: dt.date, as_of: dt.date) -> bool:
    """True while the unit is within its grace period (working days from its start) before pace reminders."""
    grace = cfg.chasing.pace_grace_workdays
    return grace > 0 and calendar.workdays_in(start, as_of) <= grace


def shortfall(expected: float, count: int) -> int:
    """Whole items short of the expected count as shown (one decimal), rounded up: 1.0 and 0 → 1."""
    return max(0, math.ceil(round(expected, 1) - count - 1e-9))


def pace_status(count: int, target: int, expected: float, cfg: ProgrammeConfig) -> str:
    """met / on_track / behind / at_risk against the expected count; missed once the window is over.

    Less than one whole item short is never behind: early in the year nobody is chased for 0 of 0.2.
    """
    if count >= target:
        return "met"
    if expected >= target:
        return "missed"
    if expected - count < 1 or count >= expected * cfg.chasing.behind_share:
        return "on_track"
    if count >= expected * cfg.chasing.at_risk_share:
        return "behind"
    return "at_risk"


def quota_progress(
    counts: dict[str, int], cfg: ProgrammeConfig, share: float
) -> list[QuotaProgress]:
    """Progress of every quota for one unit, given the elapsed share of the window."""
    out = []
    for code in QUOTA_CODES:
        quota = getattr(cfg.quotas, code)
        count = counts.get(code, 0)
        expected = quota.target * share
        projected = count / share if share > 0 else 0.0
        status = pace_status(count, quota.target, expected, cfg)
        out.append(
            QuotaProgress(code, quota.label, quota.unit, count, quota.target, expected, projected, status)
        )
    return out
