"""Tell the evaluators that packets are ready: an outbox message and, inside Prefect, an artifact."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from config.intake import Intake
from models.attachments import AttachmentRef
from models.findings import Finding
from notifications.attachments import stage
from tasks.context import ProgrammeRef
from tasks.packets.build import BuildReport

READY_RULE = "packets_ready"


def index_attachment(report: BuildReport, intake: Intake, home: Path) -> AttachmentRef | None:
    """The summary page staged to go with the message, when the configuration asks and it is small enough."""
    index = report.index
    if not intake.attach_index or not index.is_file():
        return None
    if index.stat().st_size > intake.attach_index_max_kb * 1024:
        return None
    return stage(home, index, f"评估材料汇总页面（{report.as_of.isoformat()}）.html")


def packets_ready_finding(report: BuildReport, ref: ProgrammeRef, *, attached: bool = False) -> Finding:
    """One message to `evaluator` per build date and folder (a re-run repeats nothing).

    `attached`: the summary page goes with it (the message then says so).
    """
    folder = hashlib.sha256(str(report.out.resolve()).encode()).hexdigest()[:12]
    context = {"programme_name": ref.cfg.name, "units": len(report.units), "as_of": report.as_of.isoformat(),
               "folder": report.out.name, "attached": attached}  # linked by intake.packets_base_url
    return Finding(READY_RULE, report.as_of.isoformat(), 0, folder, "evaluator", False, READY_RULE, context,
                   report.as_of)


def markdown_summary(report: BuildReport) -> str:
    lines = [f"# 评估材料已生成（数据截至 {report.as_of}）", "",
             f"- 汇总页面：`{report.index.resolve()}`", f"- 实施单位：{len(report.units)} 个", "",
             "| 单位代码 | 评估页面 | 压缩包 |", "|---|---|---|"]
    lines += [f"| {code} | `{code}/index.html` | `{code}.zip` |" for code in report.units]
    return "\n".join(lines)


def publish_artifact(report: BuildReport) -> bool:
    """A markdown artifact `evaluation-packets` when running inside a Prefect flow or task run."""
    from prefect.artifacts import create_markdown_artifact
    from prefect.context import FlowRunContext, TaskRunContext

    if FlowRunContext.get() is None and TaskRunContext.get() is None:
        return False
    try:
        create_markdown_artifact(key="evaluation-packets", markdown=markdown_summary(report),
                                 description=f"{len(report.units)} 个单位的评估材料")
    except Exception as exc:  # the packets exist either way; the artifact is a convenience
        logging.getLogger("legalcap.packets").warning("评估材料已生成，但未能发布 Prefect 产物：%s", exc)
        return False
    return True
