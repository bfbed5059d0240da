"""The demo's 16 units (tasks/demo/units.py) and their behaviour through the year, as dated events."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from models.calendar import WorkCalendar
from models.enums import ArchiveKind, Decision, SubmissionKind
from models.oversight import periods
from tasks.demo.cases import case_rows
from tasks.demo.effects import effect_of
from tasks.demo.profiles import profile_of
from tasks.demo.units import REPORTS_DUE as REPORTS_DUE
from tasks.demo.units import UNITS as UNITS
from tasks.demo.units import DemoUnit as DemoUnit

D = dt.date


PREPARATION_KINDS = frozenset({"recommendation", "work_plan", "filing", "archive", "procurement"})


@dataclass(frozen=True)
class Event:
    """Something that happens on a day: kind and its data."""

    on: D
    kind: str
    city_code: str
    data: dict = field(default_factory=dict, hash=False)


def _after(cal: WorkCalendar, day: D, n: int) -> D:
    return cal.add_workdays(day, n)


def preparation_events(u: DemoUnit, cal: WorkCalendar) -> list[Event]:
    """Recommendation, work plan, filing (and one return), procurement and archive."""
    ev = [Event(u.submit_on, "recommendation", u.city_code), Event(u.submit_on, "work_plan", u.city_code)]
    filed = _after(cal, max(u.submit_on, D(2026, 5, 12)), 3)
    if u.returned_once:
        reason = {"decision": Decision.return_.value, "reason": "目标任务缺少量化指标"}
        ev.append(Event(filed, "filing", u.city_code, reason))
        resubmit = _after(cal, filed, 3)
        ev.append(Event(resubmit, "work_plan", u.city_code, {"revision": 2}))
        filed = _after(cal, resubmit, 2)
    ev.append(Event(filed, "filing", u.city_code, {"decision": Decision.approve.value}))
    announce = _after(cal, filed, 2)
    kinds = [k for k in ArchiveKind if k.value not in u.archive_missing]
    for i, kind in enumerate(kinds):
        ev.append(Event(_after(cal, announce, 2 * i), "archive", u.city_code, {"kind": kind.value}))
    selected = _after(cal, announce, 8)
    ev.append(Event(selected, "procurement", u.city_code))
    return ev


def contact_event(u: DemoUnit, cal: WorkCalendar) -> Event:
    """The working day after the tick that registered its 附件1, the province enters the unit's contact
    (the 联系人 on the form) into the 通讯录: from then on the unit's own mail is recognised."""
    return Event(_after(cal, cal.workday_on_or_after(u.submit_on), 1), "contacts", u.city_code)


