"""按期报送 in the rubric: dated duties (on time 100, late 50, overdue 0) and the month-end pace record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

LATE_SCORE = 50.0


@dataclass(frozen=True)
class DatedDuty:
    """Something due by a date, and the day it was done (None: not yet)."""

    label: str
    due: dt.date
    done_on: dt.date | None


def _duty_state(duty: DatedDuty, as_of: dt.date) -> tuple[float | None, str]:
    if duty.done_on is not None and duty.done_on <= as_of:
        if duty.done_on <= duty.due:
            return 100.0, f"{duty.label}按期（{duty.done_on}）"
        return LATE_SCORE, f"{duty.label}逾期 {(duty.done_on - duty.due).days} 天（{duty.done_on}）"
    if as_of > duty.due:
        return 0.0, f"{duty.label}逾期未完成（截止 {duty.due}）"
    return None, f"{duty.label}未到期（截止 {duty.due}，不计）"


def _pace_state(kept: int, checked: int) -> tuple[float | None, str] | None:
    """The month-end pace record as one item (None: no month checked yet, not shown)."""
    if checked <= 0:
        return None
    return 100.0 * min(kept, checked) / checked, f"月末进度达标 {min(kept, checked)}/{checked} 个月"


def timeliness_score(duties: tuple[DatedDuty, ...], as_of: dt.date,
                     pace: tuple[int, int] = (0, 0)) -> tuple[float, str]:
    """On time 100, late 50, overdue 0, not yet due left out; the pace record 100 × kept / checked."""
    states = [_duty_state(d, as_of) for d in duties]
    if (paced := _pace_state(*pace)) is not None:
        states.append(paced)
    counted = [score for score, _ in states if score is not None]
    reason = "；".join(text for _, text in states) or "无报送要求"
    return (sum(counted) / len(counted) if counted else 100.0), reason
