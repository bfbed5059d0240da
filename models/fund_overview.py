"""One implementing unit's funds as the overview shows them: contract, subsidy, spent, over or left."""

from __future__ import annotations

from dataclasses import dataclass

from config.programme import ProgrammeConfig
from models.enums import FUND_STATE_LABELS, FundState
from models.funds import FundsPosition, fund_state, percent, subsidy_of, yuan

NO_POSITION = FundsPosition(0, 0, 0)


@dataclass(frozen=True)
class UnitFunds:
    """A unit's position as of a date; a unit shown as no_contract shows a subsidy of 0."""

    city_code: str
    city_name: str
    unit_code: str
    unit_name: str
    contract_fen: int
    subsidy_fen: int
    spent_fen: int
    state: FundState
    legal_aid_fen: int = 0  # 法律援助补贴: its own line, not in spent_fen

    @property
    def share(self) -> float:
        return self.spent_fen / self.subsidy_fen if self.subsidy_fen else 0.0

    @property
    def over_fen(self) -> int:
        """Spending above the subsidy: the unit's own money (单位自筹), shown, not a fault."""
        return max(0, self.spent_fen - self.subsidy_fen)

    @property
    def remaining_fen(self) -> int:
        return max(0, self.subsidy_fen - self.spent_fen)

    def as_dict(self) -> dict:
        """Amounts in fen and as 元 text (the JSON of `legalcap funds status`, the packets' rows)."""
        return {
            "city_code": self.city_code, "city_name": self.city_name, "unit_code": self.unit_code,
            "unit_name": self.unit_name, "contract_fen": self.contract_fen, "subsidy_fen": self.subsidy_fen,
            "spent_fen": self.spent_fen, "spent_share": round(self.share, 4), "over_fen": self.over_fen,
            "remaining_fen": self.remaining_fen, "contract_yuan": yuan(self.contract_fen),
            "subsidy_yuan": yuan(self.subsidy_fen), "spent_yuan": yuan(self.spent_fen),
            "spent_share_text": percent(self.share), "over_yuan": yuan(self.over_fen),
            "remaining_yuan": yuan(self.remaining_fen), "top_up_fen": self.over_fen,
            "top_up_yuan": yuan(self.over_fen), "legal_aid_fen": self.legal_aid_fen,
            "legal_aid_yuan": yuan(self.legal_aid_fen), "state": self.state,
            "state_label": FUND_STATE_LABELS[self.state]}


def unit_funds(city_code: str, city_name: str, unit_code: str, unit_name: str,
               position: FundsPosition | None, cfg: ProgrammeConfig, legal_aid_fen: int = 0) -> UnitFunds:
    """The unit's row: its state by `fund_state`; the subsidy it is judged by (shown as 0 if no_contract)."""
    state = fund_state(position, cfg)
    p = position or NO_POSITION
    subsidy = subsidy_of(p, cfg) if state != FundState.no_contract else 0
    return UnitFunds(city_code, city_name, unit_code, unit_name, p.contract_fen, subsidy, p.spent_fen, state,
                     legal_aid_fen)


def balance_text(row: dict) -> str:
    """A unit's row (`as_dict`) as 超出补助 x 元（由项目实施单位承担） / 补助余额 y 元 / its state's label."""
    if row["state"] == FundState.over:
        return f"超出补助 {row['over_yuan']} 元（由项目实施单位承担）"
    if row["state"] == FundState.under:
        return f"补助余额 {row['remaining_yuan']} 元"
    return row["state_label"]
