"""The evaluators' 实际成效 assessments of May 2027 in the demo: score, notes, methods, day (pure data).

A named unit carries the evaluators' own words (DemoUnit.effect); the others are judged from what they
did (五进 reach, how far their 一函两书 went, 集体协商 and 合法性审查) with a little of each evaluator's
own view, drawn by the unit's code. A unit with `assessed=False` has not been visited by 2027-05-31.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tasks.demo.profiles import UnitProfile
from tasks.demo.units import DemoUnit

D = dt.date
VISIT_DAYS = (D(2027, 5, 17), D(2027, 5, 18), D(2027, 5, 19), D(2027, 5, 20), D(2027, 5, 21),
              D(2027, 5, 24), D(2027, 5, 26), D(2027, 5, 27), D(2027, 5, 28))
INTERVIEWS = ("座谈访谈：职工对法律咨询和协商调解评价较好", "座谈访谈：企业对提示函整改配合度较高",
              "座谈访谈：职工反映服务便捷，建议增加晚间咨询", "座谈访谈：企业负责人认可普法进企业的效果",
              "座谈访谈：部分职工对项目知晓度不高，宣传有待加强")


@dataclass(frozen=True)
class DemoEffect:
    on: dt.date
    effect: int
    notes: str
    methods: tuple[str, ...]


def _visit_day(rng: random.Random, u: DemoUnit) -> dt.date:
    """After the unit's reports and, where the demo records a verdict, before it."""
    days = [d for d in VISIT_DAYS if (u.reports_on is None or d > u.reports_on)
            and (not u.verdict or d < u.verdict[0])]
    return rng.choice(days)


def _drawn(rng: random.Random, p: UnitProfile) -> tuple[int, str]:
    carried = p.escalation * (1 - p.stall)
    score = (66 + 4 * (len(p.venues) - 3) + round(20 * carried) + 3 * (p.bargaining > 0)
             + 2 * (p.reviews > 0) + rng.randint(-3, 4))
    site = (f"实地调研：普法“五进”覆盖 {len(p.venues)} 类场所，"
            + ("意见书跟进到位" if carried >= 0.3 else "一函两书以提示函为主")
            + ("，参与集体协商" if p.bargaining else "，未参与集体协商")
            + ("、开展合法性审查" if p.reviews else ""))
    return max(60, min(95, score)), f"{site}；{rng.choice(INTERVIEWS)}。"


def effect_of(u: DemoUnit, p: UnitProfile) -> DemoEffect | None:
    """The unit's assessment, or None while it is 待评审."""
    if not u.assessed:
        return None
    rng = random.Random(f"effect:{u.city_code}")
    score, notes = u.effect if u.effect else _drawn(rng, p)
    methods = ("site_visit", "document_review", "interview") if rng.random() < 0.5 else ("site_visit",
                                                                                         "interview")
    return DemoEffect(_visit_day(rng, u), score, notes, methods)
