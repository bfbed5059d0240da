"""Over the subsidy, decided once (models.funds.is_over_subsidy) for the alerts and the overview alike."""

from __future__ import annotations

import json

import pytest

from models.enums import FundState
from models.fund_overview import unit_funds
from models.funds import OVER_RULE, FundsPosition, determine_fund_alerts, fund_state, is_over_subsidy
from models.status import evaluate_slots
from tests.unit.factories import d, programme_config, ready_slot, work_calendar

UNIT = "340123"
SUBSIDY, CONTRACT = 5_000_000, 5_600_000
NO_CONTRACT_OVER = FundsPosition(5_100_000, 0, 0)  # payments on record, no contract signed by the date


def _overview(position: FundsPosition | None):
    return unit_funds("340100", "合肥市", UNIT, "肥西县", position, programme_config())


def _over_alerted(position: FundsPosition) -> bool:
    day = d("2026-10-15")
    statuses = evaluate_slots([ready_slot(d("2026-06-10"))], programme_config(), work_calendar(), day)
    findings = determine_fund_alerts(statuses, {UNIT: position}, programme_config(), work_calendar(), day)
    return any(f.rule == OVER_RULE for f in findings)


@pytest.mark.parametrize(("position", "state"), [
    (None, FundState.no_contract),
    (FundsPosition(0, 0, 0), FundState.no_contract),
    (FundsPosition(4_900_000, 0, 0), FundState.no_contract),
    (NO_CONTRACT_OVER, FundState.over),
    (FundsPosition(5_000_001, SUBSIDY, CONTRACT), FundState.over),
    (FundsPosition(5_000_000, SUBSIDY, CONTRACT), FundState.spent),
    (FundsPosition(4_100_000, SUBSIDY, CONTRACT), FundState.under),
    (FundsPosition(4_100_000, 4_000_000, 4_000_000), FundState.over),
])
def test_each_position_has_one_state(position, state) -> None:
    assert fund_state(position, programme_config()) is state


def test_a_unit_without_a_contract_spending_above_the_fixed_subsidy_is_over_in_the_alert_and_the_overview():
    """The case the two old copies disagreed on: the alert said over, the overview said no_contract."""
    assert is_over_subsidy(NO_CONTRACT_OVER, programme_config())
    assert _over_alerted(NO_CONTRACT_OVER)
    row = _overview(NO_CONTRACT_OVER)
    assert (row.state, row.subsidy_fen, row.over_fen, row.contract_fen) == ("over", SUBSIDY, 100_000, 0)
    assert row.as_dict()["state_label"] == "超出补助"


def test_a_unit_without_a_contract_within_the_subsidy_is_neither_alerted_nor_shown_as_over():
    position = FundsPosition(4_900_000, 0, 0)
    assert not _over_alerted(position)
    row = _overview(position)
    assert (row.state, row.subsidy_fen, row.remaining_fen) == ("no_contract", 0, 0)


def test_the_overview_row_as_json_keeps_its_keys_strings_and_numbers() -> None:
    doc = json.loads(json.dumps(_overview(FundsPosition(3_360_000, SUBSIDY, CONTRACT)).as_dict()))
    assert list(doc) == ["city_code", "city_name", "unit_code", "unit_name", "contract_fen",
                         "subsidy_fen", "spent_fen", "spent_share", "over_fen", "remaining_fen",
                         "contract_yuan", "subsidy_yuan", "spent_yuan", "spent_share_text", "over_yuan",
                         "remaining_yuan", "top_up_fen", "top_up_yuan", "legal_aid_fen", "legal_aid_yuan",
                         "state", "state_label"]
    assert (doc["spent_share"], doc["remaining_fen"], doc["spent_share_text"], doc["state"]) == (
        0.672, 1_640_000, "67.2%", "under")
    assert _overview(None).as_dict()["subsidy_yuan"] == "0.00"
