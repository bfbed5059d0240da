"""Reading configuration YAML and turning validation errors into Chinese lines with YAML paths."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from models.errors import Refusal

_DATE = "不是有效日期（应为 YYYY-MM-DD）"
REASONS = {
    "extra_forbidden": "unknown key（未知字段，请检查拼写）",
    "missing": "missing（缺少必填项）",
    "date_from_datetime_parsing": _DATE,
    "date_parsing": _DATE,
    "date_type": _DATE,
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文本",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "greater_than": "数值过小",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "string_pattern_mismatch": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
    "too_short": "至少需要一项",
    "model_type": "应为映射（键: 值）",
}
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class ConfigError(Refusal, ValueError):
    """A configuration file a person must fix; the message is ready to print."""


class _TextDateLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, so pydantic reports a bad one by its key."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def shown_path(path: Path) -> str:
    """Path as shown in messages: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_yaml(path: Path) -> object:
    """Parse a YAML file (dates left as text); ConfigError naming the file and line if it fails."""
    shown = shown_path(path)
    if not path.is_file():
        raise ConfigError(f"{shown}: 文件不存在")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDateLoader)  # a SafeLoader
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"（第 {mark.line + 1} 行）" if mark else ""
        raise ConfigError(f"{shown}: YAML 格式错误{where}") from None


def yaml_path(loc: tuple) -> str:
    """A pydantic error location as a YAML key path, e.g. holidays[3].date."""
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif not str(item).startswith("function-"):
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(根)"


def describe_validation_error(exc: ValidationError) -> list[str]:
    """One Chinese line per error, each starting with its YAML path; unknown keys first."""
    lines = []
    for err in sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden"):
        reason = REASONS.get(err["type"]) or err["msg"].removeprefix("Value error, ")
        lines.append(f"{yaml_path(tuple(err['loc']))}: {reason}")
    return lines
