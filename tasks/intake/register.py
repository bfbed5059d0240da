"""Register one recognised file through the service of its kind (tasks/services/*): no rule is written here,
only what the service did is said as a receipt. A service's Refusal passes through to the caller."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.enums import ARCHIVE_LABELS, ArchiveKind
from models.intake import Counts, IntakeKind, Receipt, ReceivedFile


@dataclass(frozen=True)
class Job:
    """A recognised file ready to register: where it is, as received, for which unit, into which year."""

    path: Path
    received: ReceivedFile
    kind: IntakeKind
    unit: str | None
    archive_kind: ArchiveKind | None
    year: int | None

    def receipt(self, **fields: Any) -> Receipt:
        """A registered file's receipt (ok), named as received."""
        return Receipt(file=self.received.name, ok=True, kind=self.kind, **fields)

    @property
    def args(self) -> tuple[dt.date, dt.datetime, str]:
        """(received_on, registered_at, registered_by) as every service takes them."""
        r = self.received
        return r.received_on, r.registered_at, r.registered_by


def county_name(code: str | None) -> str:
    """The county's name by its code ('' when unknown)."""
    from config.divisions import anhui_counties

    return next((c.name for c in anhui_counties() if c.code == code), "") if code else ""


def _timing(on: dt.date, due: dt.date) -> str:
    return "按期" if on <= due else f"逾期，截止日期为 {due}"


def recommendation(job: Job) -> Receipt:
    """附件1: every unit the form names, registered all or none."""
    from tasks.services import preparation

    done = preparation.import_recommendations(job.path, *job.args, job.year, job.received.replace)
    on = job.received.received_on
    units = "；".join(f"{r.stamped_by}推荐{r.unit_name}（{r.unit_code}）" for r in done.units)
    unit = done.units[0].unit_code if len(done.units) == 1 else None
    return job.receipt(unit=unit, unit_name=county_name(unit), sha256=done.sha256,
                       counts=Counts(new=len(done.units)),
                       summary=f"登记推荐：{units}，收到日期 {on}（{_timing(on, done.due)}）。")


def workplan(job: Job) -> Receipt:
    """附件2 for the unit; an over-long plan is accepted with a note."""
    from tasks.services import preparation

    unit = job.unit or ""
    done = preparation.import_work_plan(job.path, unit, *job.args, job.year)
    notes = (f"提示：{done.note}（已登记，审核时将予关注）。",) if done.note else ()
    return job.receipt(unit=unit, unit_name=county_name(unit), sha256=done.sha256, notes=notes,
                       summary=f"工作方案共 {done.plan.char_count} 字（{done.plan.count_rule}）。")


def procurement(job: Job) -> Receipt:
    """遴选材料: the unit is the one its 遴选信息 names."""
    from tasks.services import preparation

    dossier = preparation.import_procurement(job.path, *job.args, job.year, only_unit=job.received.only_unit)
    w, yuan = dossier.winner, dossier.contract_amount_fen / 100
    return job.receipt(unit=dossier.unit_code, unit_name=county_name(dossier.unit_code),
                       summary=f"中选机构：{w.name}（{w.credit_code}），合同金额 {yuan:,.2f} 元，"
                               f"服务团队 {len(dossier.team)} 人。")


def ledger(job: Job) -> Receipt:
    """工作台账: the valid rows stored, the bad ones sent back as a rejects workbook (all bad, or any bad
    without skip_invalid: refused)."""
    from tasks.services import ledger_import

    done = ledger_import.import_ledger(job.path, *job.args, job.year, job.received.skip_invalid,
                                       refuse_when_none_valid=True, only_unit=job.received.only_unit)
    r = done.report
    units = r.changed_units
    unit = next(iter(units)) if len(units) == 1 else None
    return job.receipt(unit=unit, unit_name=county_name(unit), sha256=done.sha256,
                       counts=Counts(r.added, r.updated, r.unchanged), problems=tuple(done.skipped),
                       rejects=done.rejects)


def funds(job: Job) -> Receipt:
    """经费支出: all rows or none; where each unit of the file now stands (spent, share, over or left)."""
    from models.fund_overview import balance_text
    from tasks.services import funds_queries

    done = funds_queries.import_funds(job.path, *job.args, job.year, only_unit=job.received.only_unit)
    on = job.received.received_on
    lines = [f"{r['unit_name']}（{r['unit_code']}）：截至 {on} 累计支出 {r['spent_yuan']} 元，"
             f"省补助 {r['subsidy_yuan']} 元，已使用 {r['spent_share_text']}；{balance_text(r)}。"
             for r in done.overview]
    unit = done.overview[0]["unit_code"] if len(done.overview) == 1 else None
    return job.receipt(unit=unit, unit_name=county_name(unit), sha256=done.sha256, notes=tuple(lines),
                       counts=Counts(new=done.added, unchanged=done.unchanged, word="笔"))


def report(job: Job) -> Receipt:
    """工作总结 / 成果报告: a new version, or the same file again (not stored twice)."""
    from tasks.services import evaluation

    unit = job.unit or ""
    got = evaluation.submit(job.path, unit, job.kind.value, *job.args, job.year)
    done, on = got.done, job.received.received_on
    if not done.created:
        summary = f"与已登记的第 {done.version} 版（{done.row.submitted_on}）相同，未重复登记。"
        counts = Counts(unchanged=1)
    else:
        replaced = f"，取代 {done.superseded.submitted_on} 登记的版本" if done.superseded else ""
        summary = f"第 {done.version} 版，收到日期 {on}（{_timing(on, got.due)}）{replaced}。"
        counts = Counts(updated=1) if done.superseded else Counts(new=1)
    return job.receipt(unit=unit, unit_name=got.unit_name, sha256=got.sha256, summary=summary, counts=counts,
                       stored=Path(done.row.path))


def archive(job: Job) -> Receipt:
    """采购档案 of the kind its title, name or subject says, kept in the archive with its hash."""
    from tasks.services import preparation

    unit, kind = job.unit or "", job.archive_kind or ArchiveKind.announcement
    done = preparation.add_archive(job.path, unit, kind.value, *job.args, job.year)
    return job.receipt(unit=unit, unit_name=county_name(unit), sha256=done.sha256,
                       archive_kind=ARCHIVE_LABELS[done.kind], counts=Counts(new=1),
                       summary="已存入采购档案库。", stored=Path(done.stored))


REGISTER: dict[IntakeKind, Callable[[Job], Receipt]] = {
    IntakeKind.recommendation: recommendation,
    IntakeKind.workplan: workplan,
    IntakeKind.procurement: procurement,
    IntakeKind.ledger: ledger,
    IntakeKind.funds: funds,
    IntakeKind.summary: report,
    IntakeKind.results: report,
    IntakeKind.archive: archive,
}
# kinds whose file does not name its unit: told by the title, the sender's contact, the name or subject
NEEDS_UNIT = frozenset({IntakeKind.workplan, IntakeKind.summary, IntakeKind.results, IntakeKind.archive})
