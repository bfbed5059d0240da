"""How each demo unit differs from the others, drawn once from a generator seeded by its code (pure data).

Real units differ: how many 五进 venues their publicity reaches, how far their 一函两书 cases go, whether
they take part in 集体协商 or 合法性审查, what their contract's task list promises, what the contract costs,
and how the evaluators judge the effect in May. A named behaviour (DemoUnit fields) always wins over the
draw, so the demo's story stays as written and every run draws the same numbers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tasks.demo.units import DemoUnit

VENUE_ORDER = ("enterprise", "industrial_park", "community", "construction_site", "campus")


@dataclass(frozen=True)
class UnitProfile:
    """The demo unit's year in numbers: ledger counts, reach, escalation, task list, money, effect."""

    venues: tuple[str, ...]           # 五进 venues its publicity reaches, in the order it goes there
    publicity: int
    supervision: int                  # 一函两书 cases opened
    mediation: int
    consultations: int
    escalation: float                 # share of cases taken on to a 意见书
    stall: float                      # share of 意见书 left with neither a reply nor a 建议书
    bargaining: int                   # 参与集体协商 rows
    reviews: int                      # 合法性审查 rows
    targets: tuple[tuple[str, int], ...]   # the contract's 任务清单: (category, target)
    contract_yuan: int
    unvouchered: int | None           # the instalment (1-based) paid without a 凭证号, if any


def _draw(rng: random.Random, given: int | None, low: int, high: int) -> int:
    drawn = rng.randint(low, high)
    return drawn if given is None else given


def _venues(rng: random.Random, u: DemoUnit, publicity: int) -> tuple[str, ...]:
    """Always 进企业 first, then the others in a drawn order; 3–5 of them (never more than events)."""
    reach = u.venues if u.venues is not None else rng.choice((5, 5, 5, 4, 4, 3))
    rest = list(VENUE_ORDER[1:])
    rng.shuffle(rest)
    return (VENUE_ORDER[0], *rest)[:min(reach, publicity)]


def _optional_count(rng: random.Random, given: int | None, high: int) -> int:
    """A work kind most units do a few times and about one in five units not at all."""
    drawn = 0 if rng.random() < 0.2 else rng.randint(1, high)
    return drawn if given is None else given


def _targets(rng: random.Random, p: dict) -> tuple[tuple[str, int], ...]:
    """The task list as signed: the targets the unit then meets, except that about two units in five
    promised one kind of work a little (1–2) above what they then do; a kind it never does is listed
    for about half of the units (a shortfall), left off for the others."""
    floors = {"publicity": 10, "labour_supervision": 10, "collective_bargaining": 1, "legality_review": 1}
    done = {"publicity": p["publicity"], "labour_supervision": p["supervision"],
            "collective_bargaining": p["bargaining"], "legality_review": p["reviews"]}
    listed = [c for c in floors if done[c] or rng.random() < 0.5]
    stretched = rng.choice(listed) if rng.random() < 0.4 else ""
    rows = [(c, max(floors[c], done[c]) + (rng.choice((1, 2)) if c == stretched else 0)) for c in listed]
    return (*rows[:2], ("legal_aid", 5), *rows[2:])


def profile_of(u: DemoUnit) -> UnitProfile:
    """The unit's numbers: the named behaviour where the demo has one, else drawn by its code."""
    rng = random.Random(f"profile:{u.city_code}")
    p = {"publicity": _draw(rng, u.publicity, 10, 16), "supervision": _draw(rng, u.supervision, 10, 14),
         "mediation": _draw(rng, u.mediation, 5, 9), "consultations": rng.randint(10, 22)}
    venues = _venues(rng, u, p["publicity"])
    escalation = rng.choice((0.2, 0.3, 0.4, 0.5)) if u.escalation is None else u.escalation
    stall = rng.choice((0.0, 0.0, 0.0, 0.15)) if u.stall is None else u.stall
    p["bargaining"] = _optional_count(rng, u.bargaining, 4)
    p["reviews"] = _optional_count(rng, u.reviews, 3)
    targets = u.targets or _targets(rng, p)
    drawn = rng.choice((50_000, 52_000, 55_000, 56_000, 58_000, 60_000))
    contract = drawn if u.contract_yuan is None else u.contract_yuan
    unvouchered = 3 if rng.random() < 0.15 else None
    return UnitProfile(venues, p["publicity"], p["supervision"], p["mediation"], p["consultations"],
                       escalation, stall, p["bargaining"], p["reviews"], targets, contract, unvouchered)
