"""What a tick check is: a declaration (name, phases, facts, decide, resolution, notes) for one runner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from models.enums import Phase
from models.findings import Finding
from notifications.outbox import RESOLVED, OpenKeys
from tasks.context import TickContext

Facts = Any  # what a check's `load` read beside the snapshot, handed to its decide/notes/resolution functions


@dataclass
class CheckResult:
    name: str
    label: str
    findings: int = 0
    queued: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Resolution:
    """How a rule's chase ends: the keys still open; its unsent reminders of the others are cancelled."""

    rule: str
    still_open: Callable[[TickContext, Facts], OpenKeys]
    per_period: bool = False  # keys are (subject, period): one reminder per period, closed period by period
    reason: str = RESOLVED  # written on each cancelled row


def no_facts(_session: Session, _ctx: TickContext) -> Facts:
    return None


def no_notes(_ctx: TickContext, _facts: Facts, _findings: list[Finding]) -> list[str]:
    return []


def listed(prefix: str, items: set[str]) -> list[str]:
    """One note naming the items in order (`未报送：甲、乙`), or none."""
    return [f"{prefix}：{'、'.join(sorted(items))}"] if items else []


@dataclass(frozen=True)
class Check:
    """A reminder check, declared once; tasks/check_runner.apply_check does the rest.

    The runner: load → before → decide → prepare → enqueue → notes → cancel the resolved → closing_notes.
    A check that does not chase (the packets) gives `run` instead.
    """

    name: str
    label: str
    phases: frozenset[Phase]
    decide: Callable[[TickContext, Facts], list[Finding]] | None = None  # a models/ rule: pure
    resolutions: tuple[Resolution, ...] = ()
    load: Callable[[Session, TickContext], Facts] = no_facts  # I/O the rule needs beside the snapshot
    notes: Callable[[TickContext, Facts, list[Finding]], list[str]] = no_notes
    resolved_note: str = "已办结"  # `<resolved_note>，取消未发送提醒 N 条`
    before: Callable[[Session, TickContext, Facts], list[str]] | None = None  # records beside chasing
    prepare: Callable[[Session, TickContext, list[Finding]], list[Finding]] | None = None  # enrich new ones
    closing_notes: Callable[[TickContext, Facts], list[str]] | None = None
    run: Callable[[Session, TickContext], CheckResult] | None = None  # a check that does not chase

