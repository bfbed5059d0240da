"""`funds status`: a top-up (spending above the subsidy, paid by the unit) is not coloured as a fault."""

from __future__ import annotations

from flows.cli.funds import STATE_STYLE, _funds_cells
from models.enums import FundState

ERROR_STYLES = {"red", "bold red", "yellow"}


def _row(state: FundState) -> dict:
    return {"city_name": "合肥市", "unit_name": "肥西县工会", "contract_yuan": "56,000.00",
            "subsidy_yuan": "50,000.00", "spent_yuan": "56,000.00", "spent_share_text": "112%",
            "state": state, "over_yuan": "6,000.00", "remaining_yuan": "0.00", "state_label": "补助已用完"}


def test_a_top_up_is_not_styled_as_an_error():
    assert STATE_STYLE.get(FundState.over) not in ERROR_STYLES
    cell = _funds_cells(_row(FundState.over))[-1]
    assert "超出补助 6,000.00 元（由项目实施单位承担）" in cell and "[red]" not in cell


def test_a_unit_without_a_contract_is_still_flagged():
    assert STATE_STYLE[FundState.no_contract] == "yellow"
