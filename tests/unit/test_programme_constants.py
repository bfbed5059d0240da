"""Deliver 12: the figures the notice or the province may change live in the programme configuration."""

from __future__ import annotations

import copy

import pytest
import yaml

from config.loader import ConfigError, default_config_path, parse_programme

SHIPPED = yaml.safe_load(default_config_path(2026).read_text(encoding="utf-8"))


def _parsed(**changes):
    data = copy.deepcopy(SHIPPED)
    data.update(changes)
    return parse_programme(data, source="programme-2026.yaml")


def test_the_shipped_configuration_writes_todays_figures():
    cfg = _parsed()
    assert (cfg.team_minimum, cfg.workplan_soft_limit) == (3, 1500)


def test_a_configuration_without_them_takes_the_same_defaults():
    data = {k: v for k, v in SHIPPED.items() if k not in ("team_minimum", "workplan_soft_limit")}
    cfg = parse_programme(data, source="programme-2026.yaml")
    assert (cfg.team_minimum, cfg.workplan_soft_limit) == (3, 1500)


def test_the_province_may_change_them():
    assert _parsed(team_minimum=5, workplan_soft_limit=2000).team_minimum == 5


def test_a_team_minimum_below_one_is_refused_naming_the_field():
    with pytest.raises(ConfigError) as info:
        _parsed(team_minimum=0)
    assert "team_minimum" in str(info.value)
