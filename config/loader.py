"""Load programme YAML into ProgrammeConfig with errors that name the bad YAML path."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from config.programme import ProgrammeConfig
from config.settings import CONFIG_DIR
from config.yaml_files import ConfigError, describe_validation_error, read_yaml, shown_path

__all__ = ["ConfigError", "config_from_json", "default_config_path", "load_programme_config",
           "parse_programme"]


def default_config_path(year: int) -> Path:
    return CONFIG_DIR / f"programme-{year}.yaml"


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
    return parse_programme(read_yaml(path), source=shown_path(path))


def config_from_json(text: str) -> ProgrammeConfig:
    """Rebuild the pinned config stored with a programme."""
    return ProgrammeConfig.model_validate(json.loads(text))
