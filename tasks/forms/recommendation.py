"""附件1 推荐表: reading by file type; the form's rules are pure, in models/recommendation_rules.py.

The .docx and .xlsx readers turn their file into raw field values (keyed by RecommendationForm field
names) and call `build_form`, which checks them against Anhui's reference divisions.
"""

from __future__ import annotations

from pathlib import Path

from config.divisions import anhui_cities, anhui_counties
from models import recommendation_rules
from models.errors import InputError, Problem, fail
from models.forms import RecommendationForm
from models.recommendation_rules import Divisions, ProblemAt
from models.recommendation_rules import split_contact as split_contact  # re-exported for the readers


def read_recommendation_file(path: Path) -> list[RecommendationForm]:
    """The forms in a .docx (one) or an .xlsx (one per row); any other type is an InputError."""
    # Imported here: both readers import build_form from this module.
    from tasks.forms.recommendation_docx import read_recommendation_docx
    from tasks.forms.recommendation_xlsx import read_recommendation_xlsx

    suffix = path.suffix.lower()
    if suffix == ".docx":
        return [read_recommendation_docx(path)]
    if suffix == ".xlsx":
        return read_recommendation_xlsx(path)
    raise fail(path.name, f"不支持的文件类型 {suffix or '（无扩展名）'}（请使用 .docx 或 .xlsx）")


def anhui_divisions() -> Divisions:
    """Anhui's counties and cities from the reference file."""
    return Divisions(anhui_counties(), anhui_cities())


def build_form(raw: dict[str, object], labels: dict[str, str], problem: ProblemAt,
               *, sheet: str = "", row: int | None = None) -> RecommendationForm | list[Problem]:
    """One form from its raw field values, or every problem found in them (checked against Anhui)."""
    return recommendation_rules.build_form(raw, labels, problem, anhui_divisions(), sheet=sheet, row=row)


def raise_if(problems: list[Problem]) -> None:
    """Raise every collected problem at once."""
    if problems:
        raise InputError(problems)
