"""The month-end pace record of a unit: at each month-end it was chased for, was it on pace?

The same rule as the pace chase (models/pacing, models/pace_chases): quotas paced from the unit's
real start, no month-end checked within the grace period after it. A ledger row counts from the day
the province knew it (the later of its date and the day it was received); a 劳动法律监督 case counts
once, from its first known row; 协商调解（基本服务） counts legal-aid rows of subtype mediation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.pacing import elapsed_share, in_grace, quota_progress

OFF_PACE = ("behind", "at_risk", "missed")  # missed: the window's last month-end, a quota still short
SUPERVISION = "labour_supervision"


@dataclass(frozen=True)
class LedgerItem:
    """One ledger row as the pace record needs it."""

    category: str
    subtype: str
    case_no: str
    occurred_on: dt.date
    received_on: dt.date

    @property
    def known_on(self) -> dt.date:
        """The day the row counts from: the later of its date and the day it was received."""
        return max(self.occurred_on, self.received_on)


class PaceRecord(NamedTuple):
    """Month-ends on pace, month-ends checked, and the months (YYYY-MM) a quota was behind."""

    kept: int
    checked: int
    behind_months: tuple[str, ...]

    def text(self) -> str:
        """Plain Chinese for a reason: `按月进度：检查 9 个月，8 个月正常；滞后：2026年7月`."""
        if not self.checked:
            return "按月进度：尚无应检查的月末"
        behind = "、".join(f"{m[:4]}年{int(m[5:])}月" for m in self.behind_months)
        tail = f"；滞后：{behind}" if behind else ""
        return f"按月进度：检查 {self.checked} 个月，{self.kept} 个月正常{tail}"


NO_RECORD = PaceRecord(0, 0, ())


def quota_items(rows: Iterable[LedgerItem]) -> list[tuple[str, dt.date]]:
    """(quota code, day known) for every quota item: a supervision case once, from its first known row."""
    items: list[tuple[str, dt.date]] = []
    cases: dict[str, dt.date] = {}
    for row in rows:
        if row.category == SUPERVISION and row.case_no:
            cases[row.case_no] = min(cases.get(row.case_no, row.known_on), row.known_on)
        elif row.category in ("publicity", SUPERVISION):
            items.append((row.category, row.known_on))
        elif row.category == "legal_aid" and row.subtype == "mediation":
            items.append(("mediation_base", row.known_on))
    return items + [(SUPERVISION, on) for on in cases.values()]


def month_ends(cfg: ProgrammeConfig, as_of: dt.date) -> list[dt.date]:
    """The last day of every month of the implementation window (its own end last) up to as_of."""
    window, out = cfg.phases.implementation, []
    first = window.start.replace(day=1)
    while first <= window.end:
        following = (first + dt.timedelta(days=32)).replace(day=1)
        end = min(following - dt.timedelta(days=1), window.end)
        if window.start <= end <= as_of:
            out.append(end)
        first = following
    return out


QuotaCount = tuple[str, dt.date, int]  # (quota code, day known, items known that day)


def exact_from(cfg: ProgrammeConfig) -> dt.date:
    """The first day whose items must keep their exact day: the window end's month (it may end mid-month)."""
    return cfg.phases.implementation.end.replace(day=1)


def count_day(known_on: dt.date, cfg: ProgrammeConfig) -> dt.date:
    """The day an item may be counted at without changing any check: every checked day is the last day
    of a month but the window's end, so before the end's month the first of the item's month will do."""
    first = exact_from(cfg)
    return known_on if known_on >= first else known_on.replace(day=1)


def tally(items: Iterable[tuple[str, dt.date]]) -> list[QuotaCount]:
    """Quota items counted per quota and day known (what the database aggregates at scale)."""
    counts: dict[tuple[str, dt.date], int] = {}
    for code, known_on in items:
        counts[(code, known_on)] = counts.get((code, known_on), 0) + 1
    return [(code, on, n) for (code, on), n in counts.items()]


def on_pace(counts: dict[str, int], cfg: ProgrammeConfig, calendar: WorkCalendar,
            start: dt.date, day: dt.date) -> bool:
    """No quota behind, at risk or missed on `day`, given the items known by then per quota."""
    return on_pace_at(counts, cfg, elapsed_share(cfg, calendar, day, start))


def on_pace_at(counts: dict[str, int], cfg: ProgrammeConfig, share: float) -> bool:
    """The same at a given elapsed share of the window."""
    return not any(q.status in OFF_PACE for q in quota_progress(counts, cfg, share))


def checked_month_ends(cfg: ProgrammeConfig, calendar: WorkCalendar, start: dt.date,
                       as_of: dt.date) -> list[dt.date]:
    """The month-ends a unit is checked at: by as_of, from its start, past its grace period."""
    return [end for end in month_ends(cfg, as_of) if end >= start and not in_grace(cfg, calendar, start, end)]


def checks(cfg: ProgrammeConfig, calendar: WorkCalendar, start: dt.date, as_of: dt.date
           ) -> list[tuple[dt.date, float]]:
    """Each checked month-end with the window's elapsed share then (the same for units of one start)."""
    return [(end, elapsed_share(cfg, calendar, end, start))
            for end in checked_month_ends(cfg, calendar, start, as_of)]


def counted_pace_record(counts: Iterable[QuotaCount], cfg: ProgrammeConfig, calendar: WorkCalendar,
                        start: dt.date, as_of: dt.date) -> PaceRecord:
    """The pace record from items counted per quota and day known."""
    return record_at(counts, cfg, checks(cfg, calendar, start, as_of))


def record_at(counts: Iterable[QuotaCount], cfg: ProgrammeConfig, at: list[tuple[dt.date, float]]
              ) -> PaceRecord:
    """The pace record at these checks (month-end, elapsed share): one pass over the counts in day order."""
    pending = sorted(counts, key=lambda c: c[1])
    known: dict[str, int] = {}
    behind, i = [], 0
    for end, share in at:
        while i < len(pending) and pending[i][1] <= end:
            code, _, n = pending[i]
            known[code] = known.get(code, 0) + n
            i += 1
        if not on_pace_at(known, cfg, share):
            behind.append(end.strftime("%Y-%m"))
    return PaceRecord(len(at) - len(behind), len(at), tuple(behind))


def pace_record(rows: Iterable[LedgerItem], cfg: ProgrammeConfig, calendar: WorkCalendar,
                start: dt.date, as_of: dt.date) -> PaceRecord:
    """Month-ends on pace of those checked: each month-end by as_of, after the unit's start and grace."""
    return counted_pace_record(tally(quota_items(rows)), cfg, calendar, start, as_of)
