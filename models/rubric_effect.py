"""实际成效 in the rubric: the evaluators' score as entered, or 待评审 (the total is then provisional)."""

from __future__ import annotations

from models.effect import EffectAssessment

PENDING = "待评审"
PENDING_REASON = "待评审：省总工会评估组尚未录入实际成效评价（实地调研、座谈访谈），总分为暂定"
NOT_WEIGHTED = "本年度评分配置未设实际成效权重，不计入总分"
NOTES_SHOWN = 40


def shorten(text: str, limit: int = NOTES_SHOWN) -> str:
    """The first `limit` characters of one line, with … when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def effect_score(effect: EffectAssessment | None, weighted: bool = True) -> tuple[float | None, str]:
    """The evaluators' 0–100, with methods, date, evaluator and notes; None while not entered."""
    if effect is None:
        return None, PENDING_REASON if weighted else NOT_WEIGHTED
    how = f"（{effect.methods_text}）" if effect.methods else ""
    by = f"，{effect.assessed_by}" if effect.assessed_by else ""
    notes = f"：{shorten(effect.notes)}" if effect.notes.strip() else ""
    return effect.effect, f"{effect.assessed_on} 评估{how}{by}评定 {effect.effect:g} 分{notes}"
