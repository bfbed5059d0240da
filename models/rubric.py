"""The evaluation rubric (总结评估预评分): five components scored 0–100, weighted, and a suggested verdict.

Components (weights from `rubric.weights`):
- completion: each quota's count / target, capped at 1 (a target of 0 counts as complete), averaged.
- fund_use: 专款专用 (models/fund_use.py): 100 × the share of the subsidy spent on legal-service
  purchase with a voucher within the programme year. Spending above the subsidy is the unit's own
  money (单位自筹): shown, never penalised; 法律援助补贴 is its own line; other uses are flagged.
- archive: procurement archive kinds present / 7.
- oversight: the city's supervision periods kept / periods owed (a period still running is not owed
  yet); no visit recorded scores 0 (no points for work not done), visits with nothing owed yet 100.
- timeliness: each dated duty the snapshot knows — materials (推荐表与工作方案) by the recommendation
  deadline, the preparation gate by its deadline, the first 工作总结 and the first 成果报告 by the
  summary deadline — scores 100 when done on time, 50 when done late, 0 when overdue and not done;
  a duty not yet due is left out (nothing due scores 100). Monthly ledgers are not scored: the
  snapshot keeps only each unit's last import day, not when each month's ledger arrived.

Total = Σ weight × score, rounded to one decimal; the suggestion compares the rounded total:
promote when total ≥ promote_at, pass when ≥ pass_at, else rectify.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from config.programme import Rubric
from models.enums import VERDICT_LABELS, VerdictKind
from models.fund_use import FundUse, fund_use_score
from models.funds import percent

LATE_SCORE = 50.0
COMPONENT_LABELS = {"completion": "任务完成", "fund_use": "经费使用", "archive": "档案完整",
                    "oversight": "督导落实", "timeliness": "按期报送"}
SUGGESTION_LABELS = VERDICT_LABELS


@dataclass(frozen=True)
class QuotaCount:
    label: str
    unit: str
    count: int
    target: int


@dataclass(frozen=True)
class DatedDuty:
    """Something due by a date, and the day it was done (None: not yet)."""

    label: str
    due: dt.date
    done_on: dt.date | None


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


@dataclass(frozen=True)
class ComponentScore:
    code: str
    label: str
    weight: float
    score: float
    reason: str

    def as_dict(self) -> dict:
        return {"code": self.code, "label": self.label, "weight": self.weight, "score": self.score,
                "weighted": round(self.weight * self.score, 1), "reason": self.reason}


@dataclass(frozen=True)
class RubricScore:
    unit_code: str
    total: float
    suggested: VerdictKind
    components: tuple[ComponentScore, ...]

    @property
    def suggested_label(self) -> str:
        return SUGGESTION_LABELS[self.suggested]

    def as_dict(self) -> dict:
        return {"unit_code": self.unit_code, "total": self.total, "suggested": self.suggested,
                "suggested_label": self.suggested_label,
                "components": [c.as_dict() for c in self.components]}


def completion_score(quotas: tuple[QuotaCount, ...]) -> tuple[float, str]:
    """Mean of count/target capped at 1, per quota."""
    if not quotas:
        return 100.0, "无配额要求"
    shares = [min(q.count / q.target, 1.0) if q.target else 1.0 for q in quotas]
    pairs = zip(quotas, shares, strict=True)
    reason = "；".join(f"{q.label} {q.count}/{q.target} {q.unit}（{percent(s)}）" for q, s in pairs)
    return 100.0 * sum(shares) / len(shares), reason


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


def _duty_state(duty: DatedDuty, as_of: dt.date) -> tuple[float | None, str]:
    if duty.done_on is not None and duty.done_on <= as_of:
        if duty.done_on <= duty.due:
            return 100.0, f"{duty.label}按期（{duty.done_on}）"
        return LATE_SCORE, f"{duty.label}逾期 {(duty.done_on - duty.due).days} 天（{duty.done_on}）"
    if as_of > duty.due:
        return 0.0, f"{duty.label}逾期未完成（截止 {duty.due}）"
    return None, f"{duty.label}未到期（截止 {duty.due}，不计）"


def timeliness_score(duties: tuple[DatedDuty, ...], as_of: dt.date) -> tuple[float, str]:
    """On time 100, late 50, overdue 0; duties not yet due are left out."""
    states = [_duty_state(d, as_of) for d in duties]
    counted = [score for score, _ in states if score is not None]
    reason = "；".join(text for _, text in states) or "无报送要求"
    return (sum(counted) / len(counted) if counted else 100.0), reason


def suggest(total: float, rubric: Rubric) -> VerdictKind:
    """promote / pass / rectify by the configured thresholds."""
    if total >= rubric.promote_at:
        return VerdictKind.promote
    return VerdictKind.pass_ if total >= rubric.pass_at else VerdictKind.rectify


def score_unit(inputs: RubricInputs, rubric: Rubric) -> RubricScore:
    """Each component 0–100 with its reason; the weighted total; the suggested verdict."""
    raw = {
        "completion": completion_score(inputs.quotas),
        "fund_use": fund_use_score(inputs.fund_use),
        "archive": archive_score(inputs.archive_missing, inputs.archive_total),
        "oversight": oversight_score(inputs.periods_kept, inputs.periods_owed),
        "timeliness": timeliness_score(inputs.duties, inputs.as_of),
    }
    weights = rubric.weights.model_dump()
    components = tuple(ComponentScore(code, COMPONENT_LABELS[code], weights[code], round(score, 1), reason)
                       for code, (score, reason) in raw.items())
    total = round(sum(weights[code] * score for code, (score, _) in raw.items()), 1)
    return RubricScore(inputs.unit_code, total, suggest(total, rubric), components)
