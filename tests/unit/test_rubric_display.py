"""Every component's reason where the pre-score is shown: 待评审, 暂定, completion's parts, capped note."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from types import SimpleNamespace

from flows.cli.verdicts import _reason_lines, _verdict_cells
from models.rubric import score_unit
from tasks.packets.html import render_province_index, render_unit_index
from tasks.packets.unit_document import _rubric
from tests.support.packet_sample import sample_province_index, sample_unit_packet
from tests.unit.test_rubric import perfect, quotas, rubric


def _pending():
    """A unit with everything done but 实际成效 not yet entered, its quotas half done."""
    return score_unit(replace(perfect(), effect=None, quotas=quotas((5, 10))), rubric())


def _row(score) -> dict:
    return {"city_name": "合肥市", "unit_name": "肥西县", "unit_code": "340123", "phase_label": "总结评估",
            "score": score.as_dict(), "verdict": None}


def test_the_packet_page_shows_pending_provisional_and_each_part_with_its_reason() -> None:
    score = _pending()
    doc = dataclasses.replace(sample_unit_packet(),
                              rubric=_rubric(SimpleNamespace(scores={"340123": score}), "340123"))
    page = render_unit_index(doc)
    assert "<td>实际成效</td>" in page and "待评审" in page
    assert f"{score.total:.1f}（暂定）" in page and "实际成效待评审，按已评各项的权重折算" in page
    completion = next(c for c in score.components if c.code == "completion")
    assert all(p.label in page and p.reason in page for p in completion.parts)


def test_a_capped_suggestion_says_why_on_the_packet_page() -> None:
    score = score_unit(replace(perfect(), effect=None), rubric())
    doc = dataclasses.replace(sample_unit_packet(),
                              rubric=_rubric(SimpleNamespace(scores={"340123": score}), "340123"))
    assert "<strong>合格</strong>（推广须先评审实际成效）" in render_unit_index(doc)


def test_the_province_index_marks_a_provisional_score() -> None:
    index = sample_province_index()
    units = [replace(index.units[0], provisional=True), *index.units[1:]]
    page = render_province_index(replace(index, units=units))
    assert page.count("（暂定）") == 1


def test_verdict_list_prints_the_provisional_total_pending_effect_and_completions_parts() -> None:
    score = _pending()
    row = _row(score)
    assert _verdict_cells(row)[3] == f"{score.total:.1f}（暂定）"
    lines = _reason_lines([row])
    assert lines[1] == f"肥西县（340123）预评分 {score.total:.1f}（暂定）"
    assert "  完成情况 75.0（权重 0.35）：" in lines
    assert "    三项指标 50.0（占 0.5）：配额0 5/10 件（50.0%）" in lines
    assert any(line.startswith("  实际成效 待评审（权重 0.2）：待评审") for line in lines)


def test_verdict_list_says_why_a_promotion_is_capped() -> None:
    capped = score_unit(replace(perfect(), effect=None), rubric())
    header = _reason_lines([_row(capped)])[1]
    assert header == "肥西县（340123）预评分 100.0（暂定）；建议“合格”：推广须先评审实际成效"
