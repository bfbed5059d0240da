"""One unit's packet (tasks/packets/figures.UnitPacket) from what was read.

Nothing here reads the database or the disk: the caller hands in the unit's status, its exported
ledger rows, the bulk sources and where the copied documents sit inside the packet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import PurePath
from typing import Any, TypeVar

from models.enums import ARCHIVE_LABELS, ArchiveKind, OversightState
from models.gates import METHOD_BY_CODE
from models.ledger_schema import WORKER_NAME
from models.masking import free_text_scrubber
from models.pacing import PACE_LABELS, QuotaProgress
from models.status import UnitStatus, phase_label
from tasks.packets import ledger_summary
from tasks.packets.figures import DocumentLink, Expense, Funds, Quota, UnitPacket
from tasks.packets.ledger_export import ExportEntry
from tasks.packets.sources import PacketSources

QUOTA_STATUS = {"met": "done", "missed": "at_risk"}  # pacing states → the page's four colours
DUTY_LABELS = {"rotation": "工作日轮流坐班", "fixed_weekdays": "每周固定日坐班"}
WEEKDAYS = "一二三四五六日"
GATE_LABEL = "筹备部署 → 组织实施"
T = TypeVar("T")


def unit_document(st: UnitStatus, entries: list[ExportEntry], src: PacketSources, *, title: str,
                  version: str, documents: list[DocumentLink], archive_hrefs: dict[str, str]) -> UnitPacket:
    """The packet of one unit (rendered to index.html, summarised in the province index)."""
    ctx = src.ctx
    unit = st.slot.unit_code or ""  # packet units are recommended units (PacketSources.packet_units)
    doc = UnitPacket(
        title=title, as_of=ctx.as_of, version=version,
        programme={"year": ctx.year, "name": ctx.cfg.name, "config_hash": ctx.config_hash},
        unit=_unit(st), quotas=[_quota(q) for q in st.quotas],
        venues=ledger_summary.venues(entries, ctx.cfg), monthly=ledger_summary.monthly(entries),
        cases=ledger_summary.cases(entries, ctx.cfg, ctx.calendar, ctx.as_of),
        legal_aid=ledger_summary.legal_aid(entries), other_work=ledger_summary.other_work(entries),
        oversight=_oversight(src, unit), funds=_funds(src, unit), procurement=_procurement(st, archive_hrefs),
        gates=[_gate(st, archive_hrefs)], missing=[], rubric=_rubric(src, unit), verdict=_verdict(src, unit),
        documents=documents, files={"ledger": "ledger.xlsx", "manifest": "manifest.json"},
        aid_subsidies=ledger_summary.aid_subsidies(entries, ctx.cfg),
    )
    doc = dataclasses.replace(doc, missing=missing_items(doc, st, documents))
    return scrubbed(doc, free_text_scrubber(e.personal.get(WORKER_NAME, "") for e in entries))


UNSCRUBBED = frozenset({"sha256", "href", "file", "config_hash", "code", "city_code", "key", "as_of"})


def scrubbed(value: T, scrub: Callable[[str], str]) -> T:
    """Every text of the page through the free-text scrubber (hashes, links and codes left as they are)."""
    out: Any = value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = dataclasses.replace(value, **{f.name: scrubbed(getattr(value, f.name), scrub)
                                            for f in dataclasses.fields(value) if f.name not in UNSCRUBBED})
    elif isinstance(value, dict):
        out = {k: v if k in UNSCRUBBED else scrubbed(v, scrub) for k, v in value.items()}
    elif isinstance(value, list):
        out = [scrubbed(v, scrub) for v in value]
    elif isinstance(value, str):
        out = scrub(value)
    return out


def _unit(st: UnitStatus) -> dict:
    s = st.slot
    provider = (s.selection.provider_name if s.selection else None) or (
        s.contract.provider_name if s.contract else None)
    return {"code": s.unit_code, "name": s.unit_name, "city_code": s.city_code, "city_name": s.city_name,
            "provider": provider or None,
            "contract_fen": s.contract.amount_fen if s.contract else None,
            "gate_met_on": st.gate.met_on, "phase_label": phase_label(st)}


def _quota(q: QuotaProgress) -> Quota:
    status, label = QUOTA_STATUS.get(q.status, q.status), PACE_LABELS.get(q.status, q.status)
    return Quota(q.code, q.label, q.unit, q.count, q.target, round(q.expected, 1), status, label,
                 round(q.projected))


def _oversight(src: PacketSources, unit: str) -> dict:
    visits = [{"date": on, "by": by, "notes": notes} for _, on, by, notes in src.visits.get(unit, [])]
    periods = [{"label": p["period_name"], "visits": p["visits"], "required": p["required"],
                "state": p["state"], "state_label": p["state_label"]} for p in src.periods.get(unit, [])]
    return {"visits": visits, "periods": periods}


def _funds(src: PacketSources, unit: str) -> Funds:
    row = src.funds.get(unit, {})
    items = [Expense(on, purpose, fen) for _, on, purpose, fen in src.expenditures.get(unit, [])]
    use = src.inputs[unit].fund_use if unit in src.inputs else None
    return Funds(int(row.get("subsidy_fen", 0)), int(row.get("spent_fen", 0)),
                 float(row.get("spent_share", 0.0)), row.get("spent_share_text", "0%"),
                 row.get("state") == "over", row.get("state_label", "未登记合同"), items,
                 int(row.get("top_up_fen", 0)), int(row.get("legal_aid_fen", 0)),
                 [f.text() for f in use.flagged] if use else [])


def _procurement(st: UnitStatus, archive_hrefs: dict[str, str]) -> dict:
    s = st.slot
    archive = []
    for kind in ArchiveKind:
        ev = s.archive.get(kind.value)
        archive.append({"label": ARCHIVE_LABELS[kind], "present": ev is not None,
                        "file": archive_hrefs.get(kind.value), "sha256": ev.sha256 if ev else None,
                        "date": ev.date if ev else None})
    sel = s.selection
    return {"method_label": METHOD_BY_CODE.get(sel.method, sel.method) if sel else None,
            "decided_on": sel.decided_on if sel else None,
            "provider": sel.provider_name if sel else None, "archive": archive,
            "team": [e.description for e in s.team], "duty": _duty(s.duty)}


def _duty(duty) -> str | None:
    if duty is None:
        return None
    days = "、".join(f"周{WEEKDAYS[int(d) - 1]}" for d in duty.weekdays.split(",") if d.strip().isdigit()
                    and 1 <= int(d) <= 7)
    days = f"（{days}）" if days else ""
    return DUTY_LABELS.get(duty.kind, duty.kind) + days


def _gate(st: UnitStatus, archive_hrefs: dict[str, str]) -> dict:
    """The gate with its evidence; a file links into the packet when it was copied there."""
    in_packet = {ev.sha256: archive_hrefs[kind]
                 for kind, ev in st.slot.archive.items() if kind in archive_hrefs}
    criteria = []
    for c in st.gate.criteria:
        item = c.as_dict()
        item["evidence"] = [_evidence(e, in_packet) for e in item["evidence"]]
        criteria.append(item)
    return {"label": GATE_LABEL, "met": st.gate.met, "met_on": _iso(st.gate.met_on), "criteria": criteria}


def _evidence(e: dict, in_packet: dict[str, str]) -> dict:
    """Storage paths stay home: a copied file becomes its packet link, another only its name."""
    if not e["file"]:
        return e
    href = in_packet.get(e["sha256"] or "")
    name = PurePath(e["file"]).name
    return {**e, "file": href, "description": e["description"] if href else f"{e['description']}（{name}）"}


def _rubric(src: PacketSources, unit: str) -> dict:
    """Each component (score None: 待评审) with its reason and parts; the total, 暂定 when provisional."""
    score = src.scores[unit]
    return {"components": [{"key": c.code, "label": c.label, "weight": c.weight, "score": c.score,
                            "reason": c.reason, "parts": [p.as_dict() for p in c.parts]}
                           for c in score.components],
            "total": score.total, "provisional": score.provisional, "note": score.note,
            "suggested": score.suggested, "suggested_label": score.suggested_label}


def _verdict(src: PacketSources, unit: str) -> dict | None:
    v = src.verdicts.get(unit)
    if v is None:
        return None
    return {"verdict": v.verdict, "label": v.label, "decided_on": v.decided_on,
            "by": v.decided_by, "due_on": v.due_on, "notes": v.notes}


def missing_items(doc: UnitPacket, st: UnitStatus, documents: list[DocumentLink]) -> list[str]:
    """What an evaluator would ask for: unmet quotas and gate criteria, absent files, payments to check
    (not 专款专用), visits. Spending above the subsidy is the unit's own money, never missing."""
    out = [f"{q.label}：完成 {q.count}/{q.target} {q.unit}" for q in doc.quotas if q.count < q.target]
    if doc.venues.missing:
        out.append(f"普法“五进”未覆盖：{'、'.join(doc.venues.missing)}")
    out += [f"{c.label}：{c.missing}" for c in st.gate.criteria if not c.met]
    out += [f"未提交{d.label}" for d in documents if not d.present]
    missed = [p for p in doc.oversight["periods"] if p["state"] == OversightState.missed]
    out += [f"{p['label']}市总工会未督导" for p in missed]
    out += [f"经费支出需核实：{text}" for text in doc.funds.flagged]
    out += [f"一函两书 {c.case_no}：意见书答复已逾期" for c in doc.cases if c.overdue]
    return out


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
