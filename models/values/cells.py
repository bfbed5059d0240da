"""A spreadsheet cell as a person reads it: error values, numbers without float noise, visible text."""

from __future__ import annotations

from models.text_clean import visible_text
from models.values.problem import ValueProblem


class CellError:
    """An error value shown in a cell (#DIV/0!, #N/A, #VALUE!, #REF! …): a formula that failed."""

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"CellError({self.code!r})"


def cell_error(value: object) -> str:
    """The reason to refuse an error-value cell, '' for any other value."""
    if value.__class__ is CellError:
        return f"单元格显示错误值 {value}（公式无法计算），请改正公式或直接填写内容"
    return ""


def refuse_cell_error(value: object) -> None:
    """ValueProblem when `value` is an error-value cell."""
    if value.__class__ is CellError:
        raise ValueProblem(cell_error(value))


def cell_text(value: object) -> str:
    """A cell as a person reads it, trimmed ('' when empty): no invisible characters, no float noise."""
    if value is None:
        return ""
    if value.__class__ is str:
        return (value if value.isprintable() else visible_text(value)).strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"   # as Excel shows it: 15 significant digits, no float noise
    return str(value).strip()
