"""The demo's filled-in documents: what each unit's people would write in the forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from config.divisions import County
from models.enums import DutyKind, SubmissionKind
from models.forms import (
    SCORE_DIMENSIONS,
    Candidate,
    ProcurementDossier,
    RecommendationForm,
    TaskRow,
    TeamMemberRow,
    WorkPlanText,
)
from models.workplan_count import COUNT_RULE, count_characters
from tasks.demo.profiles import profile_of
from tasks.demo.units import DemoUnit

TASK_DESCRIPTIONS = {"publicity": "普法“五进”活动", "labour_supervision": "劳动法律监督（一函两书）",
                     "legal_aid": "协商调解等职工法律援助", "collective_bargaining": "参与集体协商、指导建制",
                     "legality_review": "工会经济合同、规范性文件合法性审查"}


def demo_recommendation(county: County, on: dt.date) -> RecommendationForm:
    return RecommendationForm(
        unit_name=f"{county.name}总工会", contact_name="王联络", contact_phone="13805510000",
        basic_situation=f"{county.name}规上企业多，职工法律服务需求集中，劳动争议易发多发。",
        reason="已建成职工法律一站式服务中心，有专职法律工作人员，工作基础较好。",
        city_opinion="同意推荐。", unit_code=county.code, city_name=county.city_name,
        stamped_by=f"{county.city_name}总工会", stamped_on=on)


def demo_plan(county: County, u: DemoUnit, revision: int) -> WorkPlanText:
    p = profile_of(u)
    targets = (f"全年开展法治宣传教育 {p.publicity} 场，覆盖“五进”全部场所；"
               f"参与劳动法律监督 {p.supervision} 件；协商调解 {p.mediation} 件。"
               + ("各项目标按季度分解到月。" if revision > 1 else ""))
    foundation = (f"{county.name}总工会设有职工法律一站式服务中心，配备专职人员 2 名，"
                  "已与 3 家律师事务所建立合作。")
    plan = ("5 月完成遴选和签约；6 月起每周固定坐班；每季度召开推进会；"
            "遇到企业不配合时借助“一函两书”推动整改。")
    text = targets + foundation + plan
    return WorkPlanText(targets, foundation, plan, count_characters(text), COUNT_RULE)


def _credit(code: Callable[[str], str], county: County, n: int) -> str:
    return code(county.code) if n == 0 else code(f"{int(county.code) + 100 * n}")


def _scores(n: int) -> dict[str, float]:
    """The n-th candidate scores a little lower on each dimension (0–20 points each)."""
    points = (18 - n, 17 - n, 18 - 2 * n, 16, 18 - n)
    return dict(zip(SCORE_DIMENSIONS, map(float, points), strict=True))


def demo_dossier(county: County, u: DemoUnit, on: dt.date, credit_code: Callable[[str], str]
                 ) -> ProcurementDossier:
    names = (f"{county.name}职工法律服务中心", "皖江律师事务所", "安徽某法律咨询服务社")
    candidates = tuple(
        Candidate(name, _credit(credit_code, county, n), scores, sum(scores.values()), n == 0)
        for n, name in enumerate(names)
        for scores in [_scores(n)]
    )
    team = (TeamMemberRow("陈律师", "团队负责人", "执业律师"),
            TeamMemberRow("刘律师", "执业律师", "执业律师"),
            TeamMemberRow("赵助理", "法律助理", "法律职业资格"))
    profile = profile_of(u)
    tasks = tuple(TaskRow(category, TASK_DESCRIPTIONS[category], target)
                  for category, target in profile.targets)
    return ProcurementDossier(
        unit_code=county.code, method="price_comparison", decided_on=on, candidates=candidates,
        contract_amount_fen=profile.contract_yuan * 100, subsidy_fen=5_000_000, signed_on=on,
        service_start=on,
        service_end=dt.date(2027, 4, 30), team=team, duty_kind=DutyKind.fixed_weekdays.value,
        duty_weekdays=(2, 4),
        tasks=tasks)


def demo_report(county: County, kind: str) -> str:
    """A short 工作总结 or 成果报告 in Markdown, as a unit might hand it in."""
    if kind == SubmissionKind.summary:
        return (f"# {county.name}总工会法律能力提升项目工作总结\n\n"
                "一、项目实施基本情况：按工作方案完成法治宣传教育、劳动法律监督和职工法律援助等任务。\n\n"
                "二、主要做法与成效：普法“五进”覆盖企业、园区、社区、工地和校园；一函两书督促企业整改。\n\n"
                "三、存在问题与下一步打算：进一步规范台账，巩固法律服务阵地。\n")
    return (f"# {county.name}总工会法律能力提升项目成果报告\n\n"
            "一、典型案例汇编：协商调解欠薪纠纷、劳动合同规范化指导。\n\n"
            "二、制度成果：工会法律服务工作机制、法律援助工作流程。\n")
