"""The evaluation packet's figures as typed values: counts are ints, money is fen, days are dates.

Built by tasks/packets/unit_document.py and ledger_summary.py, drawn by svg.py and written out
by the Jinja templates (html.py), which alone turn fen into 元 text (the `yuan` filter) and dates
into YYYY-MM-DD. Sections that are plain text (procurement, gates, rubric, verdict)
stay dicts; the schema is in tasks/packets/html.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Quota:
    """One yearly minimum: done so far against the target and the pace expected by now."""

    key: str
    label: str
    unit: str
    count: int
    target: int
    expected: float
    status: str  # on_track | behind | at_risk | done (the chart's colours)
    status_label: str
    projected: int


@dataclass(frozen=True)
class VenueCount:
    """A 五进 venue reached, with its number of events."""

    code: str
    name: str
    count: int


@dataclass(frozen=True)
class Venues:
    """普法“五进”: the venues reached, the names of those missing, how many of how many."""

    reached: list[VenueCount]
    missing: list[str]
    count: int
    of: int


@dataclass(frozen=True)
class Month:
    """Ledger rows of one month (YYYY-MM), in total and by category label."""

    month: str
    total: int
    by_category: dict[str, int]


@dataclass(frozen=True)
class Case:
    """One 一函两书 case: each document's day, the reply deadline and reply, the stage, overdue or not."""

    case_no: str
    employer: str
    reminder_letter_on: dt.date | None
    opinion_on: dt.date | None
    recommendation_on: dt.date | None
    reply_due: dt.date | None
    replied_on: dt.date | None
    stage_label: str
    overdue: bool


@dataclass(frozen=True)
class AidCount:
    """职工法律援助 cases of one service type."""

    type_label: str
    count: int


@dataclass(frozen=True)
class WorkCount:
    """Other work (collective bargaining, legality review, …) of one category and kind."""

    category_label: str
    subtype_label: str
    count: int


@dataclass(frozen=True)
class Expense:
    """One expenditure: day, purpose, amount in fen."""

    date: dt.date
    purpose: str
    amount_fen: int


@dataclass(frozen=True)
class Funds:
    """Subsidy and spending in fen, the share spent (and its label), over or not, the expenditures;
    the unit's own top-up above the subsidy, the separate 法律援助补贴 line, payments to be checked."""

    subsidy_fen: int
    spent_fen: int
    share: float
    share_label: str
    over: bool
    state_label: str
    items: list[Expense] = field(default_factory=list)
    top_up_fen: int = 0
    legal_aid_fen: int = 0
    flagged: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DocumentLink:
    """A report the unit submitted: where its copy sits in the packet (href even when absent)."""

    label: str
    href: str | None
    sha256: str | None
    present: bool


@dataclass(frozen=True)
class UnitPacket:
    """Everything one unit's index.html shows."""

    title: str
    as_of: dt.date
    version: str
    programme: dict[str, Any]
    unit: dict[str, Any]
    quotas: list[Quota]
    venues: Venues
    monthly: list[Month]
    cases: list[Case]
    legal_aid: list[AidCount]
    other_work: list[WorkCount]
    oversight: dict[str, Any]
    funds: Funds
    procurement: dict[str, Any]
    gates: list[dict[str, Any]]
    missing: list[str]
    rubric: dict[str, Any]
    verdict: dict[str, Any] | None
    documents: list[DocumentLink]
    files: dict[str, str]
    aid_subsidies: dict[str, Any] | None = None  # models/legal_aid.AidSubsidies.as_dict()


@dataclass(frozen=True)
class UnitSummary:
    """One unit's line in the province index (rank 0 until ranked)."""

    code: str
    name: str
    city_name: str
    score: float
    suggested_label: str
    verdict_label: str | None
    missing: int
    href: str
    zip: str
    rank: int = 0
    provisional: bool = False   # the score is 暂定 (实际成效 待评审)


@dataclass(frozen=True)
class ProvinceIndex:
    """The province's index.html: the units in rank order."""

    title: str
    as_of: dt.date
    version: str
    programme: dict[str, Any]
    units: list[UnitSummary]
