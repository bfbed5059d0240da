"""A finding: something a rule decided must be said to someone, with its idempotency key."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    """One message to one audience tag; (programme, rule, subject, rung, period, audience) is unique."""

    rule: str
    subject: str
    rung: int
    period: str
    audience: str
    urgent: bool
    template: str
    context: dict = field(default_factory=dict, hash=False, compare=False)
    evidence_date: dt.date | None = None

    def key(self, programme_year: int) -> str:
        return f"{programme_year}:{self.rule}:{self.subject}:{self.rung}:{self.period}:{self.audience}"


def audience_tag(audience: str, city_code: str, unit_code: str | None) -> str:
    """Apprise tag for a ladder audience: province, city-<code>, unit-<code>, evaluator."""
    if audience == "city":
        return f"city-{city_code}"
    if audience == "unit":
        return f"unit-{unit_code}" if unit_code else f"city-{city_code}"
    return audience
