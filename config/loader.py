"""Load programme YAML into ProgrammeConfig with errors that name the bad YAML path."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from pydantic import ValidationError

from config.programme import ProgrammeConfig
from config.settings import CONFIG_DIR


class ConfigError(ValueError):
    """A configuration file a person must fix; the message is ready to print."""


_REASONS = {
    "extra_forbidden": "unknown key（未知配置项，请检查拼写）",
    "missing": "missing（缺少必填项）",
    "date_from_datetime_parsing": "不是有效日期（应为 YYYY-MM-DD）",
    "date_parsing": "不是有效日期（应为 YYYY-MM-DD）",
    "date_type": "不是有效日期（应为 YYYY-MM-DD）",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "greater_than": "数值过小",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "string_pattern_mismatch": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
    "too_short": "至少需要一项",
}


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves an impossible date (2026-02-30) as text for pydantic to name."""


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def default_config_path(year: int) -> Path:
    return CONFIG_DIR / f"programme-{year}.yaml"


def _yaml_path(loc: tuple) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(根)"


def describe_validation_error(exc: ValidationError) -> list[str]:
    """One Chinese line per error, each starting with the YAML path of the bad field."""
    lines = []
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    for err in errors:
        loc = tuple(x for x in err["loc"] if not str(x).startswith("function-"))
        reason = _REASONS.get(err["type"])
        if reason is None:
            reason = err["msg"].removeprefix("Value error, ")
        lines.append(f"{_yaml_path(loc)}: {reason}")
    return lines


def parse_programme(data: object, *, source: str) -> ProgrammeConfig:
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: 顶层应为映射（键: 值）")
    try:
        return ProgrammeConfig.model_validate(data)
    except ValidationError as exc:
        lines = describe_validation_error(exc)
        raise ConfigError(f"{source}: " + "；".join(lines)) from None


def load_programme_config(path: Path) -> ProgrammeConfig:
    """Read and validate a programme YAML; raise ConfigError with a printable message."""
    if not path.is_file():
        raise ConfigError(f"{path}: 文件不存在")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else ""
        raise ConfigError(f"{path}: YAML 格式错误 {where}".rstrip()) from None
    return parse_programme(data, source=str(path))


def config_from_json(text: str) -> ProgrammeConfig:
    """Rebuild the pinned config stored with a programme."""
    return ProgrammeConfig.model_validate(json.loads(text))
