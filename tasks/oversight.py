"""The city's on-site visits: record one (checked, audited), load them in bulk, chase the missing ones."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, select

from models.enums import Phase
from models.errors import InputError, Problem
from models.oversight import OVERSIGHT_RULE, determine_oversight_chases, open_oversight_subjects
from models.tables import OversightVisit, Unit
from tasks.audit import record_audit
from tasks.check_types import Check, Resolution, listed
from tasks.context import ProgrammeRef
from tasks.file_kinds import check_matches_suffix
from tasks.files import readable_file, sha256_file
from tasks.submissions import active_recommendation

SHANGHAI = ZoneInfo("Asia/Shanghai")


class VisitRefused(InputError):
    """A visit that cannot be recorded: each problem names the option (or file) and the reason."""

    def __str__(self) -> str:
        lines = [f"{p.file}：{p.reason}" if p.file.startswith("--") else str(p) for p in self.problems]
        if len(lines) == 1:
            return lines[0]
        return "\n".join([f"共 {len(lines)} 处问题，督导记录未登记：", *(f"  {n}. {x}" for n, x in
                                                                  enumerate(lines, 1))])


def _local_day(at: dt.datetime) -> dt.date:
    return at.astimezone(SHANGHAI).date() if at.tzinfo else at.date()


def _check_visit(session: Session, ref: ProgrammeRef, unit_code: str, visited_on: dt.date, by: str,
                 notes: str, recorded_on: dt.date) -> list[Problem]:
    problems = []
    window = ref.cfg.phases.implementation
    if session.get(Unit, unit_code) is None:
        problems.append(Problem(f"--unit {unit_code}", "不是已知的县（区）行政区划代码"))
    elif active_recommendation(session, ref.id, unit_code) is None:
        problems.append(Problem(f"--unit {unit_code}", f"不是 {ref.year} 年度的项目实施单位"))
    if not window.contains(visited_on):
        problems.append(Problem(f"--date {visited_on}",
                                f"不在组织实施阶段内（{window.start} 至 {window.end}）"))
    if visited_on > recorded_on:
        problems.append(Problem(f"--date {visited_on}", f"晚于登记日期 {recorded_on}：督导完成后再登记"))
    if not by.strip():
        problems.append(Problem("--by", "须填写督导人"))
    if not notes.strip():
        problems.append(Problem("--notes", "须填写督导情况（调研、业务指导的内容与发现）"))
    return problems


def _duplicate(session: Session, ref: ProgrammeRef, unit_code: str, visited_on: dt.date, by: str) -> bool:
    return session.exec(select(OversightVisit.id).where(
        OversightVisit.programme_id == ref.id, OversightVisit.unit_code == unit_code,
        OversightVisit.visited_on == visited_on, OversightVisit.visited_by == by.strip())).first() is not None


def record_visit(
    session: Session, ref: ProgrammeRef, unit_code: str, *, visited_on: dt.date, by: str, notes: str,
    file: Path | None = None, at: dt.datetime, recorded_on: dt.date | None = None,
) -> OversightVisit:
    """Store one visit (recorded on `recorded_on`, default the day of `at`), or nothing (VisitRefused)."""
    recorded_on = recorded_on or _local_day(at)
    problems = _check_visit(session, ref, unit_code, visited_on, by, notes, recorded_on)
    path = sha256 = None
    if file is not None:
        try:
            path = readable_file(file)
            check_matches_suffix(path, file.name)
            sha256 = sha256_file(path)
        except InputError as exc:
            problems += exc.problems
    if not problems and _duplicate(session, ref, unit_code, visited_on, by):
        problems.append(Problem(f"--date {visited_on}", f"{by.strip()} 当日对 {unit_code} 的督导已登记过"))
    if problems:
        raise VisitRefused(problems)
    rec = active_recommendation(session, ref.id, unit_code)
    visit = OversightVisit(programme_id=ref.id, unit_code=unit_code, city_code=rec.city_code,
                           visited_on=visited_on, visited_by=by.strip(), notes=notes.strip(),
                           file_path=str(path or ""), sha256=sha256 or "", received_on=recorded_on)
    session.add(visit)
    record_audit(session, at=at, actor=by.strip(), action="oversight.recorded", subject=unit_code,
                 programme_id=ref.id, details={"city": rec.city_code, "visited_on": visited_on.isoformat(),
                                               "file": str(path or ""), "sha256": sha256 or ""})
    return visit


def known_by(as_of: dt.date) -> ColumnElement[bool]:
    """Visits made and received by as_of (a row stored without 收到日期 counts from its own date)."""
    return and_(OversightVisit.visited_on <= as_of,
                or_(OversightVisit.received_on.is_(None), OversightVisit.received_on <= as_of))


def load_visits(session: Session, programme_id: int, as_of: dt.date) -> dict[str, list[dt.date]]:
    """Visit dates known on as_of (made and received by then), per unit, ascending (one query)."""
    rows = session.exec(select(OversightVisit.unit_code, OversightVisit.visited_on).where(
        OversightVisit.programme_id == programme_id, known_by(as_of))
        .order_by(OversightVisit.unit_code, OversightVisit.visited_on)).all()
    visits: dict[str, list[dt.date]] = defaultdict(list)
    for unit_code, visited_on in rows:
        visits[unit_code].append(visited_on)
    return dict(visits)


# Cities chased for the period's on-site visit; the province told of a period that ended without.
CHECK = Check(
    "city_oversight", "市级督导", frozenset({Phase.implementation, Phase.evaluation}),
    load=lambda session, ctx: load_visits(session, ctx.programme_id, ctx.as_of),
    decide=lambda ctx, visits: determine_oversight_chases(
        ctx.statuses, visits, ctx.cfg, ctx.calendar, ctx.as_of),
    resolutions=(Resolution(OVERSIGHT_RULE, lambda ctx, visits: open_oversight_subjects(
        ctx.statuses, visits, ctx.cfg, ctx.calendar, ctx.as_of),
        per_period=True, reason="已登记督导，提醒取消"),),
    notes=lambda _ctx, _visits, findings: listed(
        "未督导", {f"{f.context['city_name']}（{f.context['period_name']}）" for f in findings}),
    resolved_note="已登记督导",
)
