"""The demo's 劳动法律监督 cases step by step, as a unit writes them in its monthly ledger (pure data).

A case opens with a complaint (受理投诉举报), an on-site investigation (实地调查) or straight away with a
提示函. Most employers put things right after the 提示函; for a share of cases (the unit's escalation)
the union follows with a 意见书 whose reply is due REPLY_WORKDAYS working days later. The employer then
replies (the unit writes 企业答复日期 on the 意见书's row and hands that row in again with the month the
reply came), or it does not and a 建议书 follows; for a unit's stalled share nothing follows. Steps that
would fall after the implementation year are not taken.
"""

from __future__ import annotations

import datetime as dt
import random

from models.calendar import WorkCalendar
from tasks.demo.profiles import UnitProfile

REPLY_WORKDAYS = 22  # the 答复期限 the demo's 意见书 set (about 30 days; overrides the config's)
OPENINGS = ("complaint", "complaint", "investigation", "reminder_letter")


def case_rows(code: str, opened: list[dt.date], p: UnitProfile, cal: WorkCalendar, end: dt.date
              ) -> list[tuple[dt.date, dict]]:
    """(day handed in with, ledger item) for every step of every case; case `seq` in opening order."""
    rng = random.Random(f"cases:{code}")
    out: list[tuple[dt.date, dict]] = []
    for seq, day in enumerate(opened):
        steps = [(doc, on, due, replied if replied and replied <= end else None)
                 for doc, on, due, replied in _steps(rng, day, p, cal) if on <= end]
        out += _items(seq, steps)
    return out


def _steps(rng: random.Random, opened: dt.date, p: UnitProfile, cal: WorkCalendar
           ) -> list[tuple[str, dt.date, dt.date | None, dt.date | None]]:
    """(document, date, reply due, replied on) of one case's steps."""
    first = rng.choice(OPENINGS)
    letter = opened if first == "reminder_letter" else cal.add_workdays(opened, rng.randint(3, 8))
    steps: list[tuple[str, dt.date, dt.date | None, dt.date | None]] = []
    if first != "reminder_letter":
        steps.append((first, opened, None, None))
    steps.append(("reminder_letter", letter, None, None))
    if rng.random() >= p.escalation:
        return steps
    opinion = cal.add_workdays(letter, rng.randint(10, 20))
    due = cal.add_workdays(opinion, REPLY_WORKDAYS)
    if rng.random() < p.stall:
        return [*steps, ("opinion", opinion, due, None)]
    if rng.random() < 0.65:
        return [*steps, ("opinion", opinion, due, cal.add_workdays(opinion, rng.randint(3, 10)))]
    return [*steps, ("opinion", opinion, due, None),
            ("recommendation", cal.add_workdays(due, rng.randint(2, 8)), None, None)]


def _items(seq: int, steps: list) -> list[tuple[dt.date, dict]]:
    """Each step's row in the month of its date; a reply in a later month re-sends the 意见书's row."""
    out = []
    for n, (document, on, due, replied) in enumerate(steps, start=1):
        row = {"category": "labour_supervision", "subtype": "", "seq": seq, "step": n,
               "document": document, "row_on": on, "reply_due": due}
        if replied and (replied.year, replied.month) != (on.year, on.month):
            out.append((on, {**row, "replied_on": None}))
            out.append((replied, {**row, "replied_on": replied}))
        else:
            out.append((on, {**row, "replied_on": replied}))
    return out
