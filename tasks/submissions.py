"""Register recommendation forms (附件1) and work plans (附件2): validate all, then store all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from config.divisions import County, anhui_counties
from models.enums import RecordStatus
from models.errors import InputError, Problem
from models.forms import RecommendationForm, WorkPlanText
from models.tables import Recommendation, Unit, WorkPlan
from models.workplan_count import length_refusal
from tasks.audit import record_audit
from tasks.context import ProgrammeRef
from tasks.forms.unit_code import code_from_name

ONE_PER_CITY = "每市限 1 个"  # the refusal's words; the CLI adds its --replace hint after them


@dataclass(frozen=True)
class Received:
    """A file as it arrived: where, its hash, when, from whom."""

    path: Path
    sha256: str
    on: dt.date
    at: dt.datetime
    by: str


def resolve_county(form: RecommendationForm) -> County | str:
    """The county a form names (by code, else by name); or the reason it cannot be found."""
    counties = anhui_counties()
    if form.unit_code:
        match = [c for c in counties if c.code == form.unit_code]
        return match[0] if match else f"行政区划代码 {form.unit_code} 不是安徽省的县（区）"
    code, _ = code_from_name(form.unit_name, form.city_name)   # 合肥市肥西县总工会 names 肥西县
    if code:
        return next(c for c in counties if c.code == code)
    name = form.unit_name.removesuffix("总工会").strip()
    match = [c for c in counties if c.name == name and (not form.city_name or c.city_name == form.city_name)]
    if len(match) == 1:
        return match[0]
    if not match:
        return f"找不到名为“{name}”的县（区），请填写 6 位行政区划代码"
    return f"“{name}”不唯一，请填写推荐城市或 6 位行政区划代码"


def check_in_window(ref: ProgrammeRef, on: dt.date, file: str) -> None:
    window_start, window_end = ref.cfg.phases.preparation.start, ref.cfg.phases.implementation.end
    if not window_start <= on <= window_end:
        reason = f"收到日期 {on} 不在 {ref.year} 年度项目期内（{window_start} 至 {window_end}）"
        raise InputError(Problem(file, reason))


def _problem(form: RecommendationForm, file: str, reason: str, column: str = "") -> Problem:
    return Problem(file, reason, sheet=form.sheet, row=form.row, column=column)


def active_recommendation(session: Session, programme_id: int, unit_code: str) -> Recommendation | None:
    """The unit's standing recommendation in the programme (None if it is not an implementing unit)."""
    return session.exec(select(Recommendation).where(
        Recommendation.programme_id == programme_id, Recommendation.unit_code == unit_code,
        Recommendation.status == RecordStatus.active.value)).first()


def _active_by_city(session: Session, programme_id: int) -> dict[str, Recommendation]:
    rows = session.exec(select(Recommendation).where(
        Recommendation.programme_id == programme_id, Recommendation.status == RecordStatus.active.value))
    return {r.city_code: r for r in rows}


def _check_forms(
    session: Session, ref: ProgrammeRef, forms: list[RecommendationForm], got: Received, replace: bool
) -> list[tuple[RecommendationForm, County]]:
    """Validate every form against the reference data and the register; raise all problems."""
    file, problems, accepted = got.path.name, [], []
    active = _active_by_city(session, ref.id)
    seen_cities: set[str] = set()
    for form in forms:
        county = resolve_county(form)
        if isinstance(county, str):
            problems.append(_problem(form, file, county, "县（区）行政区划代码"))
            continue
        if form.city_name and form.city_name != county.city_name:
            reason = f"{county.name}不属于{form.city_name}（属于{county.city_name}）"
            problems.append(_problem(form, file, reason, "推荐城市"))
            continue
        if county.city_code in seen_cities:
            reason = f"{county.city_name}在同一文件中推荐了多个单位（每市限 1 个）"
            problems.append(_problem(form, file, reason))
            continue
        seen_cities.add(county.city_code)
        existing = active.get(county.city_code)
        if existing and existing.sha256 == got.sha256:
            problems.append(_problem(form, file, f"该文件已于 {existing.received_on} 登记，不重复导入"))
        elif existing and not replace:
            problems.append(_problem(form, file, f"{county.city_name}已推荐{existing.unit_name}"
                                     f"（{existing.received_on}）；{ONE_PER_CITY}，"
                                     "如需更换推荐单位，请书面说明理由，由省总工会办理替换"))
        accepted.append((form, county))
    if problems:
        raise InputError(problems)
    return accepted


