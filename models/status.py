"""Compose the rules into each slot's status on a date, and its stable JSON form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.enums import PHASE_LABELS, Phase
from models.facts import SlotFacts
from models.gates import GateResult, preparation_gate
from models.pacing import QuotaProgress, elapsed_share, pace_start, quota_progress
from models.phases import PhaseState, phase_of, submission_status


@dataclass(frozen=True)
class UnitStatus:
    slot: SlotFacts
    gate: GateResult
    phase: PhaseState
    submission: str
    quotas: tuple[QuotaProgress, ...]
    pace_from: dt.date | None = None  # the unit's real start: quotas are paced from this day


def evaluate_slots(
    slots: list[SlotFacts], cfg: ProgrammeConfig, calendar: WorkCalendar, as_of: dt.date
) -> list[UnitStatus]:
    """Gate, phase, submission and quota progress (paced from the unit's real start) for every slot."""
    deadline = cfg.deadlines.recommendation
    out = []
    for slot in slots:
        gate = preparation_gate(slot, deadline, cfg.workplan_soft_limit)
        phase = phase_of(gate, cfg, as_of, slot.verdict)
        received = slot.first_submitted_on
        counted = phase.phase not in (Phase.not_started, Phase.preparation)
        start = pace_start(cfg, gate.met_on, slot.contract.signed_on if slot.contract else None)
        share = elapsed_share(cfg, calendar, as_of, start)
        quotas = quota_progress(slot.quota_counts, cfg, share) if counted else []
        out.append(UnitStatus(slot, gate, phase, submission_status(received, deadline, as_of), tuple(quotas),
                              start if counted else None))
    return out


def unit_document(st: UnitStatus, deadline: dt.date) -> dict:
    """The stable JSON of one unit (see README: status / gates explain)."""
    s = st.slot
    return {
        "unit_code": s.unit_code,
        "unit_name": s.unit_name,
        "city_code": s.city_code,
        "city_name": s.city_name,
        "phase": st.phase.phase.value,
        "phase_label": PHASE_LABELS[st.phase.phase],
        "phase_since": st.phase.since.isoformat() if st.phase.since else None,
        "submission": {
            "status": st.submission,
            "due": deadline.isoformat(),
            "received_on": _iso(s.first_submitted_on),
        },
        "gate": {
            "name": st.gate.gate,
            "met": st.gate.met,
            "met_on": _iso(st.gate.met_on),
            "criteria": [c.as_dict() for c in st.gate.criteria],
        },
        "unmet": st.gate.unmet,
        "quotas": [q.as_dict() for q in st.quotas],
        "venues": {"reached": sorted(s.venues_reached), "count": len(s.venues_reached), "of": 5},
        "ledger": {"last_entry_on": _iso(s.last_entry_on), "last_import_on": _iso(s.last_import_on)},
    }


def status_document(
    statuses: list[UnitStatus], cfg: ProgrammeConfig, config_hash: str, as_of: dt.date
) -> dict:
    return {
        "programme": {"year": cfg.year, "name": cfg.name, "config_hash": config_hash},
        "as_of": as_of.isoformat(),
        "units": [unit_document(st, cfg.deadlines.recommendation) for st in statuses],
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
