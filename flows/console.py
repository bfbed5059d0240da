"""Printing for people: rich tables in Chinese (status, gates), JSON documents, a wide console."""

from __future__ import annotations

import json
from collections.abc import Callable, Container, Iterable, Sequence

import typer
from rich.console import Console
from rich.table import Table

from models.enums import SubmissionStatus
from models.funds import yuan
from models.legal_aid import PENDING as AID_PENDING
from models.pacing import PACE_LABELS

SUBMISSION_LABELS = {SubmissionStatus.submitted: "按期", SubmissionStatus.late: "逾期报送",
                     SubmissionStatus.missing: "未报送", SubmissionStatus.pending: "待报送"}
QUOTA_SHORT = {"publicity": "普法", "labour_supervision": "监督", "mediation_base": "调解"}
PACE_STYLE = {"behind": "yellow", "at_risk": "red", "missed": "red"}
AID_SHORT = {"mediation": "超额调解", "arbitration": "仲裁", "litigation": "诉讼"}


def _quota_cell(unit: dict) -> str:
    parts = []
    for q in unit["quotas"]:
        text = f"{QUOTA_SHORT[q['code']]} {q['count']}/{q['target']} {PACE_LABELS[q['status']]}"
        style = PACE_STYLE.get(q["status"])
        parts.append(f"[{style}]{text}[/{style}]" if style else text)
    return "  ".join(parts) or "—"


def status_table(doc: dict) -> Table:
    table = Table(title=f"{doc['programme']['name']} · 截至 {doc['as_of']}", show_lines=False)
    for col in ("城市", "实施单位", "阶段", "材料报送", "筹备部署关口", "配额进度", "法律援助补贴"):
        table.add_column(col)
    for u in doc["units"]:
        sub = u["submission"]
        received = f"（{sub['received_on']}）" if sub["received_on"] else ""
        table.add_row(
            u["city_name"], u["unit_name"] or "（未推荐）", u["phase_label"],
            SUBMISSION_LABELS[sub["status"]] + received, _lacking_cell(u), _quota_cell(u), _aid_cell(u),
        )
    if any(u.get("legal_aid") and not u["legal_aid"]["priced"] for u in doc["units"]):
        table.caption = f"法律援助补贴：{AID_PENDING}"
    return table


def _aid_cell(unit: dict) -> str:
    """Qualifying legal-aid cases: `3 件（超额调解 2、仲裁 1、诉讼 0）`, the amount once all rates are set."""
    aid = unit.get("legal_aid")
    if not aid:
        return "—"
    kinds = "、".join(f"{AID_SHORT[x['service']]} {x['count']}" for x in aid["lines"])
    amount = f"，{yuan(aid['total_fen'])} 元" if aid["total_fen"] is not None else ""
    return f"{aid['cases']} 件（{kinds}）{amount}"


def _lacking_cell(unit: dict) -> str:
    """What the gate still lacks, plainly (`缺：中标公示、过程沟通记录`), or — when it is met."""
    if unit["unit_name"] is None:
        return "缺：推荐表（附件1）、工作方案（附件2）"
    return f"缺：{'、'.join(unit['lacking'])}" if unit["lacking"] else "—"


def gate_table(unit: dict) -> Table:
    name = unit["unit_name"] or f"{unit['city_name']}（未推荐）"
    table = Table(title=f"{name} · 筹备部署关口 · 阶段：{unit['phase_label']}", show_lines=True)
    for col in ("标准", "状态", "证据 / 缺少"):
        table.add_column(col)
    for c in unit["gate"]["criteria"]:
        flags = [f"⚠ 请审核人留意：{flag}" for flag in c.get("flags", [])]
        if c["met"]:
            lines = [_evidence_line(e) for e in c["evidence"]]
            table.add_row(c["label"], "✔ 已满足", "\n".join(lines + flags))
        else:
            table.add_row(c["label"], "✘ 未满足", "\n".join([c["missing"] or "", *flags]).strip())
    return table


def _evidence_line(e: dict) -> str:
    bits = [e["description"]]
    if e["date"]:
        bits.append(e["date"])
    if e["file"]:
        bits.append(e["file"])
    if e["sha256"]:
        bits.append(f"sha256:{e['sha256'][:12]}")
    if e["by"]:
        bits.append(e["by"])
    return " · ".join(bits)


def console() -> Console:
    """A console at least 140 columns wide, so tables stay readable in logs and pipes."""
    probe = Console()
    return Console(width=max(probe.width, 140)) if not probe.is_terminal else probe


def print_table(table: Table) -> None:
    console().print(table)


def print_json(doc: object) -> None:
    """The document as indented JSON, Chinese kept readable."""
    typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))


def print_records(fmt: str, doc: object, rows: Sequence[object], empty: str,
                  table: Callable[[], Table]) -> None:
    """A list command's output: the JSON document, else the line `empty` when no rows, else the table."""
    if fmt == "json":
        print_json(doc)
    elif not rows:
        typer.echo(empty)
    else:
        print_table(table())


def records_table(title: str, columns: Iterable[str], rows: Iterable[Sequence[str]],
                  right: Container[str] = ()) -> Table:
    """A table with one line per record; the columns named in `right` (amounts) aligned right."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column, justify="right" if column in right else "left")
    for row in rows:
        table.add_row(*row)
    return table


def styled(text: str, style: str | None) -> str:
    """Rich markup for a coloured cell (plain text when there is no style)."""
    return f"[{style}]{text}[/{style}]" if style else text
