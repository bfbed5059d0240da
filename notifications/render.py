"""Render a finding into a Chinese title and body from its Jinja2 template."""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from config.intake import NOTICE_MAILBOX
from models.findings import Finding
from models.send_instructions import month_label, send_line, subject_for

# The notice: 打包报送至省总工会邮箱. County and city staff answer by e-mail; only the province
# has a terminal, so only messages to the province name a legalcap command.
PROVINCE_MAILBOX = NOTICE_MAILBOX


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("notifications", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        autoescape=False,
    )
    env.filters["month_label"] = month_label
    env.globals["subject_for"] = subject_for
    return env


def audience_role(audience: str) -> str:
    """province, city, unit or evaluator, from a tag such as city-340100."""
    return audience.split("-", 1)[0]


def channel_context(intake: Any | None) -> dict:
    """What every template may name from the programme's `intake:` block: the mailbox, the packets' URL."""
    if intake is None:
        return {"mailbox": PROVINCE_MAILBOX, "packets_base_url": None}
    return {"mailbox": intake.mailbox, "packets_base_url": intake.packets_base_url}


def render(finding: Finding, extra: dict | None = None) -> tuple[str, str]:
    """(title, body): the template's first line is the title."""
    context = {"audience_role": audience_role(finding.audience), **channel_context(None), **(extra or {}),
               **finding.context}
    context["send"] = partial(send_line, mailbox=context["mailbox"])
    text = _environment().get_template(f"{finding.template}.txt.j2").render(**context)
    title, _, body = text.strip().partition("\n")
    return title.strip(), body.strip()