def ledger_events(u: DemoUnit, cal: WorkCalendar, start: D, end: D) -> list[Event]:
    """Ledger rows spread over the implementation year, a little ahead of the year's end (a slow starter
    bunches them in its second half)."""
    rng, p = random.Random(u.city_code), profile_of(u)
    days = [start + dt.timedelta(n) for n in range((end - start).days + 1)]
    workdays = [d for d in days if cal.is_workday(d)]
    workdays = workdays[len(workdays) // 2:] if u.slow_start else workdays[:len(workdays) * 11 // 12]

    def spread(n: int) -> list[D]:
        """n days, one drawn in each of n equal stretches: a unit plans its work across the year."""
        size = len(workdays) / n if n else 0
        return [rng.choice(workdays[round(i * size):max(round((i + 1) * size), round(i * size) + 1)])
                for i in range(n)]
    items = [(day, {"category": "publicity", "subtype": "", "seq": i, "venue": p.venues[i % len(p.venues)]})
             for i, day in enumerate(spread(p.publicity))]
    items += case_rows(u.city_code, spread(p.supervision), p, cal, end)
    for category, subtype, n in (("legal_aid", "mediation", p.mediation),
                                 ("legal_aid", "consultation", p.consultations),
                                 ("collective_bargaining", "", p.bargaining),
                                 ("legality_review", "", p.reviews)):
        items += [(day, {"category": category, "subtype": subtype, "seq": i, "pick": rng.randrange(3)})
                  for i, day in enumerate(spread(n))]
    return [Event(day, "ledger", u.city_code, item) for day, item in items]


def monthly_ledger_files(rows: list[Event], cal: WorkCalendar) -> list[Event]:
    """Units hand in their ledger monthly: a month's rows arrive on the 3rd working day after it."""
    months: dict[tuple[str, int, int], list[dict]] = {}
    for ev in rows:
        months.setdefault((ev.city_code, ev.on.year, ev.on.month), []).append({**ev.data, "on": ev.on})
    files = []
    for (city, year, month), items in sorted(months.items()):
        following = (D(year, month, 1) + dt.timedelta(days=32)).replace(day=1)
        arrives = cal.add_workdays(following, 3)
        files.append(Event(arrives, "ledger_file", city, {"month": f"{year}-{month:02d}", "rows": items}))
    return files


SENDS_BAD_LEDGER = ("340200", "340400", "341100")  # 湾沚区, 寿县, 来安县: one month's ledger refused first
CORRECTED_AFTER = 3  # working days


def with_one_mistake(u: DemoUnit, files: list[Event], cal: WorkCalendar) -> list[Event]:
    """A unit in SENDS_BAD_LEDGER first e-mails its second month's ledger with the wrong year in every date
    (refused: 未能登记), then the corrected one CORRECTED_AFTER working days later."""
    if u.city_code not in SENDS_BAD_LEDGER or len(files) < 2:
        return files
    first = files[1]
    corrected = Event(cal.add_workdays(first.on, CORRECTED_AFTER), "ledger_file", u.city_code, first.data)
    return [files[0], Event(first.on, "ledger_mistake", u.city_code, first.data), corrected, *files[2:]]


def oversight_events(u: DemoUnit, cal: WorkCalendar, ready: D, quarters) -> list[Event]:
    """The city visits mid-quarter (or soon after its unit starts), except in the skipped quarters."""
    out = []
    for period in quarters:
        if period.label in u.skipped_visits or period.end <= ready:
            continue
        middle = period.start + (period.end - period.start) / 2
        out.append(Event(cal.workday_on_or_after(max(middle, cal.add_workdays(ready, 3))), "oversight",
                         u.city_code, {"period": period.label}))
    return out


PAYMENTS = ((0, 0.3, "法律服务费（合同首付）"), (4, 0.3, "法律服务费（进度款）"),
            (8, 0.2, "法律服务费（进度款）"), (11, 0.2, "法律服务费（尾款）"))


def payment_events(u: DemoUnit, cal: WorkCalendar, ready: D) -> list[Event]:
    """The contract paid in instalments after signing (a laggard unit pays only the first).

    A unit may hand in one instalment without its 凭证号 (profile `unvouchered`).
    """
    p = profile_of(u)
    plan = PAYMENTS[:1] if p.publicity < 5 else PAYMENTS
    out, paid = [], 0
    for n, (months, share, purpose) in enumerate(plan, start=1):
        yuan = p.contract_yuan - paid if n == len(PAYMENTS) else round(p.contract_yuan * share)
        paid += yuan
        day = cal.workday_on_or_after(min(ready + dt.timedelta(days=30 * months + 5), D(2027, 4, 28)))
        out.append(Event(day, "payment", u.city_code, {"yuan": yuan, "purpose": purpose, "n": n,
                                                        "voucher": n != p.unvouchered}))
    return out


def evaluation_events(u: DemoUnit) -> list[Event]:
    """Reports handed in during May 2027, the evaluators' 实际成效 assessment (unless 待评审) and their
    verdict where the demo has one."""
    out = []
    if u.reports_on:
        kinds = [k.value for k in SubmissionKind] if u.results_report else [SubmissionKind.summary.value]
        out += [Event(u.reports_on, "report", u.city_code, {"kind": kind}) for kind in kinds]
    if u.verdict:
        day, verdict, due = u.verdict
        notes = {"notes": u.verdict_notes} if u.verdict_notes else {}
        out.append(Event(day, "verdict", u.city_code, {"verdict": verdict, "due": due, **notes}))
    effect = effect_of(u, profile_of(u))
    if effect:
        out.append(Event(effect.on, "assessment", u.city_code, {
            "effect": effect.effect, "notes": effect.notes, "methods": effect.methods}))
    return out


def demo_events(cal: WorkCalendar, impl_start: D, impl_end: D) -> list[Event]:
    events: list[Event] = []
    for u in UNITS:
        prep = preparation_events(u, cal)
        events += [*prep, contact_event(u, cal)]
        if not u.archive_missing:
            ready = max(e.on for e in prep)
            rows = ledger_events(u, cal, max(_after(cal, ready, 1), impl_start), impl_end)
            events += with_one_mistake(u, monthly_ledger_files(rows, cal), cal)
            events += oversight_events(u, cal, ready, periods("quarterly", impl_start, impl_end))
            events += payment_events(u, cal, ready)
        events += evaluation_events(u)
    return sorted(events, key=lambda e: (e.on, e.city_code, e.kind))
