"""Compose the rules into each slot's status on a date, and its stable JSON form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.enums import ARCHIVE_LABELS, PHASE_LABELS, ArchiveKind, Phase
from models.facts import SlotFacts
from models.gates import GateResult, lacking_documents, preparation_gate
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
        gate = preparation_gate(slot, deadline, cfg.workplan_soft_limit, cfg.team_minimum)
        phase = phase_of(gate, cfg, as_of, slot.verdict, recommended=slot.unit_code is not None)
        received = slot.first_submitted_on
        counted = phase.phase not in (Phase.not_started, Phase.preparation)
        start = pace_start(cfg, gate.met_on, slot.contract.signed_on if slot.contract else None)
        share = elapsed_share(cfg, calendar, as_of, start)
        quotas = quota_progress(slot.quota_counts, cfg, share) if counted else []
        out.append(UnitStatus(slot, gate, phase, submission_status(received, deadline, as_of), tuple(quotas),
                              start if counted else None))
    return out


# What an unmet criterion lacks, in a word (the archive names its missing kinds).
LACKING = {"materials_submitted": "重新报送的推荐材料", "filed": "省总工会审核备案",
           "compliant_method": "合规遴选结果", "team": "服务团队（人数不足）", "duty_schedule": "坐班安排",
           "contract_signed": "服务合同", "task_list": "任务清单"}
OVERDUE_LABEL = "筹备逾期"


def gate_lacking(st: UnitStatus) -> list[str]:
    """What the unit still lacks for its gate, plainly: `中标公示`, `过程沟通记录`, `服务合同`…"""
    out: list[str] = []
    for c in st.gate.criteria:
        if c.met:
            continue
        if c.code == "archive_complete":
            out += [ARCHIVE_LABELS[k] for k in ArchiveKind if k not in st.slot.archive]
        elif c.code == "materials_submitted" and lacking_documents(st.slot):
            out += lacking_documents(st.slot)
        else:
            out.append(LACKING.get(c.code, c.label))
    return list(dict.fromkeys(out))  # the contract is both an archive kind and a criterion: once


def phase_label(st: UnitStatus) -> str:
    """The phase's name; a gate-overdue unit's says so (组织实施（筹备逾期）)."""
    label = PHASE_LABELS[st.phase.phase]
    return f"{label}（{OVERDUE_LABEL}）" if st.phase.gate_overdue else label


def unit_document(st: UnitStatus, deadline: dt.date, legal_aid: dict | None = None) -> dict:
    """The stable JSON of one unit (see README: status / gates explain)."""
    s = st.slot
    return {
        "unit_code": s.unit_code,
        "unit_name": s.unit_name,
        "city_code": s.city_code,
        "city_name": s.city_name,
        "phase": st.phase.phase.value,
        "phase_label": phase_label(st),
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
        "gate_overdue": st.phase.gate_overdue,
        "lacking": gate_lacking(st),
        "legal_aid": legal_aid,
    }


def status_document(
    statuses: list[UnitStatus], cfg: ProgrammeConfig, config_hash: str, as_of: dt.date,
    legal_aid: Mapping[str, dict] | None = None,
) -> dict:
    """Every unit's document; `legal_aid`: unit → its 法律援助补贴 cases (models/legal_aid.aid_by_unit)."""
    aid = legal_aid or {}
    return {
        "programme": {"year": cfg.year, "name": cfg.name, "config_hash": config_hash},
        "as_of": as_of.isoformat(),
        "units": [unit_document(st, cfg.deadlines.recommendation, aid.get(st.slot.unit_code or ""))
                  for st in statuses],
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
