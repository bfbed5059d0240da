"""Errors in a person's input file: where (file, sheet, row, column) and why, in Chinese."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One bad cell, field or line of an input file."""

    file: str
    reason: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        where = [f"文件 {self.file}"]
        if self.sheet:
            where.append(f"工作表“{self.sheet}”")
        if self.row is not None:
            where.append(f"第 {self.row} 行")
        if self.column:
            where.append(f"“{self.column}”")
        return "，".join(where) + f"：{self.reason}"


class InputError(ValueError):
    """A file a person must fix; nothing was stored. Holds every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"共 {len(self.problems)} 处问题，未导入任何内容："]
        lines += [f"  {n}. {p}" for n, p in enumerate(self.problems, 1)]
        return "\n".join(lines)


def fail(file: str, reason: str, **where) -> InputError:
    """Shorthand: an InputError with a single problem."""
    return InputError(Problem(file, reason, **where))
