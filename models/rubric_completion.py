"""完成情况 (the rubric's completion component): a weighted mean of five parts, each with its reason.

Parts (weights from `rubric.completion_parts`):
- quotas: each quota's count / target, capped at 1 (a target of 0 counts as complete), averaged.
- venues: 普法“五进” coverage, distinct venues reached / venues the programme lists.
- cases: 一函两书 cases carried to a reply or a 建议书, among the unit's cases; a case still inside its
  reply window (意见书 issued, deadline not passed, no reply) is left out; no case scores 0. When
  every case is still inside its window the part is not measured yet (left out of the mean).
- task_list: each task of the service contract's 任务清单 with a target > 0 against the ledger count of
  its category, min(count / target, 1), averaged; no task list scores 0 (未细化任务清单); targets of 0
  are not measured (a list with none measurable scores 0 too).
- other_kinds: the notice's other work kinds (参与集体协商、合法性审查), share with at least one row.
A part not measured yet is left out and the others' weights are renormalised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from config.programme import CompletionParts
from models.funds import percent
from models.ledger_schema import CATEGORY_LABELS as _BY_CATEGORY
from models.supervision import Case

OTHER_KINDS = ("collective_bargaining", "legality_review")
PART_LABELS = {"quotas": "三项指标", "venues": "普法“五进”覆盖", "cases": "一函两书办结",
               "task_list": "任务清单目标", "other_kinds": "其他工作类别"}
NO_TASK_LIST = "未细化任务清单"
CATEGORY_LABELS: dict[str, str] = {str(category): label for category, label in _BY_CATEGORY.items()}


@dataclass(frozen=True)
class QuotaCount:
    label: str
    unit: str
    count: int
    target: int


@dataclass(frozen=True)
class TaskTarget:
    """One task of the service contract's 任务清单: its ledger category and numeric target."""

    category: str
    description: str
    target: int


@dataclass(frozen=True)
class PartScore:
    """One part of 完成情况; score None: not measured yet (left out, the others renormalised)."""

    code: str
    label: str
    weight: float
    score: float | None
    reason: str

    def as_dict(self) -> dict:
        score = None if self.score is None else round(self.score, 1)
        return {"code": self.code, "label": self.label, "weight": self.weight, "score": score,
                "reason": self.reason}


def quotas_part(quotas: tuple[QuotaCount, ...]) -> tuple[float, str]:
    """Mean of count/target capped at 1, per quota."""
    if not quotas:
        return 100.0, "无配额要求"
    shares = [min(q.count / q.target, 1.0) if q.target else 1.0 for q in quotas]
    pairs = zip(quotas, shares, strict=True)
    reason = "；".join(f"{q.label} {q.count}/{q.target} {q.unit}（{percent(s)}）" for q, s in pairs)
    return 100.0 * sum(shares) / len(shares), reason


def venues_part(reached: tuple[str, ...], missing: tuple[str, ...]) -> tuple[float, str]:
    """Distinct 五进 venues reached over the venues listed."""
    total = len(reached) + len(missing)
    if not total:
        return 100.0, "无“五进”要求"
    lacking = f"，未覆盖：{'、'.join(missing)}" if missing else "，全部覆盖"
    return 100.0 * len(reached) / total, f"覆盖 {len(reached)}/{total} 类{lacking}"


def _in_reply_window(case: Case, as_of: dt.date) -> bool:
    """意见书 issued, its reply deadline not passed, no reply and no 建议书 yet."""
    return ("opinion" in case.documents and "recommendation" not in case.documents
            and not _replied(case, as_of) and case.reply_due is not None and as_of <= case.reply_due)


def _replied(case: Case, as_of: dt.date) -> bool:
    return case.replied_on is not None and case.replied_on <= as_of


def _carried(case: Case, as_of: dt.date) -> bool:
    return _replied(case, as_of) or "recommendation" in case.documents


def cases_part(cases: tuple[Case, ...], as_of: dt.date) -> tuple[float | None, str]:
    """Share of the unit's 一函两书 cases carried to a reply or a 建议书 (open reply windows left out)."""
    if not cases:
        return 0.0, "尚无劳动法律监督案件，不计分"
    waiting = sum(_in_reply_window(c, as_of) for c in cases)
    counted = len(cases) - waiting
    aside = f"（{waiting} 件在答复期内，不计）" if waiting else ""
    if not counted:
        return None, f"{len(cases)} 件均在答复期内，暂不计"
    carried = sum(_carried(c, as_of) for c in cases)
    return 100.0 * carried / counted, f"已获答复或制发建议书 {carried}/{counted} 件{aside}"


def task_list_part(tasks: tuple[TaskTarget, ...], counts: Mapping[str, int]) -> tuple[float, str]:
    """Each task with a target > 0 against the ledger count of its category, capped at 1, averaged."""
    if not tasks:
        return 0.0, NO_TASK_LIST
    measured = [t for t in tasks if t.target > 0]
    if not measured:
        return 0.0, f"任务清单 {len(tasks)} 项均未设数量目标，无法核对"
    shares = [min(counts.get(t.category, 0) / t.target, 1.0) for t in measured]
    texts = [f"{t.description} {counts.get(t.category, 0)}/{t.target}" for t in measured]
    unmeasured = len(tasks) - len(measured)
    aside = f"；{unmeasured} 项未设数量目标，不计" if unmeasured else ""
    return 100.0 * sum(shares) / len(shares), "；".join(texts) + aside


def other_kinds_part(counts: Mapping[str, int]) -> tuple[float, str]:
    """Share of the notice's other work kinds with at least one ledger row."""
    done = [CATEGORY_LABELS.get(k, k) for k in OTHER_KINDS if counts.get(k, 0) > 0]
    missing = [CATEGORY_LABELS.get(k, k) for k in OTHER_KINDS if counts.get(k, 0) <= 0]
    texts = [f"{CATEGORY_LABELS.get(k, k)} {counts.get(k, 0)} 次" for k in OTHER_KINDS]
    aside = f"，未开展：{'、'.join(missing)}" if missing else ""
    return 100.0 * len(done) / len(OTHER_KINDS), "；".join(texts) + aside


def weighted_mean(parts: tuple[PartScore, ...]) -> float:
    """Mean of the measured parts by weight (the weights of those not measured are spread over the rest)."""
    measured = [p for p in parts if p.score is not None and p.weight > 0]
    weight = sum(p.weight for p in measured)
    return sum(p.weight * p.score for p in measured if p.score is not None) / weight if weight else 0.0


def completion_reason(parts: tuple[PartScore, ...]) -> str:
    """One line: each part's score and reason."""
    return "；".join(f"{p.label} {_score_text(p.score)}（{p.reason}）" for p in parts)


def _score_text(score: float | None) -> str:
    return "待定" if score is None else f"{score:.1f}"


def completion_parts(weights: CompletionParts, quotas: tuple[QuotaCount, ...], venues: tuple[tuple[str, ...],
                     tuple[str, ...]], cases: tuple[Case, ...], tasks: tuple[TaskTarget, ...],
                     counts: Mapping[str, int], as_of: dt.date) -> tuple[PartScore, ...]:
    """The five parts, each scored with its reason and weight."""
    raw = {"quotas": quotas_part(quotas), "venues": venues_part(*venues), "cases": cases_part(cases, as_of),
           "task_list": task_list_part(tasks, counts), "other_kinds": other_kinds_part(counts)}
    w = weights.model_dump()
    return tuple(PartScore(code, PART_LABELS[code], w[code], score, reason)
                 for code, (score, reason) in raw.items())
