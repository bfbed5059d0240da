"""The rubric's configuration: 实际成效's weight and 完成情况's parts, and configs archived before them."""

from __future__ import annotations

import copy

import pytest
import yaml
from pydantic import ValidationError

from config.loader import ConfigError, default_config_path, parse_programme
from config.programme import CompletionParts

SHIPPED = default_config_path(2026)


@pytest.fixture(scope="module")
def base() -> dict:
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


def test_the_shipped_config_weighs_the_notices_three_axes_and_completions_parts(base: dict) -> None:
    rubric = parse_programme(base, source="x.yaml").rubric
    assert rubric.weights.model_dump() == {"completion": 0.35, "fund_use": 0.15, "effect": 0.2,
                                           "archive": 0.1, "oversight": 0.1, "timeliness": 0.1}
    assert rubric.completion_parts == CompletionParts(quotas=0.5, venues=0.1, cases=0.15, task_list=0.15,
                                                      other_kinds=0.1)


def test_a_config_archived_before_effect_and_parts_still_loads_with_effect_zero(base: dict) -> None:
    data = copy.deepcopy(base)
    data["rubric"] = {"weights": {"completion": 0.4, "fund_use": 0.2, "archive": 0.15, "oversight": 0.1,
                                  "timeliness": 0.15}, "promote_at": 90, "pass_at": 60}
    rubric = parse_programme(data, source="x.yaml").rubric
    assert rubric.weights.effect == 0.0 and rubric.completion_parts == CompletionParts()


def test_completion_parts_that_do_not_sum_to_one_are_refused(base: dict) -> None:
    data = copy.deepcopy(base)
    data["rubric"]["completion_parts"]["venues"] = 0.3
    with pytest.raises(ConfigError) as refused:
        parse_programme(data, source="x.yaml")
    assert "rubric.completion_parts: 完成情况各部分权重之和须为 1，当前为 1.2" in str(refused.value)


def test_a_negative_or_unknown_part_is_refused() -> None:
    with pytest.raises(ValidationError):
        CompletionParts(quotas=0.7, venues=-0.2, cases=0.2, task_list=0.2, other_kinds=0.1)
    with pytest.raises(ValidationError):
        CompletionParts.model_validate({"quotas": 1.0, "venues": 0, "cases": 0, "task_list": 0,
                                        "other_kinds": 0, "effect": 0})


def test_an_effect_weight_that_breaks_the_sum_is_refused(base: dict) -> None:
    data = copy.deepcopy(base)
    data["rubric"]["weights"]["effect"] = 0.3
    with pytest.raises(ConfigError) as refused:
        parse_programme(data, source="x.yaml")
    assert "评分权重之和须为 1" in str(refused.value)
