"""Render a finding into a Chinese title and body from its Jinja2 template."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from models.findings import Finding


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("notifications", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        autoescape=False,
    )


def render(finding: Finding) -> tuple[str, str]:
    """(title, body): the template's first line is the title."""
    text = _environment().get_template(f"{finding.template}.txt.j2").render(**finding.context)
    title, _, body = text.strip().partition("\n")
    return title.strip(), body.strip()
