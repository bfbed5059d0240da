"""Refusals: what a person must change before legalcap can go on, said in Chinese, with where (if known).

Every user-facing refusal derives from `Refusal`: the CLI prints it and exits 2, a mailbox receipt
or a portal page lists its `problems` (or its one message). Any other exception is a bug.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One bad cell, field or line of an input file (or, with file "--unit", one bad option)."""

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


class Refusal(Exception):
    """A refusal a person can act on: a Chinese message and/or the located problems; nothing was changed."""

    def __init__(self, message: str = "", problems: Iterable[Problem] = ()) -> None:
        self.message = message
        self.problems: list[Problem] = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return self.message or "\n".join(str(p) for p in self.problems)

    def lines(self) -> list[str]:
        """One line per problem (for a receipt or a page), or the message when no problem is located."""
        return [shown(p) for p in self.problems] or [str(self)]


def shown(problem: Problem) -> str:
    """A problem as one line: an option's (file "--unit") without the word 文件."""
    return f"{problem.file}：{problem.reason}" if problem.file.startswith("--") else str(problem)


class InputError(Refusal):
    """A file a person must fix; nothing was stored. Holds every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | Problem):
        super().__init__(problems=[problems] if isinstance(problems, Problem) else problems)

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"共 {len(self.problems)} 处问题，未导入任何内容："]
        lines += [f"  {n}. {p}" for n, p in enumerate(self.problems, 1)]
        return "\n".join(lines)


def fail(file: str, reason: str, **where) -> InputError:
    """Shorthand: an InputError with a single problem."""
    return InputError(Problem(file, reason, **where))
