"""Programme YAML validation: errors name the file and the YAML path; the hash pins the config."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from config.loader import (
    ConfigError,
    config_from_json,
    default_config_path,
    load_programme_config,
    parse_programme,
)

SHIPPED = default_config_path(2026)


@pytest.fixture(scope="module")
def base() -> dict:
    """The shipped 2026 YAML as plain data, to mutate one thing at a time."""
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict, name: str = "programme-2026.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def mutated(base: dict, change: Callable[[dict], None]) -> dict:
    data = copy.deepcopy(base)
    change(data)
    return data


def refusal(tmp_path: Path, data: dict) -> str:
    """Write the data as YAML, load it, and return the ConfigError message."""
    path = write(tmp_path, data)
    with pytest.raises(ConfigError) as caught:
        load_programme_config(path)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_the_shipped_2026_programme_loads_with_the_notice_figures() -> None:
    cfg = load_programme_config(SHIPPED)
    assert cfg.year == 2026
    assert cfg.deadlines.recommendation == dt.date(2026, 5, 12)
    assert cfg.phases.implementation.start == dt.date(2026, 5, 1)
    assert cfg.phases.evaluation.start == dt.date(2027, 5, 1)
    assert (cfg.quotas.publicity.target, cfg.quotas.labour_supervision.target) == (10, 10)
    assert cfg.quotas.mediation_base.target == 5
    assert cfg.funds.subsidy_yuan == 50_000
    assert [v.code for v in cfg.venues] == [
        "enterprise", "industrial_park", "community", "construction_site", "campus",
    ]
    assert [r.offset for r in cfg.ladders.recommendation.rungs] == [-5, -1, 1, 5]


def test_a_misspelt_quota_key_is_refused_as_an_unknown_key_at_its_path(
    tmp_path: Path, base: dict
) -> None:
    def misspell(data: dict) -> None:
        data["quotas"]["publicty"] = data["quotas"].pop("publicity")

    message = refusal(tmp_path, mutated(base, misspell))
    assert "quotas.publicty" in message
    assert "unknown key" in message
    assert message.index("quotas.publicty") < message.index("quotas.publicity")


def test_an_unknown_top_level_key_is_refused(tmp_path: Path, base: dict) -> None:
    message = refusal(tmp_path, mutated(base, lambda data: data.update(budget=1)))
    assert "budget: unknown key" in message


@pytest.mark.parametrize(
    "path",
    [
        ("deadlines", "filing"),
        ("quotas", "publicity", "target"),
        ("funds", "subsidy_yuan"),
        ("ladders", "submission"),
        ("year",),
    ],
    ids=".".join,
)
def test_a_missing_key_is_refused_naming_its_path(
    tmp_path: Path, base: dict, path: tuple[str, ...]
) -> None:
    def drop(data: dict) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    message = refusal(tmp_path, mutated(base, drop))
    assert f"{'.'.join(path)}: missing" in message


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "下周一", "12/05/2026"])
@pytest.mark.parametrize(
    "section, key",
    [("deadlines", "filing"), ("funds", "unspent_alert_from")],
)
def test_a_bad_date_is_refused_naming_its_path(
    tmp_path: Path, base: dict, section: str, key: str, value: str
) -> None:
    path = write(tmp_path, mutated(base, lambda data: None))
    text = path.read_text(encoding="utf-8")
    original = base[section][key].isoformat()
    path.write_text(text.replace(f"{key}: {original}", f"{key}: {value}"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_programme_config(path)
    assert f"{section}.{key}: 不是有效日期" in str(caught.value)


def test_a_bad_phase_date_names_the_nested_path(tmp_path: Path, base: dict) -> None:
    def bad(data: dict) -> None:
        data["phases"]["evaluation"]["start"] = "2027-05-32"

    assert "phases.evaluation.start: 不是有效日期" in refusal(tmp_path, mutated(base, bad))


@pytest.mark.parametrize(
    "offsets",
    [[1, -1], [-5, -5, 1], [-1, -5, 1, 5], [5, 1]],
    ids=str,
)
def test_a_ladder_whose_offsets_do_not_strictly_ascend_is_refused(
    tmp_path: Path, base: dict, offsets: list[int]
) -> None:
    def ladder(data: dict) -> None:
        data["ladders"]["recommendation"]["rungs"] = [
            {"offset": o, "audience": ["city"]} for o in offsets
        ]

    message = refusal(tmp_path, mutated(base, ladder))
    assert "ladders.recommendation: 提醒阶梯的偏移须严格递增" in message


def test_a_ladder_rung_without_audience_is_refused(tmp_path: Path, base: dict) -> None:
    def empty(data: dict) -> None:
        data["ladders"]["oversight"]["rungs"][0]["audience"] = []

    assert "ladders.oversight.rungs[0].audience" in refusal(tmp_path, mutated(base, empty))


@pytest.mark.parametrize("completion", [0.5, 0.3, 0.0])
def test_rubric_weights_that_do_not_sum_to_one_are_refused(
    tmp_path: Path, base: dict, completion: float
) -> None:
    def weights(data: dict) -> None:
        data["rubric"]["weights"]["completion"] = completion

    message = refusal(tmp_path, mutated(base, weights))
    assert "rubric.weights: 评分权重之和须为 1" in message


def test_rubric_weights_summing_to_one_in_another_split_are_accepted(base: dict) -> None:
    data = mutated(base, lambda d: d["rubric"].update(weights={
        "completion": 0.2, "fund_use": 0.2, "archive": 0.2, "oversight": 0.2, "timeliness": 0.2,
    }))
    assert parse_programme(data, source="x.yaml").rubric.weights.completion == 0.2


@pytest.mark.parametrize(
    "change",
    [
        lambda venues: venues.pop(),
        lambda venues: venues.append({"code": "village", "name": "进农村"}),
        lambda venues: venues.__setitem__(4, {"code": "enterprise", "name": "进企业"}),
    ],
    ids=["four", "six", "duplicate_code"],
)
def test_venues_other_than_five_distinct_are_refused_naming_venues(
    tmp_path: Path, base: dict, change: Callable[[list], None]
) -> None:
    message = refusal(tmp_path, mutated(base, lambda data: change(data["venues"])))
    assert "venues: 五进场所须恰好 5 个" in message


def test_a_recommendation_deadline_outside_preparation_is_refused(base: dict) -> None:
    data = mutated(base, lambda d: d["deadlines"].update(recommendation=dt.date(2026, 7, 15)))
    with pytest.raises(ConfigError, match="推荐截止日 2026-07-15 不在筹备部署阶段内"):
        parse_programme(data, source="x.yaml")


def test_an_implementation_window_overlapping_evaluation_is_refused(base: dict) -> None:
    data = mutated(base, lambda d: d["phases"]["implementation"].update(end=dt.date(2027, 5, 3)))
    with pytest.raises(ConfigError, match="phases: 实施阶段须在总结评估阶段开始前结束"):
        parse_programme(data, source="x.yaml")


def test_invalid_yaml_syntax_is_refused_with_the_file_name_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("year: 2026\nquotas: [publicity\nname: x\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_programme_config(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert "YAML 格式错误" in message
    assert "行" in message


def test_a_missing_file_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "programme-2030.yaml"
    with pytest.raises(ConfigError, match=r"programme-2030\.yaml: 文件不存在"):
        load_programme_config(path)


def test_a_yaml_list_at_the_top_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- year: 2026\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="顶层应为映射"):
        load_programme_config(path)


def test_config_hash_is_stable_across_loads() -> None:
    first, second = load_programme_config(SHIPPED), load_programme_config(SHIPPED)
    assert first.config_hash() == second.config_hash()
    assert len(first.config_hash()) == 64


def test_config_hash_ignores_key_order_and_comments(tmp_path: Path, base: dict) -> None:
    reordered = dict(reversed(list(base.items())))
    path = write(tmp_path, reordered)
    assert load_programme_config(path).config_hash() == load_programme_config(SHIPPED).config_hash()


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["quotas"]["publicity"].update(target=11),
        lambda d: d["deadlines"].update(recommendation=dt.date(2026, 5, 13)),
        lambda d: d["ladders"]["recommendation"]["rungs"][0].update(offset=-6),
    ],
    ids=["quota", "deadline", "ladder"],
)
def test_config_hash_changes_when_a_setting_changes(
    base: dict, change: Callable[[dict], None]
) -> None:
    before = parse_programme(base, source="base").config_hash()
    after = parse_programme(mutated(base, change), source="changed").config_hash()
    assert before != after


def test_canonical_json_round_trips_through_config_from_json() -> None:
    cfg = load_programme_config(SHIPPED)
    again = config_from_json(cfg.canonical_json())
    assert again == cfg
    assert again.config_hash() == cfg.config_hash()
    assert again.deadlines.recommendation == dt.date(2026, 5, 12)
    assert again.ladders.recommendation.rungs[2].audience == ("city", "province")
