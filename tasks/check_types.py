"""What a tick check is: a name, the phases it serves, and how it decides and applies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import Session

from models.enums import Phase
from tasks.context import TickContext


@dataclass
class CheckResult:
    name: str
    label: str
    findings: int = 0
    queued: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Check:
    name: str
    label: str
    phases: frozenset[Phase]
    apply: Callable[[Session, TickContext], CheckResult]
