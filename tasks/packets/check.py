"""The tick builds the evaluation packets itself: when the evaluation phase opens, and once the
reports are due (so evaluators read them in the packet)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from sqlmodel import Session, select

from config.settings import get_settings
from models.attachments import to_json
from models.enums import Phase
from models.errors import InputError
from models.tables import AuditEvent
from notifications.outbox import enqueue
from notifications.render import channel_context
from tasks.audit import record_audit
from tasks.check_types import Check, CheckResult
from tasks.context import ProgrammeRef, TickContext
from tasks.packets.announce import index_attachment, packets_ready_finding, publish_artifact
from tasks.packets.build import BuildReport, build_packets

BUILT = "packets.built"
ACTOR = "legalcap"


def default_folder(year: int) -> Path:
    """Where packets go unless told otherwise: LEGALCAP_HOME/packets/<year>."""
    return get_settings().home_dir / "packets" / str(year)


def build_rounds(ctx: TickContext) -> list[tuple[str, dt.date]]:
    """When the tick builds: the phase's first working day, and again once the reports are due."""
    return [("opening", ctx.calendar.workday_on_or_after(ctx.cfg.phases.evaluation.start)),
            ("reports_due", ctx.calendar.next_workday(ctx.cfg.deadlines.summary_submission))]


def announce_build(session: Session, ref: ProgrammeRef, report: BuildReport, *, at: dt.datetime,
                   by: str, round_name: str = "manual") -> int:
    """Audit the build and queue the evaluators' message; the number of new outbox rows."""
    record_audit(session, at=at, actor=by, action=BUILT, subject=round_name, programme_id=ref.id,
                 details={"as_of": report.as_of.isoformat(), "out": str(report.out),
                          "units": list(report.units)})
    index = index_attachment(report, ref.cfg.intake, get_settings().home_dir)
    finding = packets_ready_finding(report, ref, attached=index is not None)
    files = {finding.key(ref.year): to_json([index])} if index else None
    return enqueue(session, [finding], programme_id=ref.id, year=ref.year, as_of=report.as_of,
                   extra=channel_context(ref.cfg.intake), attachments=files)


def _built(session: Session, ctx: TickContext, round_name: str) -> bool:
    return session.exec(select(AuditEvent.id).where(
        AuditEvent.programme_id == ctx.programme_id, AuditEvent.action == BUILT,
        AuditEvent.subject == round_name)).first() is not None


def apply_packets(session: Session, ctx: TickContext) -> CheckResult:
    """Each build round once, from its day on: build every packet and tell the evaluators."""
    result = CheckResult("packets", "评估材料")
    due = [name for name, day in build_rounds(ctx) if day <= ctx.as_of]
    if not due or _built(session, ctx, due[-1]):
        return result
    ref = ProgrammeRef(ctx.programme_id, ctx.year, ctx.config_hash, ctx.cfg)
    try:
        report = build_packets(session.get_bind(), ref, ctx.as_of, default_folder(ctx.year))
    except InputError as exc:  # e.g. someone's files in the folder: say so, try again next tick
        logging.getLogger("legalcap.packets").warning("评估材料未生成：%s", exc)
        result.notes.append(f"评估材料未生成（下次每日检查重试）：{exc}")
        return result
    result.findings = 1
    result.queued = announce_build(session, ref, report, at=ctx.stamp, by=ACTOR, round_name=due[-1])
    published = "，已发布 Prefect 产物 evaluation-packets" if publish_artifact(report) else ""
    result.notes.append(f"已生成 {len(report.units)} 个单位的评估材料：{report.index}{published}")
    return result


# Not a chase: it builds, and announce_build queues the evaluators' message (also used by `packets build`).
CHECK = Check("packets", "评估材料", frozenset({Phase.evaluation, Phase.closed}), run=apply_packets)
