"""The demo's 16 units and what is particular about each (pure data; numbers not named here are drawn
by tasks/demo/profiles.py from the unit's code)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.enums import VerdictKind

D = dt.date

REPORTS_DUE = D(2027, 5, 12)


@dataclass(frozen=True)
class DemoUnit:
    city_code: str
    county: str
    submit_on: D
    returned_once: bool = False
    archive_missing: tuple[str, ...] = ()
    publicity: int | None = None     # None: drawn (10–16)
    supervision: int | None = None   # 一函两书 cases; None: drawn (10–14)
    mediation: int | None = None     # None: drawn (5–9)
    slow_start: bool = False
    skipped_visits: tuple[str, ...] = ()  # oversight periods in which the city did not visit
    note: str = "按期推进"
    reports_on: D | None = REPORTS_DUE  # 工作总结 and 成果报告 handed in (None: never)
    results_report: bool = True
    verdict: tuple = ()  # (day, verdict, due or None) recorded by the province's evaluators
    verdict_notes: str = ""  # the evaluators' reasons, when not the verdict kind's usual words
    venues: int | None = None        # 五进 venues reached; None: drawn (3–5)
    escalation: float | None = None  # share of cases taken to a 意见书; None: drawn
    stall: float | None = None       # share of 意见书 left without reply or 建议书; None: drawn
    bargaining: int | None = None    # 参与集体协商 rows; None: drawn (0–4)
    reviews: int | None = None       # 合法性审查 rows; None: drawn (0–3)
    targets: tuple[tuple[str, int], ...] = ()  # the contract's 任务清单; empty: drawn
    effect: tuple[int, str] | None = None  # the evaluators' 实际成效 (score, notes); None: drawn
    assessed: bool = True            # False: the evaluators have not assessed it by 2027-05-31 (待评审)
    contract_yuan: int | None = None  # the service contract's amount; None: drawn (50,000–60,000)


UNITS = (
    DemoUnit("340100", "肥西县", D(2026, 4, 28), reports_on=D(2027, 5, 10),
             verdict=(D(2027, 5, 25), VerdictKind.promote.value, None),
             venues=5, escalation=0.5, stall=0.0, bargaining=3, reviews=2, contract_yuan=56_000,
             effect=(93, "实地调研：五进全覆盖，台账规范，一函两书案卷完整；座谈访谈：职工对法律咨询和"
                         "协商调解满意度高，企业对意见书整改回复及时。经验可在全省推广。")),
    DemoUnit("340200", "湾沚区", D(2026, 5, 6)),
    DemoUnit("340300", "怀远县", D(2026, 5, 11)),
    DemoUnit("340400", "寿县", D(2026, 5, 7)),
    DemoUnit("340500", "当涂县", D(2026, 5, 9)),
    DemoUnit("340600", "濉溪县", D(2026, 5, 6), publicity=3, skipped_visits=("2026Q3",),
             note="法治宣传明显滞后；淮北市三季度未督导", results_report=False,
             verdict=(D(2027, 5, 25), VerdictKind.rectify.value, D(2027, 6, 30)),
             effect=(61, "实地调研：全年法治宣传仅 3 场，覆盖场所少；座谈访谈：职工对项目知晓率低，"
                         "法律援助服务尚可。")),
    DemoUnit("340700", "枞阳县", D(2026, 4, 30), verdict=(D(2027, 5, 25), VerdictKind.pass_.value, None)),
    DemoUnit("340800", "怀宁县", D(2026, 5, 12)),
    DemoUnit("341000", "歙县", D(2026, 5, 8), archive_missing=("award_notice", "communication_log"),
             note="采购档案不全，未通过筹备关口", reports_on=None,
             verdict=(D(2027, 5, 25), VerdictKind.rectify.value, D(2027, 6, 30)),
             verdict_notes="采购档案缺中标公示、过程沟通记录，筹备部署关口未通过；工作总结、成果报告未报送，限期整改",
             effect=(30, "实地调研：采购未完成，法律服务未落地，台账空白；座谈访谈：职工未接受过项目服务。")),
    DemoUnit("341100", "来安县", D(2026, 5, 7)),
    DemoUnit("341200", "太和县", D(2026, 5, 20), note="市总工会逾期报送推荐材料", reports_on=D(2027, 5, 19)),
    DemoUnit("341300", "萧县", D(2026, 5, 8), returned_once=True, note="工作方案被退回一次"),
    DemoUnit("341500", "金寨县", D(2026, 5, 11), supervision=8, escalation=0.25, stall=0.5,
             note="劳动法律监督未达标",
             effect=(70, "实地调研：法治宣传扎实，劳动法律监督件数不足，意见书发出后跟进不够；座谈访谈："
                         "企业反映监督力度偏弱。")),
    DemoUnit("341600", "蒙城县", D(2026, 5, 6), slow_start=True, note="起步慢，后期追赶",
             effect=(66, "实地调研：上半年服务基本空白，活动集中在后期，台账补录痕迹明显；座谈访谈：职工反映"
                         "服务时断时续，后期追赶有成效但连续性不足。")),
    DemoUnit("341700", "东至县", D(2026, 5, 10), skipped_visits=("2026Q4", "2027Q1"),
             note="池州市连续两个季度未督导"),
    DemoUnit("341800", "郎溪县", D(2026, 5, 11), assessed=False),
)
