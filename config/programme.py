"""The programme configuration (one YAML per year), validated with extra="forbid"."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from config.intake import Intake


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Audience(StrEnum):
    unit = "unit"
    city = "city"
    province = "province"
    evaluator = "evaluator"


class Window(Strict):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.end < self.start:
            raise ValueError(f"结束日期 {self.end} 早于开始日期 {self.start}")
        return self

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class Phases(Strict):
    preparation: Window
    implementation: Window
    evaluation: Window

    @model_validator(mode="after")
    def _in_sequence(self) -> Phases:
        if self.implementation.end >= self.evaluation.start:
            raise ValueError("实施阶段须在总结评估阶段开始前结束")
        if self.preparation.start > self.implementation.start:
            raise ValueError("筹备部署阶段须在组织实施阶段之前开始")
        return self


class Deadlines(Strict):
    recommendation: dt.date = Field(description="推荐材料（附件1、附件2）报送截止日")
    filing: dt.date = Field(description="省总工会审核备案完成日")
    preparation_gate: dt.date = Field(description="筹备部署关口（遴选、合同、档案）应完成日")
    summary_submission: dt.date = Field(description="工作总结、成果报告报送截止日")
    resubmission_workdays: Annotated[int, Field(gt=0)] = Field(
        default=5, description="材料被退回后重新报送的期限（工作日）")


class Quota(Strict):
    target: Annotated[int, Field(ge=0)]
    unit: str = Field(description="计量单位，如 场、件")
    label: str


class Quotas(Strict):
    publicity: Quota
    labour_supervision: Quota
    mediation_base: Quota


class Venue(Strict):
    code: str
    name: str


class Supervision(Strict):
    reply_deadline_workdays: Annotated[int, Field(gt=0)]


class Oversight(Strict):
    cadence: Annotated[str, Field(pattern="^(monthly|quarterly|half_yearly)$")]
    visits_per_period: Annotated[int, Field(ge=1)] = 1
    remind_before_period_end_workdays: Annotated[int, Field(ge=0)] = 10


class Funds(Strict):
    subsidy_yuan: Annotated[int, Field(gt=0)]
    unspent_alert_from: dt.date
    unspent_alert_share: Annotated[float, Field(gt=0, le=1)]


class Rung(Strict):
    offset: int = Field(description="相对截止日的工作日偏移，负数为截止前")
    audience: tuple[Audience, ...] = Field(min_length=1)
    urgent: bool = False


class Ladder(Strict):
    rungs: tuple[Rung, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ascending(self) -> Ladder:
        offsets = [r.offset for r in self.rungs]
        if offsets != sorted(set(offsets)):
            raise ValueError(f"提醒阶梯的偏移须严格递增：{offsets}")
        return self


class Ladders(Strict):
    recommendation: Ladder
    preparation_gate: Ladder
    ledger_gap: Ladder
    oversight: Ladder
    supervision_reply: Ladder
    submission: Ladder
    rectification: Ladder
    filing: Ladder = Field(default=Ladder(rungs=(
        Rung(offset=-3, audience=(Audience.province,)),
        Rung(offset=1, audience=(Audience.province,), urgent=True))),
        description="省总工会审核备案：相对 deadlines.filing（或迟到材料的审核期限）")
    gate_overdue: Ladder = Field(default=Ladder(rungs=(
        Rung(offset=0, audience=(Audience.unit,)),
        Rung(offset=5, audience=(Audience.unit, Audience.city)),
        Rung(offset=10, audience=(Audience.province,), urgent=True))),
        description="筹备逾期：每月从第一个工作日起按此阶梯催办，直到关口满足")


class Chasing(Strict):
    no_entry_workdays: Annotated[int, Field(gt=0)]
    monthly_ledger_workday: Annotated[int, Field(ge=1, le=23)]
    behind_share: Annotated[float, Field(gt=0, le=1)] = Field(description="低于预期进度该比例即为 behind")
    at_risk_share: Annotated[float, Field(gt=0, le=1)] = Field(description="低于该比例即为 at_risk")
    pace_grace_workdays: Annotated[int, Field(ge=0)] = Field(
        default=20, description="单位实际开始实施（关口满足或合同签订）后多少个工作日内不发进度滞后提醒")


def _weights_sum_to_one(weights: BaseModel, what: str) -> None:
    total = sum(weights.model_dump().values())
    if abs(total - 1.0) > 1e-6:
        raise ValueError(f"{what}之和须为 1，当前为 {total:g}")


class RubricWeights(Strict):
    completion: float = Field(ge=0)
    fund_use: float = Field(ge=0)
    effect: float = Field(default=0.0, ge=0)   # 实际成效 (0 in configs archived before it existed)
    archive: float = Field(ge=0)
    oversight: float = Field(ge=0)
    timeliness: float = Field(ge=0)

    @model_validator(mode="after")
    def _sum_to_one(self) -> RubricWeights:
        _weights_sum_to_one(self, "评分权重")
        return self


class CompletionParts(Strict):
    """完成情况's parts and weights: quotas, 五进 coverage, 一函两书 carried, task list, other kinds."""

    quotas: float = Field(default=0.5, ge=0)
    venues: float = Field(default=0.1, ge=0)
    cases: float = Field(default=0.15, ge=0)
    task_list: float = Field(default=0.15, ge=0)
    other_kinds: float = Field(default=0.1, ge=0)

    @model_validator(mode="after")
    def _sum_to_one(self) -> CompletionParts:
        _weights_sum_to_one(self, "完成情况各部分权重")
        return self