def register_recommendations(
    session: Session, ref: ProgrammeRef, forms: list[RecommendationForm], got: Received, *,
    replace: bool = False,
) -> list[Recommendation]:
    """Store every form of a file, or none (InputError naming each problem)."""
    check_in_window(ref, got.on, got.path.name)
    accepted = _check_forms(session, ref, forms, got, replace)
    active = _active_by_city(session, ref.id)
    stored = []
    for form, county in accepted:
        if (old := active.get(county.city_code)) is not None:
            old.status = RecordStatus.replaced.value
            record_audit(session, at=got.at, actor=got.by, action="recommendation.replaced",
                         subject=county.city_code, programme_id=ref.id,
                         details={"old_unit": old.unit_code, "old_sha256": old.sha256,
                                  "new_unit": county.code, "new_sha256": got.sha256})
        stored.append(_store_recommendation(session, ref, form, county, got))
    return stored


def _store_recommendation(session, ref, form, county: County, got: Received) -> Recommendation:
    rec = Recommendation(
        programme_id=ref.id, city_code=county.city_code, unit_code=county.code,
        unit_name=form.unit_name, contact_name=form.contact_name, contact_phone=form.contact_phone,
        basic_situation=form.basic_situation, reason=form.reason, city_opinion=form.city_opinion,
        stamped_by=form.stamped_by or f"{county.city_name}总工会", stamped_on=form.stamped_on,
        source_file=str(got.path), sha256=got.sha256, received_on=got.on, received_at=got.at)
    session.add(rec)
    record_audit(session, at=got.at, actor=got.by, action="recommendation.received", subject=county.code,
                 programme_id=ref.id, details={"file": str(got.path), "sha256": got.sha256,
                                               "city": county.city_code, "row": form.row})
    return rec


def register_work_plan(
    session: Session, ref: ProgrammeRef, unit_code: str, plan: WorkPlanText, got: Received
) -> WorkPlan:
    """Store a unit's work plan: the unit must be recommended; within the hard limit if one is set."""
    file = got.path.name
    check_in_window(ref, got.on, file)
    if session.get(Unit, unit_code) is None:
        raise InputError(Problem(file, f"单位代码 {unit_code} 不是已知的县（区）行政区划代码"))
    if active_recommendation(session, ref.id, unit_code) is None:
        raise InputError(Problem(file, f"尚未收到单位 {unit_code} 的推荐表，请先导入推荐表"))
    refusal = length_refusal(plan.char_count, ref.cfg.workplan_hard_limit, plan.count_rule)
    if refusal:
        raise InputError(Problem(file, refusal))
    if session.exec(select(WorkPlan).where(WorkPlan.programme_id == ref.id, WorkPlan.unit_code == unit_code,
                                           WorkPlan.sha256 == got.sha256)).first():
        raise InputError(Problem(file, "该文件已登记过，不重复导入"))
    row = WorkPlan(programme_id=ref.id, unit_code=unit_code, targets=plan.targets,
                   foundation=plan.foundation, plan=plan.plan, char_count=plan.char_count,
                   count_rule=plan.count_rule, source_file=str(got.path), sha256=got.sha256,
                   received_on=got.on, received_at=got.at)
    session.add(row)
    record_audit(session, at=got.at, actor=got.by, action="work_plan.received", subject=unit_code,
                 programme_id=ref.id, details={"file": str(got.path), "sha256": got.sha256,
                                               "char_count": plan.char_count})
    return row
