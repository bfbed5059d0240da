"""竞争择优 recorded and shown, not refused; the notice's 等 kept for selection methods (issue 12: 5, 9)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from models.enums import ProcurementMethod
from models.facts import Selection
from models.gates import method_criterion
from models.selection_fairness import fairness_gaps
from tasks.forms.procurement_xlsx import INFO_SHEET, read_procurement_xlsx, write_procurement_xlsx
from tests.unit.factories import d, ready_slot
from tests.unit.test_forms_procurement import CANDIDATES, DOSSIER, places, problems_of

PICKED = Selection("price_comparison", d("2026-05-28"), "安徽皖法律师事务所", "dossier.xlsx", "a" * 64)


def test_three_candidates_and_the_top_winner_need_no_reason():
    assert fairness_gaps((90, 85, 80), 90) == ()
    assert fairness_gaps((90, 90, 80), 90) == ()
    assert fairness_gaps(None, None) == ()


def test_fewer_than_three_candidates_or_a_lower_winner_are_each_named():
    assert fairness_gaps((90, 85), 90) == ("候选机构仅 2 家（少于 3 家）",)
    assert fairness_gaps((90, 85.5, 80), 85.5) == ("中选机构总分 85.5 不是最高分（最高 90）",)
    assert len(fairness_gaps((80,), 70)) == 2


def _criterion(**selection):
    return method_criterion(replace(ready_slot(), selection=replace(PICKED, **selection)))


def test_without_a_reason_the_criterion_is_unmet_with_the_explanation():
    c = _criterion(totals=(90.0, 85.0), winner_total=90.0)
    assert not c.met and "候选机构仅 2 家" in c.missing and "择优说明" in c.missing
    c = _criterion(totals=(90.0, 85.0, 80.0), winner_total=85.0)
    assert not c.met and "不是最高分" in c.missing
    assert c.evidence[0].sha256 == "a" * 64


def test_with_a_reason_it_is_met_and_the_reason_is_shown_to_the_reviewer():
    c = _criterion(totals=(90.0, 85.0), winner_total=90.0, reason="本县仅两家机构报名，经公示无异议")
    assert c.met and c.flags == ("候选机构仅 2 家（少于 3 家）；择优说明：本县仅两家机构报名，经公示无异议",)
    assert _criterion(totals=(90.0, 85.0, 80.0), winner_total=90.0).flags == ()


def test_another_compliant_method_is_met_described_and_flagged():
    c = _criterion(method=ProcurementMethod.other.value, method_note="单一来源谈判（经县总工会党组会议研究）",
                   totals=(90.0, 85.0, 80.0), winner_total=90.0)
    assert c.met and "其他合规方式（单一来源谈判" in c.evidence[0].description
    assert c.flags == ("其他合规方式：单一来源谈判（经县总工会党组会议研究），请确认其合规",)


# ---------------------------------------------------------------- the 遴选材料登记表

def _written(tmp_path: Path, dossier) -> Path:
    path = tmp_path / "340123-遴选档案.xlsx"
    write_procurement_xlsx(path, dossier)
    return path


def test_the_two_new_rows_read_back_as_written(tmp_path):
    dossier = replace(DOSSIER, method=ProcurementMethod.other.value, method_note="单一来源谈判",
                      candidates=CANDIDATES[:2], selection_reason="仅两家机构报名")
    assert read_procurement_xlsx(_written(tmp_path, dossier)) == dossier


def test_another_method_without_its_description_is_refused_naming_the_row(tmp_path):
    path = _written(tmp_path, replace(DOSSIER, method=ProcurementMethod.other.value))
    problems = problems_of(path)
    assert (INFO_SHEET, 3, "遴选方式") in places(problems)
    assert any("其他方式说明" in p.reason for p in problems)


@pytest.mark.parametrize("rows", [1, 2])
def test_a_file_made_before_the_new_rows_still_imports(tmp_path, rows):
    path = _written(tmp_path, DOSSIER)
    book = openpyxl.load_workbook(path)
    sheet = book[INFO_SHEET]
    sheet.delete_rows(sheet.max_row - rows + 1, rows)
    book.save(path)
    assert read_procurement_xlsx(path) == DOSSIER
