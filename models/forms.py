"""What a filled-in form says, as plain data (parsed from .docx/.xlsx/.txt by tasks/forms)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RecommendationForm:
    """附件1 实施项目单位推荐表 (one per unit; an .xlsx may hold several)."""

    unit_name: str                    # 项目实施单位名称, e.g. 肥西县总工会
    contact_name: str
    contact_phone: str
    basic_situation: str              # 单位基本情况
    reason: str                       # 推荐理由
    city_opinion: str                 # 各市总工会推荐意见
    unit_code: str = ""               # 县（区）行政区划代码 when given (6 digits)
    city_name: str = ""               # 推荐城市 when given, e.g. 合肥市
    stamped_by: str = ""              # 盖章单位
    stamped_on: dt.date | None = None  # 盖章日期
    sheet: str = ""                   # where it came from (for error messages)
    row: int | None = None


@dataclass(frozen=True)
class WorkPlanText:
    """附件2 实施项目工作方案: its three sections and the character count."""

    targets: str                      # 一、目标任务
    foundation: str                   # 二、工作基础
    plan: str                         # 三、具体方案
    char_count: int
    count_rule: str                   # how it was counted, in Chinese


@dataclass(frozen=True)
class Candidate:
    name: str
    credit_code: str
    scores: dict[str, float]          # dimension code -> score
    total: float
    winner: bool


@dataclass(frozen=True)
class TeamMemberRow:
    name: str
    role: str
    qualification: str = ""


@dataclass(frozen=True)
class TaskRow:
    category: str                     # ledger category code (publicity, …)
    description: str
    target: int = 0


@dataclass(frozen=True)
class ProcurementDossier:
    """The provider-selection dossier of one unit (遴选、合同、团队、坐班、任务清单)."""

    unit_code: str
    method: str                       # ProcurementMethod value
    decided_on: dt.date
    candidates: tuple[Candidate, ...]
    contract_amount_fen: int
    subsidy_fen: int
    signed_on: dt.date
    service_start: dt.date
    service_end: dt.date
    team: tuple[TeamMemberRow, ...]
    duty_kind: str                    # rotation | fixed_weekdays
    duty_weekdays: tuple[int, ...] = ()   # 1=Monday … 5=Friday, for fixed_weekdays
    tasks: tuple[TaskRow, ...] = field(default_factory=tuple)
    method_note: str = ""             # 其他方式说明: required for 其他合规方式
    selection_reason: str = ""        # 择优说明: why < 3 candidates, or a winner without the top score

    @property
    def winner(self) -> Candidate:
        return next(c for c in self.candidates if c.winner)


# The notice's five evaluation dimensions (遴选综合评审维度).
SCORE_DIMENSIONS = {
    "fit": "服务方案的针对性、可操作性",
    "team": "专业团队的配置合理性、时效性",
    "quality": "服务质量保障措施",
    "price": "报价合理性",
    "commitment": "履约承诺",
}
