"""Whether a unit named on the command line may be acted on: a known county, implementing this year."""

from __future__ import annotations

from models.errors import Problem


def unit_problem(unit_code: str, *, known: bool, implementing: bool, year: int) -> Problem | None:
    """None for a known unit with an active recommendation this year; else the reason."""
    if not known:
        return Problem(f"--unit {unit_code}", "不是已知的县（区）行政区划代码")
    if not implementing:
        return Problem(f"--unit {unit_code}", f"不是 {year} 年度的项目实施单位")
    return None
