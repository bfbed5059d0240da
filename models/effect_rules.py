"""What makes a 实际成效 assessment acceptable, and how its methods are written down (pure)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from models.effect import EFFECT_MAX, EFFECT_MIN, METHOD_LABELS
from models.errors import Problem, Refusal, said

METHOD_CODES = {label: code for code, label in METHOD_LABELS.items()}
CHOICES_TEXT = "、".join(f"{code}（{label}）" for code, label in METHOD_LABELS.items())


class EffectRefused(Refusal):
    """An assessment that cannot be recorded: each problem names the option and the reason."""

    def __str__(self) -> str:
        lines = [said(p) for p in self.problems]
        if len(lines) == 1:
            return lines[0]
        return "\n".join([f"共 {len(lines)} 处问题，实际成效评估未登记：",
                          *(f"  {n}. {x}" for n, x in enumerate(lines, 1))])


def method_code(given: str) -> str | None:
    """The stored code of a method given as its code or its Chinese label; None if it is neither."""
    text = given.strip()
    return text if text in METHOD_LABELS else METHOD_CODES.get(text)


def parse_methods(given: Iterable[str]) -> tuple[tuple[str, ...], list[Problem]]:
    """(codes in the order given, without repeats; a problem per unknown method)."""
    codes: list[str] = []
    problems = []
    for item in given:
        code = method_code(item)
        if code is None:
            problems.append(Problem(f"--method {item}", f"不是评估方式，可选：{CHOICES_TEXT}"))
        elif code not in codes:
            codes.append(code)
    return tuple(codes), problems


def join_methods(codes: Iterable[str]) -> str:
    """Codes as stored: a comma list."""
    return ",".join(codes)


def split_methods(stored: str) -> tuple[str, ...]:
    """The codes of a stored comma list."""
    return tuple(c for c in (x.strip() for x in stored.split(",")) if c)


def effect_problems(effect: float, notes: str, assessed_on: dt.date, by: str, *,
                    evaluation_start: dt.date, today: dt.date) -> list[Problem]:
    """Every reason the score, notes, date or assessor cannot be recorded (empty when fine)."""
    problems = []
    if math.isnan(effect) or not EFFECT_MIN <= effect <= EFFECT_MAX:
        problems.append(Problem(f"--effect {effect:g}",
                                f"实际成效评分须在 {EFFECT_MIN:g} 至 {EFFECT_MAX:g} 之间"))
    if not notes.strip():
        problems.append(Problem("--notes", "须填写评估意见（实地调研、座谈访谈等所见所闻）"))
    if assessed_on < evaluation_start:
        problems.append(Problem(f"--on {assessed_on}", f"早于总结评估阶段开始日期 {evaluation_start}"))
    if assessed_on > today:
        problems.append(Problem(f"--on {assessed_on}", f"晚于今天 {today}：评估完成后再登记"))
    if not by.strip():
        problems.append(Problem("--by", "须填写评估人"))
    return problems