class Rubric(Strict):
    weights: RubricWeights
    completion_parts: CompletionParts = CompletionParts()
    promote_at: Annotated[float, Field(ge=0, le=100)]
    pass_at: Annotated[float, Field(ge=0, le=100)]


class AidRate(Strict):
    """The province's 法律援助补贴 per case for one service; yuan stays null until the province enters it."""

    service: Annotated[str, Field(pattern="^(mediation|arbitration|litigation)$")]
    stage: str
    yuan: Annotated[int, Field(ge=0)] | None = None
    note: str = ""


class CalendarOptions(Strict):
    weekday_fallback: bool = False


class Outbox(Strict):
    max_attempts: Annotated[int, Field(ge=1)] = 5
    backoff_minutes: tuple[int, ...] = (5, 30, 120, 480)


class ProgrammeConfig(Strict):
    year: int
    name: str
    phases: Phases
    deadlines: Deadlines
    quotas: Quotas
    venues: tuple[Venue, ...]
    supervision: Supervision
    oversight: Oversight
    funds: Funds
    ladders: Ladders
    chasing: Chasing
    rubric: Rubric
    legal_aid_rates: tuple[AidRate, ...]
    calendar: CalendarOptions = CalendarOptions()
    outbox: Outbox = Outbox()
    intake: Intake = Intake()
    workplan_soft_limit: Annotated[int, Field(gt=0)] = Field(
        1500, description="工作方案“原则上不超过”的字数：超过者照收，提示字数并请审核人留意")
    workplan_hard_limit: Annotated[int, Field(gt=0)] | None = Field(
        None, description="工作方案字数硬上限：超过者拒收；不填为不设硬上限")
    team_minimum: Annotated[int, Field(ge=1)] = Field(
        3, description="中选机构服务团队最少人数（筹备部署关口检查）")

    @field_validator("legal_aid_rates")
    @classmethod
    def _one_rate_per_service(cls, rates: tuple[AidRate, ...]) -> tuple[AidRate, ...]:
        services = [r.service for r in rates]
        if len(services) != len(set(services)):
            raise ValueError("每类法律援助服务（mediation、arbitration、litigation）只能有一条补贴标准")
        return rates

    @field_validator("venues")
    @classmethod
    def _five_venues(cls, venues: tuple[Venue, ...]) -> tuple[Venue, ...]:
        if len(venues) != 5 or len({v.code for v in venues}) != 5:
            raise ValueError("五进场所须恰好 5 个且代码不重复")
        return venues

    @model_validator(mode="after")
    def _consistent(self) -> ProgrammeConfig:
        if not self.phases.preparation.contains(self.deadlines.recommendation):
            raise ValueError(f"推荐截止日 {self.deadlines.recommendation} 不在筹备部署阶段内")
        if self.workplan_hard_limit is not None and self.workplan_hard_limit < self.workplan_soft_limit:
            raise ValueError(
                f"工作方案字数硬上限 {self.workplan_hard_limit} 小于提示字数 {self.workplan_soft_limit}")
        return self

    def canonical_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)

    def config_hash(self) -> str:
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()
