"""The evaluation rubric (总结评估预评分): six components scored 0–100, weighted, and a suggested verdict.

Components (weights from `rubric.weights`), the notice's three axes first:
- completion (完成情况): a weighted mean of five parts (models/rubric_completion.py): the three quotas,
  普法“五进” coverage, 一函两书 cases carried to a reply or 建议书, the service contract's task list
  against the ledger, and the notice's other work kinds.
- fund_use (经费使用情况): 专款专用 (models/fund_use.py): 100 × the share of the subsidy spent on
  legal-service purchase with a voucher within the programme year. Spending above the subsidy is the
  unit's own money (单位自筹): shown, never penalised; 法律援助补贴 is its own line.
- effect (实际成效): the evaluators' score (models/rubric_effect.py); until entered it is 待评审 and
  the total is provisional (暂定).
- archive: procurement archive kinds present / 7.
- oversight: the city's supervision periods kept / periods owed (a period still running is not owed
  yet); no visit recorded scores 0 (no points for work not done), visits with nothing owed yet 100.
- timeliness: each dated duty the snapshot knows — materials (推荐材料) by the recommendation
  deadline, the preparation gate by its deadline, the first 工作总结 and the first 成果报告 by the
  summary deadline — scores 100 when done on time, 50 when done late, 0 when overdue and not done;
  a duty not yet due is left out. The month-end pace record (months on pace / months checked after
  the grace period) is one more item scoring 100 × kept / checked, left out while none was checked.
  Nothing counted scores 100.

Total = Σ weight × score, rounded to one decimal. While a weighted component is 待评审 the total is
provisional: the scored components' weights are renormalised to 1, and a provisional suggestion is never
推广 (capped at 合格: 推广须先评审实际成效). The suggestion compares the rounded total: promote when
total ≥ promote_at, pass when ≥ pass_at, else rectify.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from config.programme import Rubric
from models.effect import EffectAssessment
from models.enums import VERDICT_LABELS, VerdictKind
from models.fund_use import FundUse, fund_use_score
from models.rubric_completion import (
    PartScore,
    QuotaCount,
    TaskTarget,
    completion_parts,
    completion_reason,
    quotas_part,
    weighted_mean,
)
from models.rubric_effect import PENDING, effect_score
from models.rubric_timeliness import DatedDuty, timeliness_score
from models.supervision import Case

__all__ = ["COMPONENT_LABELS", "ComponentScore", "DatedDuty", "PartScore", "QuotaCount", "RubricInputs",
           "RubricScore", "TaskTarget", "archive_score", "completion_score", "oversight_score", "score_unit",
           "suggest", "timeliness_score", "weighted_total"]

PROMOTE_NEEDS_EFFECT = "推广须先评审实际成效"
COMPONENT_LABELS = {"completion": "完成情况", "fund_use": "经费使用", "effect": "实际成效",
                    "archive": "档案完整", "oversight": "督导落实", "timeliness": "按期报送"}
SUGGESTION_LABELS = VERDICT_LABELS


@dataclass(frozen=True)
class RubricInputs:
    """What the rubric reads about one unit, as of a date (plain data, no database)."""

    unit_code: str
    unit_name: str
    city_name: str
    as_of: dt.date
    quotas: tuple[QuotaCount, ...]
    fund_use: FundUse
    archive_missing: tuple[str, ...]
    archive_total: int
    periods_kept: int
    periods_owed: int
    duties: tuple[DatedDuty, ...]
    venues_reached: tuple[str, ...] = ()         # 五进 venue names reached
    venues_missing: tuple[str, ...] = ()         # … and not reached
    cases: tuple[Case, ...] = ()                 # the unit's 一函两书 cases (reply deadlines resolved)
    tasks: tuple[TaskTarget, ...] = ()           # the service contract's 任务清单
    counts: Mapping[str, int] = field(default_factory=dict)  # ledger count per category
    effect: EffectAssessment | None = None       # 实际成效 (None: 待评审)
    pace_months: tuple[int, int] = (0, 0)        # month-ends on pace, month-ends checked


@dataclass(frozen=True)
class ComponentScore:
    """One component; score None: 待评审 (left out of a provisional total)."""

    code: str
    label: str
    weight: float
    score: float | None
    reason: str
    parts: tuple[PartScore, ...] = ()

    @property
    def score_text(self) -> str:
        return PENDING if self.score is None else f"{self.score:.1f}"

    def as_dict(self) -> dict:
        weighted = None if self.score is None else round(self.weight * self.score, 1)
        return {"code": self.code, "label": self.label, "weight": self.weight, "score": self.score,
                "weighted": weighted, "pending": self.score is None, "reason": self.reason,
                "parts": [p.as_dict() for p in self.parts]}


@dataclass(frozen=True)
class RubricScore:
    unit_code: str
    total: float
    suggested: VerdictKind
    components: tuple[ComponentScore, ...]
    provisional: bool = False
    note: str = ""          # why the suggestion was capped (empty: not capped)

    @property
    def suggested_label(self) -> str:
        return SUGGESTION_LABELS[self.suggested]

    @property
    def total_text(self) -> str:
        return f"{self.total:.1f}" + ("（暂定）" if self.provisional else "")

    def as_dict(self) -> dict:
        return {"unit_code": self.unit_code, "total": self.total, "provisional": self.provisional,
                "total_text": self.total_text, "suggested": self.suggested,
                "suggested_label": self.suggested_label, "note": self.note,
                "components": [c.as_dict() for c in self.components]}


def completion_score(quotas: tuple[QuotaCount, ...]) -> tuple[float, str]:
    """The quotas part alone (mean of count/target capped at 1, per quota)."""
    return quotas_part(quotas)


def archive_score(missing: tuple[str, ...], total: int) -> tuple[float, str]:
    present = total - len(missing)
    reason = f"采购档案 {present}/{total} 类" + (f"，缺：{'、'.join(missing)}" if missing else "，齐全")
    return 100.0 * present / total if total else 100.0, reason


def oversight_score(kept: int, owed: int) -> tuple[float, str]:
    if kept <= 0:
        return 0.0, "尚无市总工会实地督导记录，不计分" + (f"（应督导 {owed} 期）" if owed > 0 else "")
    if owed <= 0:
        return 100.0, f"市总工会已实地督导 {kept} 期（尚无到期的督导期次）"
    return 100.0 * min(kept, owed) / owed, f"市总工会实地督导 {min(kept, owed)}/{owed} 期按要求完成"


def suggest(total: float, rubric: Rubric) -> VerdictKind:
    """promote / pass / rectify by the configured thresholds."""
    if total >= rubric.promote_at:
        return VerdictKind.promote
    return VerdictKind.pass_ if total >= rubric.pass_at else VerdictKind.rectify


def suggest_capped(total: float, provisional: bool, rubric: Rubric) -> tuple[VerdictKind, str]:
    """The suggestion; a provisional total is never 推广 (capped at 合格, with the reason)."""
    suggested = suggest(total, rubric)
    if provisional and suggested == VerdictKind.promote:
        return VerdictKind.pass_, PROMOTE_NEEDS_EFFECT
    return suggested, ""


def weighted_total(scores: dict[str, float | None], weights: Mapping[str, float]) -> tuple[float, bool]:
    """Σ weight × score; a weighted component pending: over the scored ones, renormalised (provisional)."""
    provisional = any(score is None and weights[code] > 0 for code, score in scores.items())
    scored = {code: score for code, score in scores.items() if score is not None}
    weight = sum(weights[code] for code in scored)
    total = sum(weights[code] * score for code, score in scored.items())
    if provisional:
        total = total / weight if weight else 0.0
    return round(total, 1), provisional


def _rounded(score: float | None) -> float | None:
    return None if score is None else round(score, 1)


def _raw_components(inputs: RubricInputs, rubric: Rubric) -> dict[str, tuple[float | None, str]]:
    return {
        "fund_use": fund_use_score(inputs.fund_use),
        "effect": effect_score(inputs.effect, rubric.weights.effect > 0),
        "archive": archive_score(inputs.archive_missing, inputs.archive_total),
        "oversight": oversight_score(inputs.periods_kept, inputs.periods_owed),
        "timeliness": timeliness_score(inputs.duties, inputs.as_of, inputs.pace_months),
    }


def score_unit(inputs: RubricInputs, rubric: Rubric) -> RubricScore:
    """Each component 0–100 (or 待评审) with its reason; the weighted total; the suggested verdict."""
    venues = (inputs.venues_reached, inputs.venues_missing)
    parts = completion_parts(rubric.completion_parts, inputs.quotas, venues, inputs.cases, inputs.tasks,
                             inputs.counts, inputs.as_of)
    raw = {"completion": (weighted_mean(parts), completion_reason(parts)), **_raw_components(inputs, rubric)}
    weights = rubric.weights.model_dump()
    components = tuple(
        ComponentScore(code, COMPONENT_LABELS[code], weights[code], _rounded(score), reason,
                       parts if code == "completion" else ())
        for code, (score, reason) in raw.items())
    total, provisional = weighted_total({code: score for code, (score, _) in raw.items()}, weights)
    suggested, note = suggest_capped(total, provisional, rubric)
    return RubricScore(inputs.unit_code, total, suggested, components, provisional, note)
