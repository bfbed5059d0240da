"""职工法律援助补贴 as the notice pays it: cases counted, amounts only at the province's own rates.

Qualifying cases (通知 二(二)3): 协商调解 beyond the base quota (5 件, the basic service), and every
仲裁 and 诉讼 代理. Their subsidy follows the province's 《安徽工会职工法律援助经费使用管理办法》: the
amounts come only from `legal_aid_rates` in the programme configuration; while any rate is empty
(shipped as 待省总工会确认) the counts are shown without amounts. The subsidy is its own budget line,
not counted against the 5万 service subsidy (models/fund_use.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from config.programme import AidRate
from models.funds import yuan

SERVICES = (("mediation", "超出基本服务的协商调解"), ("arbitration", "代理仲裁"), ("litigation", "代理诉讼"))
PENDING = "补贴标准待省总工会确认，暂只统计件数"


@dataclass(frozen=True)
class AidSubsidyLine:
    """One kind of qualifying case: how many, and the rate per case (None: not entered)."""

    service: str
    label: str
    count: int
    rate_yuan: int | None

    @property
    def amount_fen(self) -> int | None:
        return None if self.rate_yuan is None else self.count * self.rate_yuan * 100

    def text(self) -> str:
        amount = "" if self.amount_fen is None else f"（{yuan(self.amount_fen)} 元）"
        return f"{self.label} {self.count} 件{amount}"


@dataclass(frozen=True)
class AidSubsidies:
    """A unit's qualifying cases by kind; a total only when every rate is entered."""

    lines: tuple[AidSubsidyLine, ...]

    @property
    def cases(self) -> int:
        return sum(line.count for line in self.lines)

    @property
    def priced(self) -> bool:
        return all(line.rate_yuan is not None for line in self.lines)

    @property
    def total_fen(self) -> int | None:
        return sum(line.amount_fen or 0 for line in self.lines) if self.priced else None

    def text(self) -> str:
        listed = "、".join(line.text() for line in self.lines)
        tail = f"，合计 {yuan(self.total_fen)} 元" if self.total_fen is not None else f"；{PENDING}"
        return f"可申请法律援助补贴 {self.cases} 件：{listed}{tail}"

    def as_dict(self) -> dict:
        return {"cases": self.cases, "priced": self.priced, "total_fen": self.total_fen, "text": self.text(),
                "lines": [{"service": x.service, "label": x.label, "count": x.count, "rate_yuan": x.rate_yuan,
                           "amount_fen": x.amount_fen} for x in self.lines]}


def rate_for(service: str, rates: Sequence[AidRate]) -> int | None:
    """The province's rate per case for a service (None while not entered)."""
    return next((r.yuan for r in rates if r.service == service), None)


def aid_subsidies(counts: Mapping[str, int], base_target: int, rates: Sequence[AidRate]) -> AidSubsidies:
    """Qualifying cases from legal-aid counts by service: mediation beyond the base, arbitration, lawsuits."""
    qualifying = {"mediation": max(0, counts.get("mediation", 0) - base_target),
                  "arbitration": counts.get("arbitration", 0), "litigation": counts.get("litigation", 0)}
    return AidSubsidies(tuple(AidSubsidyLine(code, label, qualifying[code], rate_for(code, rates))
                              for code, label in SERVICES))


def aid_by_unit(units: Iterable[str], counts: Mapping[str, Mapping[str, int]], base_target: int,
                rates: Sequence[AidRate]) -> dict[str, dict]:
    """unit code → its qualifying cases as JSON (AidSubsidies.as_dict()), zero for a unit without rows."""
    return {unit: aid_subsidies(counts.get(unit, {}), base_target, rates).as_dict() for unit in units}
