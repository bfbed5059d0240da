"""The demo's 16 units and their behaviour through the year, as dated events (pure data)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from models.calendar import WorkCalendar
from models.enums import ArchiveKind, Decision, SubmissionKind, VerdictKind
from models.oversight import periods

D = dt.date


REPORTS_DUE = D(2027, 5, 12)


@dataclass(frozen=True)
class DemoUnit:
    city_code: str
    county: str
    submit_on: D
    returned_once: bool = False
    archive_missing: tuple[str, ...] = ()
    publicity: int = 13
    supervision: int = 12
    mediation: int = 7
    slow_start: bool = False
    skipped_visits: tuple[str, ...] = ()  # oversight periods in which the city did not visit
    note: str = "按期推进"
    reports_on: D | None = REPORTS_DUE  # 工作总结 and 成果报告 handed in (None: never)
    results_report: bool = True
    verdict: tuple = ()  # (day, verdict, due or None) recorded by the province's evaluators
    verdict_notes: str = ""  # the evaluators' reasons, when not the verdict kind's usual words


UNITS = (
    DemoUnit("340100", "肥西县", D(2026, 4, 28), reports_on=D(2027, 5, 10),
             verdict=(D(2027, 5, 25), VerdictKind.promote.value, None)),
    DemoUnit("340200", "湾沚区", D(2026, 5, 6)),
    DemoUnit("340300", "怀远县", D(2026, 5, 11)),
    DemoUnit("340400", "寿县", D(2026, 5, 7)),
    DemoUnit("340500", "当涂县", D(2026, 5, 9)),
    DemoUnit("340600", "濉溪县", D(2026, 5, 6), publicity=3, skipped_visits=("2026Q3",),
             note="法治宣传明显滞后；淮北市三季度未督导", results_report=False,
             verdict=(D(2027, 5, 25), VerdictKind.rectify.value, D(2027, 6, 30))),
    DemoUnit("340700", "枞阳县", D(2026, 4, 30), verdict=(D(2027, 5, 25), VerdictKind.pass_.value, None)),
    DemoUnit("340800", "怀宁县", D(2026, 5, 12)),
    DemoUnit("341000", "歙县", D(2026, 5, 8), archive_missing=("award_notice", "communication_log"),
             note="采购档案不全，未通过筹备关口", reports_on=None,
             verdict=(D(2027, 5, 25), VerdictKind.rectify.value, D(2027, 6, 30)),
             verdict_notes="采购档案缺中标公示、过程沟通记录，筹备部署关口未通过；工作总结、成果报告未报送，限期整改"),
    DemoUnit("341100", "来安县", D(2026, 5, 7)),
    DemoUnit("341200", "太和县", D(2026, 5, 20), note="市总工会逾期报送推荐材料", reports_on=D(2027, 5, 19)),
    DemoUnit("341300", "萧县", D(2026, 5, 8), returned_once=True, note="工作方案被退回一次"),
    DemoUnit("341500", "金寨县", D(2026, 5, 11), supervision=9, note="劳动法律监督未达标"),
    DemoUnit("341600", "蒙城县", D(2026, 5, 6), slow_start=True, note="起步慢，后期追赶"),
    DemoUnit("341700", "东至县", D(2026, 5, 10), skipped_visits=("2026Q4", "2027Q1"),
             note="池州市连续两个季度未督导"),
    DemoUnit("341800", "郎溪县", D(2026, 5, 11)),
)


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


def ledger_events(u: DemoUnit, cal: WorkCalendar, start: D, end: D) -> list[Event]:
    """Ledger rows spread over the implementation year (a slow starter bunches them late)."""
    rng = random.Random(u.city_code)
    days = [start + dt.timedelta(n) for n in range((end - start).days + 1)]
    workdays = [d for d in days if cal.is_workday(d)]
    if u.slow_start:
        workdays = workdays[len(workdays) // 2:]
    plan = (("publicity", "", u.publicity), ("labour_supervision", "", u.supervision),
            ("legal_aid", "mediation", u.mediation), ("legal_aid", "consultation", 15))
    out = []
    for category, subtype, n in plan:
        for i, day in enumerate(sorted(rng.sample(workdays, n))):
            out.append(Event(day, "ledger", u.city_code,
                             {"category": category, "subtype": subtype, "seq": i}))
    return out


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


PAYMENTS = ((0, 16800, "法律服务费（合同首付）"), (4, 16800, "法律服务费（进度款）"),
            (8, 11200, "法律服务费（进度款）"), (11, 11200, "法律服务费（尾款）"))


def payment_events(u: DemoUnit, cal: WorkCalendar, ready: D) -> list[Event]:
    """Payments to the provider in instalments after signing (a laggard unit pays only the first)."""
    plan = PAYMENTS[:1] if u.publicity < 5 else PAYMENTS
    out = []
    for n, (months, yuan, purpose) in enumerate(plan):
        day = cal.workday_on_or_after(min(ready + dt.timedelta(days=30 * months + 5), D(2027, 4, 28)))
        out.append(Event(day, "payment", u.city_code, {"yuan": yuan, "purpose": purpose, "n": n + 1}))
    return out


def evaluation_events(u: DemoUnit) -> list[Event]:
    """Reports handed in during May 2027, and the evaluators' verdict where the demo has one."""
    out = []
    if u.reports_on:
        kinds = [k.value for k in SubmissionKind] if u.results_report else [SubmissionKind.summary.value]
        out += [Event(u.reports_on, "report", u.city_code, {"kind": kind}) for kind in kinds]
    if u.verdict:
        day, verdict, due = u.verdict
        notes = {"notes": u.verdict_notes} if u.verdict_notes else {}
        out.append(Event(day, "verdict", u.city_code, {"verdict": verdict, "due": due, **notes}))
    return out


def demo_events(cal: WorkCalendar, impl_start: D, impl_end: D) -> list[Event]:
    events: list[Event] = []
    for u in UNITS:
        prep = preparation_events(u, cal)
        events += prep
        if not u.archive_missing:
            ready = max(e.on for e in prep)
            rows = ledger_events(u, cal, max(_after(cal, ready, 1), impl_start), impl_end)
            events += monthly_ledger_files(rows, cal)
            events += oversight_events(u, cal, ready, periods("quarterly", impl_start, impl_end))
            events += payment_events(u, cal, ready)
        events += evaluation_events(u)
    return sorted(events, key=lambda e: (e.on, e.city_code, e.kind))
