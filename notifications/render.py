"""Render a finding into a Chinese title and body from its Jinja2 template."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from models.findings import Finding

# The notice: 打包报送至省总工会邮箱. County and city staff answer by e-mail; only the province
# has a terminal, so only messages to the province name a legalcap command.
PROVINCE_MAILBOX = "ahghflb@163.com"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("notifications", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        autoescape=False,
    )


def audience_role(audience: str) -> str:
    """province, city, unit or evaluator, from a tag such as city-340100."""
    return audience.split("-", 1)[0]


def render(finding: Finding) -> tuple[str, str]:
    """(title, body): the template's first line is the title."""
    context = {"audience_role": audience_role(finding.audience), "mailbox": PROVINCE_MAILBOX,
               **finding.context}
    text = _environment().get_template(f"{finding.template}.txt.j2").render(**context)
    title, _, body = text.strip().partition("\n")
    return title.strip(), body.strip()
