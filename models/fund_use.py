"""专款专用 as the notice writes it: the subsidy spent on legal-service purchase, vouchered, in the year.

Every payment is sorted into one of three budget lines:
- 法律援助补贴 (用途 names it): its own line under the province's 《办法》, never counted against the
  5万 subsidy;
- 购买法律服务 (用途 names 法律服务): the subsidy's purpose; it counts as 专款专用 when it has a voucher
  (凭证号) and falls within the programme year (preparation start to evaluation end);
- anything else (a free-text 用途 such as 办公用品采购): another use, flagged.
Spending above the subsidy is the unit's own money (项目经费不足部分由项目实施单位承担): it is recorded
and shown as 单位自筹, never penalised. The score is the share of the subsidy documented as 专款专用
(legal-service payments with voucher, in the year, up to the subsidy), 0–100.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.funds import percent, yuan

LEGAL_AID_MARK = "法律援助补贴"
SERVICE_MARK = "法律服务"
NO_VOUCHER = "无凭证号"
OUT_OF_YEAR = "不在项目年度内"
OTHER_USE = "非购买法律服务用途"


@dataclass(frozen=True)
class Payment:
    """One recorded expenditure."""

    spent_on: dt.date
    amount_fen: int
    purpose: str
    voucher: str = ""


@dataclass(frozen=True)
class FlaggedPayment:
    """A payment that does not count as 专款专用, with why."""

    payment: Payment
    why: str

    def text(self) -> str:
        p = self.payment
        return f"{p.spent_on} {p.purpose} {yuan(p.amount_fen)} 元：{self.why}"


@dataclass(frozen=True)
class FundUse:
    """A unit's money by budget line, as of a date, in fen."""

    subsidy_fen: int
    service_fen: int        # all legal-service payments
    proper_fen: int         # legal-service payments with voucher, within the year
    other_fen: int          # payments for other uses
    legal_aid_fen: int      # 法律援助补贴, its own line
    flagged: tuple[FlaggedPayment, ...]

    @property
    def against_subsidy_fen(self) -> int:
        """Everything but the legal-aid line."""
        return self.service_fen + self.other_fen

    @property
    def top_up_fen(self) -> int:
        """Spending above the subsidy, paid by the unit (单位自筹)."""
        return max(0, self.against_subsidy_fen - self.subsidy_fen)

    @property
    def documented_share(self) -> float:
        """The share of the subsidy documented as 专款专用 (0–1)."""
        return min(self.proper_fen, self.subsidy_fen) / self.subsidy_fen if self.subsidy_fen else 0.0


def is_legal_aid(purpose: str) -> bool:
    return LEGAL_AID_MARK in purpose


def payment_flag(p: Payment, year: tuple[dt.date, dt.date]) -> str | None:
    """Why a (non legal-aid) payment is not 专款专用, or None when it is."""
    if SERVICE_MARK not in p.purpose:
        return OTHER_USE
    if not p.voucher.strip():
        return NO_VOUCHER
    return None if year[0] <= p.spent_on <= year[1] else OUT_OF_YEAR


def assess_fund_use(payments: tuple[Payment, ...], subsidy_fen: int,
                    year: tuple[dt.date, dt.date]) -> FundUse:
    """Sort the payments into their lines and flag those that are not 专款专用."""
    service = proper = other = aid = 0
    flagged = []
    for p in sorted(payments, key=lambda p: (p.spent_on, p.voucher, p.purpose, p.amount_fen)):
        if is_legal_aid(p.purpose):
            aid += p.amount_fen
            continue
        why = payment_flag(p, year)
        if why == OTHER_USE:
            other += p.amount_fen
        else:
            service += p.amount_fen
            proper += p.amount_fen if why is None else 0
        if why is not None:
            flagged.append(FlaggedPayment(p, why))
    return FundUse(subsidy_fen, service, proper, other, aid, tuple(flagged))


def fund_use_reason(use: FundUse) -> str:
    """The component's reason: documented share, top-up, legal-aid line, flagged payments."""
    if use.subsidy_fen <= 0:
        return "无补助金额，无法评价经费使用"
    parts = [f"购买法律服务且有凭证、在项目年度内 {yuan(min(use.proper_fen, use.subsidy_fen))} 元，"
             f"为补助 {yuan(use.subsidy_fen)} 元的 {percent(use.documented_share)}"]
    if use.top_up_fen:
        parts.append(f"单位自筹 {yuan(use.top_up_fen)} 元（超出补助部分由单位承担，不扣分）")
    if use.legal_aid_fen:
        parts.append(f"法律援助补贴 {yuan(use.legal_aid_fen)} 元另列，不计入补助")
    if use.flagged:
        parts.append("需核实：" + "；".join(f.text() for f in use.flagged))
    return "；".join(parts)


def fund_use_score(use: FundUse) -> tuple[float, str]:
    """100 × the share of the subsidy documented as 专款专用; the reason says what counted and what not."""
    return 100.0 * use.documented_share, fund_use_reason(use)
