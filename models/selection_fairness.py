"""竞争择优: whether a selection needs a written reason (择优说明), as pure rules on the candidates."""

from __future__ import annotations

from collections.abc import Sequence

MIN_CANDIDATES = 3


def fairness_gaps(totals: Sequence[float] | None, winner_total: float | None) -> tuple[str, ...]:
    """What departs from 竞争择优 and must be explained: fewer than 3 candidates, a winner without the top
    score (empty when neither, or when the candidates are not known)."""
    if totals is None:
        return ()
    gaps = []
    if len(totals) < MIN_CANDIDATES:
        gaps.append(f"候选机构仅 {len(totals)} 家（少于 {MIN_CANDIDATES} 家）")
    if totals and winner_total is not None and winner_total < max(totals):
        gaps.append(f"中选机构总分 {winner_total:g} 不是最高分（最高 {max(totals):g}）")
    return tuple(gaps)
