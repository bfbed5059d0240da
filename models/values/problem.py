"""The one refusal shape of the input vocabulary: a ValueError whose message is the Chinese reason."""

from __future__ import annotations

MISSING = "未填写"


class ValueProblem(ValueError):
    """A typed value is refused; str(error) is the reason in Chinese, without file/sheet/row/column.

    A subclass of ValueError so a reader that catches ValueError keeps working; the caller adds the
    place (models.errors.Problem with file, sheet, row, column).
    """

    @property
    def reason(self) -> str:
        return str(self)
