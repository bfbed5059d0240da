"""法律援助补贴: qualifying cases counted; amounts only from the province's rates, shipped empty."""

from __future__ import annotations

import copy

import pytest

from config.loader import parse_programme
from config.programme import AidRate
from config.yaml_files import ConfigError
from models.legal_aid import PENDING, aid_subsidies
from tests.unit.factories import programme_config

RATES = (AidRate(service="mediation", stage="超出基本服务的协商调解", yuan=500),
         AidRate(service="arbitration", stage="劳动仲裁代理", yuan=2000),
         AidRate(service="litigation", stage="诉讼代理", yuan=3000))


def test_the_shipped_configuration_has_no_invented_rates_and_says_they_await_the_province() -> None:
    rates = programme_config().legal_aid_rates
    assert [r.service for r in rates] == ["mediation", "arbitration", "litigation"]
    assert all(r.yuan is None and r.note == "待省总工会确认" for r in rates)


@pytest.mark.parametrize("counts, expected", [
    ({"mediation": 7, "arbitration": 2, "litigation": 1, "consultation": 30}, (2, 2, 1)),
    ({"mediation": 5}, (0, 0, 0)),
    ({"mediation": 3, "litigation": 2}, (0, 0, 2)),
    ({}, (0, 0, 0)),
], ids=["beyond_base", "at_base", "below_base", "none"])
def test_mediation_beyond_the_five_base_cases_arbitration_and_litigation_qualify(counts, expected) -> None:
    got = aid_subsidies(counts, 5, programme_config().legal_aid_rates)
    assert tuple(line.count for line in got.lines) == expected and got.cases == sum(expected)


def test_without_rates_the_counts_are_shown_without_amounts() -> None:
    got = aid_subsidies({"mediation": 7, "arbitration": 1}, 5, programme_config().legal_aid_rates)
    assert not got.priced and got.total_fen is None
    listed = "超出基本服务的协商调解 2 件、代理仲裁 1 件、代理诉讼 0 件"
    assert got.text() == f"可申请法律援助补贴 3 件：{listed}；{PENDING}"
    assert "元" not in got.text()


def test_once_the_province_enters_its_rates_the_amounts_follow() -> None:
    got = aid_subsidies({"mediation": 7, "arbitration": 1, "litigation": 1}, 5, RATES)
    assert got.priced and got.total_fen == (2 * 500 + 2000 + 3000) * 100
    assert "超出基本服务的协商调解 2 件（1,000.00 元）" in got.text() and "合计 6,000.00 元" in got.text()
    assert got.as_dict()["lines"][1] == {"service": "arbitration", "label": "代理仲裁", "count": 1,
                                         "rate_yuan": 2000, "amount_fen": 200_000}


def test_two_rates_for_one_service_are_refused() -> None:
    data = copy.deepcopy(programme_config().model_dump(mode="json"))
    data["legal_aid_rates"].append({"service": "litigation", "stage": "二审", "yuan": 1500, "note": ""})
    with pytest.raises(ConfigError, match="只能有一条补贴标准"):
        parse_programme(data, source="x.yaml")
