"""Refusals: what a person must change before legalcap can go on, said in Chinese, with where (if known).

Every user-facing refusal derives from `Refusal`: the CLI prints it and exits 2, a mailbox receipt
or a portal page lists its `problems` (or its one message). Any other exception is a bug.

Two renderings: the command line's (`str(refusal)`, `said`) names options (`--due …`) and adds each
`hint` (an option or a command to run); a page's or a receipt's (`refusal.lines()`, `shown`) says the
option in plain words and leaves the hints out: people there never type a command.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# what a page or a receipt calls an option that locates a problem ("": the reason or the page says it)
OPTION_WORDS = {"--unit": "", "--date": "日期", "--on": "日期", "--due": "整改期限", "--verdict": "评定",
                "--effect": "实际成效得分", "--kind": "材料类别", "--method": "评估方式", "--role": "角色",
                "--scope": "范围", "--name": "姓名", "--out": "保存位置", "--by": "", "--notes": "",
                "--reason": ""}


@dataclass(frozen=True)
class Problem:
    """One bad cell, field or line of an input file (with file "--unit", one bad option; "": no place)."""

    file: str
    reason: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    hint: str = ""      # the command line's way out (an option, a command), said after the reason there only

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

    def __init__(self, message: str = "", problems: Iterable[Problem] = (), hint: str = "") -> None:
        self.message = message
        self.problems: list[Problem] = list(problems)
        self.hint = hint    # the command line's way out, after the message (never on a page or a receipt)
        super().__init__(str(self))

    def __str__(self) -> str:
        return self.message + self.hint if self.message else "\n".join(said(p) for p in self.problems)

    def lines(self) -> list[str]:
        """One plain line per problem (for a receipt or a page), or the message; no command-line words."""
        return [shown(p) for p in self.problems] or [self.message or str(self)]


def said(problem: Problem) -> str:
    """A problem as the command line says it: an option's (file "--unit") as given, with its hint."""
    if not problem.file or problem.file.startswith("--"):
        return "：".join(filter(None, (problem.file, problem.reason))) + problem.hint
    return str(problem) + problem.hint


def shown(problem: Problem) -> str:
    """A problem as a page or a receipt says it: an option in plain words (a code-like value dropped)."""
    if not problem.file.startswith("--"):
        return str(problem) if problem.file else problem.reason
    option, _, value = problem.file.partition(" ")
    word = OPTION_WORDS.get(option, "")
    where = f"{word} {value}" if word and value and not re.search("[A-Za-z]", value) else word
    return f"{where}：{problem.reason}" if where else problem.reason


class InputError(Refusal):
    """A file a person must fix; nothing was stored. Holds every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | Problem):
        super().__init__(problems=[problems] if isinstance(problems, Problem) else problems)

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return said(self.problems[0])
        lines = [f"共 {len(self.problems)} 处问题，未导入任何内容："]
        lines += [f"  {n}. {said(p)}" for n, p in enumerate(self.problems, 1)]
        return "\n".join(lines)


def fail(file: str, reason: str, **where) -> InputError:
    """Shorthand: an InputError with a single problem."""
    return InputError(Problem(file, reason, **where))
