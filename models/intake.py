"""Intake as plain data: a file as some channel received it, and the receipt the intake service returns.

Every channel (the CLI `legalcap intake`, the mailbox, a later web upload) builds a `ReceivedFile` and
calls `tasks.intake.intake(received, year=None) -> Receipt`; a receipt's `lines()` are the plain
official Chinese of a reply e-mail or a web page (never a command line).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from models.errors import Problem, said, shown


class IntakeKind(StrEnum):
    """What a received file is, as the province's notice names it."""

    recommendation = "recommendation"     # 附件1 推荐表 (.docx / .xlsx)
    workplan = "workplan"                 # 附件2 工作方案 (.docx)
    procurement = "procurement"           # 遴选材料 (procurement workbook)
    ledger = "ledger"                     # 工作台账
    funds = "funds"                       # 经费支出登记表
    summary = "summary"                   # 工作总结
    results = "results"                   # 成果报告
    archive = "archive"                   # 采购档案 (one of seven kinds, see `archive_kind`)


KIND_LABELS = {
    IntakeKind.recommendation: "推荐表（附件1）",
    IntakeKind.workplan: "工作方案（附件2）",
    IntakeKind.procurement: "遴选材料",
    IntakeKind.ledger: "工作台账",
    IntakeKind.funds: "经费支出登记表",
    IntakeKind.summary: "工作总结",
    IntakeKind.results: "成果报告",
    IntakeKind.archive: "采购档案",
}


@dataclass(frozen=True)
class ReceivedFile:
    """One received file: its content (bytes or a path), who sent it, when it arrived, who registers it.

    `received_on` is the day it arrived (Asia/Shanghai; deadlines judge it), `registered_at` the moment
    it is registered (audit). `subject` (a mail's subject) and `unit_hint` (a unit code, e.g. from the
    sender's contact or `--unit`) are hints; the file's content wins where it names a unit. `kind` is the
    province's decision for a file it had to classify (工作总结, summary, 中标公示, award_notice …): it
    overrides recognition. `only_unit` binds the file to one unit: content naming another unit, or rows of
    another unit, are refused (a county's upload never registers for another county). `replace` and
    `skip_invalid` carry a province operator's options (`--replace`, `--skip-invalid` of the CLI).
    """

    name: str
    received_on: dt.date
    registered_at: dt.datetime
    registered_by: str
    content: bytes | None = None
    path: Path | None = None
    sender: str | None = None
    subject: str = ""
    unit_hint: str | None = None
    kind: str = ""
    only_unit: str | None = None    # the channel vouches for this unit alone (a county's web upload)
    replace: bool = False           # a 推荐表 replaces the city's recommended unit (the province's decision)
    skip_invalid: bool = True       # a ledger's bad rows are sent back, the rest kept; False: all or none

    def __post_init__(self) -> None:
        if (self.content is None) == (self.path is None):
            raise ValueError("ReceivedFile needs exactly one of content or path")


@dataclass(frozen=True)
class Counts:
    """What a registration changed: new, updated and unchanged records (counted in `word`: 条, 笔 …)."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    word: str = "条"

    def text(self) -> str:
        w = self.word
        return f"新增 {self.new} {w}，更新 {self.updated} {w}，未变 {self.unchanged} {w}"


@dataclass(frozen=True)
class Receipt:
    """What became of one received file: registered (ok), refused (problems) or held for the province."""

    file: str
    ok: bool
    kind: IntakeKind | None = None
    unit: str | None = None                 # the unit code the file was registered for, when known
    unit_name: str = ""
    summary: str = ""                       # what was registered, in Chinese (e.g. 已登记工作台账：…)
    counts: Counts | None = None
    problems: tuple[Problem, ...] = ()
    message: str = ""                       # a refusal's reason when no problem is located
    hint: str = ""                          # the command line's way out of that refusal (never in a reply)
    held: bool = False
    held_reason: str = ""
    rejects: Path | None = None             # a ledger's skipped rows, as a workbook to send back
    stored: Path | None = None              # where a kept copy is stored (for the operator; never in lines())
    sha256: str = ""
    archive_kind: str = ""                  # the archive kind's Chinese name, for kind == archive
    notes: tuple[str, ...] = field(default=())   # warnings that did not stop the registration

    @property
    def refused(self) -> bool:
        return not self.ok and not self.held

    @property
    def kind_label(self) -> str:
        if self.kind is None:
            return "未识别的材料"
        label = KIND_LABELS[self.kind]
        return f"{label}（{self.archive_kind}）" if self.archive_kind else label

    def lines(self, command_line: bool = False) -> list[str]:
        """The receipt in plain official Chinese, one line each, for a reply e-mail or a web page
        (command_line: a refusal's problems as the CLI says them, options as typed and each hint)."""
        if self.held:
            return [f"已收到“{self.file}”，{self.held_reason or '暂无法确定材料类别或所属单位'}，"
                    "已转省总工会人工确认后登记，请勿重复报送。"]
        if not self.ok:
            found = self._reasons(command_line)
            return [f"未能登记“{self.file}”（{self.kind_label}），原因如下：",
                    *(f"{n}. {t}" for n, t in enumerate(found, 1)), "请按上述问题修改后重新报送。"]
        return self._registered_lines()

    def _reasons(self, command_line: bool) -> list[str]:
        """Why the file was refused: every located problem, else the one message."""
        if command_line:
            found = [said(p) for p in self.problems] or [self.message + self.hint]
        else:
            found = [shown(p) for p in self.problems] or [self.message]
        return found if any(found) else ["材料不符合要求"]

    def _registered_lines(self) -> list[str]:
        """The lines of a registered file: what, for whom, counts, skipped rows, notes."""
        who = f"{self.unit_name}（{self.unit}）" if self.unit_name and self.unit else (self.unit or "")
        head = f"已收到并登记“{self.file}”：{self.kind_label}" + (f"，{who}" if who else "")
        out = [head + "。"]
        if self.summary:
            out.append(self.summary)
        if self.counts is not None:
            out.append(f"登记情况：{self.counts.text()}。")
        if self.problems:
            out.append(f"另有 {len(self.problems)} 处问题行未登记，请修改后重新报送这些行：")
            out += [f"{n}. {shown(p)}" for n, p in enumerate(self.problems, 1)]
            if self.rejects:
                out.append(f"问题行已整理为附件“{self.rejects.name}”。")
        out += list(self.notes)
        return out
