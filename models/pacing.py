"""Quota pacing on working days: expected-by-date = target × share of the window elapsed."""

from __future__ import annotations

import datetime as dt
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


def elapsed_share(cfg: ProgrammeConfig, calendar: WorkCalendar, as_of: dt.date) -> float:
    """Share (0..1) of the implementation window's working days elapsed by as_of."""
    window = cfg.phases.implementation
    total = calendar.workdays_in(window.start, window.end)
    if as_of < window.start or total == 0:
        return 0.0
    done = calendar.workdays_in(window.start, min(as_of, window.end))
    return done / total


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
